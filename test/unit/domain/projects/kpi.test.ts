import { describe, expect, it } from 'vitest';
import {
  aggregateInvestment,
  computeKpis,
  computeKpisByGroupings,
  type KpiProject,
} from '../../../../src/domain/projects/index.ts';

const period = { from: '2026-01-01', to: '2026-09-30', year: 2026, throughMonth: 9 };

function proj(id: string, county: string, extra: Partial<KpiProject> = {}): KpiProject {
  return {
    id,
    county,
    zone: null,
    chain: null,
    leader: null,
    milestones: {},
    planned: {},
    plannedAnnualInvestment: 0,
    ...extra,
  };
}

const projects: KpiProject[] = [
  // 盐湖区: a1–a3 signed this year; only a1 started by 30 Sep (a2 in October) → landing 1/3
  proj('a1', '盐湖区', {
    leader: 'L1',
    milestones: { signed: '2026-01-10', started: '2026-03-01' },
    planned: { started: '2026-03-01' },
    plannedAnnualInvestment: 100,
  }),
  proj('a2', '盐湖区', {
    leader: 'L1',
    milestones: { signed: '2026-02-10', started: '2026-10-01' },
    planned: { started: '2026-06-01' },
    plannedAnnualInvestment: 300,
  }),
  proj('a3', '盐湖区', { leader: 'L2', milestones: { signed: '2026-05-10' }, planned: { started: '2026-12-01' } }),
  // signed last year: not in this year's landing rate, but planned to start this year and did
  proj('a4', '盐湖区', {
    leader: 'L2',
    milestones: { signed: '2025-11-10', started: '2026-02-01', in_production: '2026-09-30' },
    planned: { started: '2026-02-01', in_production: '2026-09-01', at_capacity: '2026-09-15' },
  }),
  // 永济市: nothing signed → landing rate null, not 0
  proj('b1', '永济市', {
    zone: '永济经开区',
    milestones: {},
    planned: { in_production: '2026-08-01' },
    plannedAnnualInvestment: 50,
  }),
];

const rows = [
  { projectId: 'a1', year: 2026, month: 1, amount: 20 },
  { projectId: 'a1', year: 2026, month: 9, amount: 30 },
  { projectId: 'a1', year: 2026, month: 10, amount: 999 }, // after the report month
  { projectId: 'a1', year: 2025, month: 5, amount: 999 }, // another year
  { projectId: 'a2', year: 2026, month: 4, amount: 100 },
  { projectId: 'b1', year: 2026, month: 2, amount: 5 },
];

describe('computeKpis', () => {
  const ytd = aggregateInvestment(rows, 2026, 9);

  it('sums only the year to date', () => {
    expect([...ytd.entries()].sort()).toEqual([
      ['a1', 50],
      ['a2', 100],
      ['b1', 5],
    ]);
  });

  it('sums correctly when rows of one project are not contiguous', () => {
    const shuffled = [rows[4]!, rows[0]!, rows[5]!, rows[1]!, rows[4]!, rows[2]!];
    expect(Object.fromEntries(aggregateInvestment(shuffled, 2026, 9))).toEqual({ a2: 200, a1: 50, b1: 5 });
  });

  it('computes the five rates per county with provenance', () => {
    const [b, a] = [...computeKpis(projects, ytd, period, 'county')].sort((x, y) => x.projectCount - y.projectCount);
    expect(a!.group).toBe('盐湖区');
    expect(a!.projectCount).toBe(4);
    expect(a!.landingRate).toMatchObject({
      numerator: 1,
      denominator: 3,
      numeratorIds: ['a1'],
      denominatorIds: ['a1', 'a2', 'a3'],
    });
    expect(a!.landingRate.rate).toBeCloseTo(1 / 3, 12);
    // planned starts in period: a1, a2, a4 (a3 plans December); started by 30 Sep: a1, a4
    expect(a!.startRate).toMatchObject({
      numerator: 2,
      denominator: 3,
      numeratorIds: ['a1', 'a4'],
      denominatorIds: ['a1', 'a2', 'a4'],
    });
    // (50 + 100) / (100 + 300)
    expect(a!.investmentCompletionRate).toMatchObject({
      numerator: 150,
      denominator: 400,
      rate: 0.375,
      numeratorIds: ['a1', 'a2'],
      denominatorIds: ['a1', 'a2'],
    });
    // production on the last day of the period counts
    expect(a!.productionRate).toMatchObject({ numerator: 1, denominator: 1, rate: 1, numeratorIds: ['a4'] });
    expect(a!.capacityRate).toMatchObject({ numerator: 0, denominator: 1, rate: 0, denominatorIds: ['a4'] });
    expect(b!.landingRate).toMatchObject({ numerator: 0, denominator: 0, rate: null });
    expect(b!.productionRate).toMatchObject({ numerator: 0, denominator: 1, rate: 0 });
    expect(b!.investmentCompletionRate.rate).toBe(0.1);
  });

  it('groups by leader and by zone, leaving out projects without one', () => {
    const byLeader = computeKpis(projects, ytd, period, 'leader');
    expect(byLeader.map((g) => [g.group, g.projectCount])).toEqual([
      ['L1', 2],
      ['L2', 2],
    ]);
    expect(byLeader[0]!.landingRate.rate).toBe(0.5); // a1 started, a2 started only in October
    const byZone = computeKpis(projects, ytd, period, 'zone');
    expect(byZone.map((g) => g.group)).toEqual(['永济经开区']);
  });

  it('gives the same result in one pass over several groupings', () => {
    const all = computeKpisByGroupings(projects, ytd, period, ['county', 'leader', 'zone']);
    expect(all.county).toEqual(computeKpis(projects, ytd, period, 'county'));
    expect(all.leader).toEqual(computeKpis(projects, ytd, period, 'leader'));
    expect(all.chain).toBeUndefined();
  });
});
