import { describe, expect, it } from 'vitest';
import { computeKpis, KPI_KEYS, type KpiProject, kpiBreakdown } from '../../../../src/domain/projects/index.ts';

const period = { from: '2026-01-01', to: '2026-09-30', year: 2026, throughMonth: 9 };

const proj = (id: string, county: string, extra: Partial<KpiProject> = {}): KpiProject => ({
  id,
  county,
  milestones: {},
  planned: {},
  plannedAnnualInvestment: 0,
  ...extra,
});

const projects: KpiProject[] = [
  proj('a1', '盐湖区', {
    milestones: { signed: '2026-01-10', started: '2026-03-01' },
    planned: { started: '2026-03-01' },
    plannedAnnualInvestment: 100,
  }),
  // started after the period's end: in the start rate's denominator, not its numerator
  proj('a2', '盐湖区', {
    milestones: { signed: '2026-02-10', started: '2026-10-01' },
    planned: { started: '2026-06-01' },
    plannedAnnualInvestment: 300,
  }),
  // planned for December: not in this period's start rate at all
  proj('a3', '盐湖区', { milestones: { signed: '2025-05-10' }, planned: { started: '2026-12-01' } }),
  // investment completed without an annual plan: in the numerator only
  proj('a4', '盐湖区', { milestones: { signed: '2025-11-10', started: '2026-02-01' } }),
  proj('b1', '永济市', { planned: { in_production: '2026-08-01' }, plannedAnnualInvestment: 50 }),
];
const ytd = new Map([
  ['a1', 80],
  ['a2', 60],
  ['a4', 10],
]);

describe('kpiBreakdown: the projects behind one KPI of one group', () => {
  it('agrees with computeKpis for every county and every KPI', () => {
    const groups = computeKpis(projects, ytd, period, 'county');
    for (const g of groups) {
      const mine = projects.filter((p) => p.county === g.group);
      for (const kpi of KPI_KEYS) {
        const b = kpiBreakdown(mine, ytd, period, kpi);
        expect([b.ratio.numerator, b.ratio.denominator, b.ratio.rate]).toEqual([
          g[kpi].numerator,
          g[kpi].denominator,
          g[kpi].rate,
        ]);
        expect(b.lines.filter((l) => l.counted).map((l) => l.id)).toEqual(g[kpi].numeratorIds);
        expect(b.lines.filter((l) => l.inDenominator).map((l) => l.id)).toEqual(g[kpi].denominatorIds);
      }
    }
  });

  it('start rate: planned start and actual start of each project in the denominator', () => {
    const b = kpiBreakdown(
      projects.filter((p) => p.county === '盐湖区'),
      ytd,
      period,
      'startRate',
    );
    expect(b.lines).toEqual([
      {
        id: 'a1',
        inDenominator: true,
        counted: true,
        basis: '2026-03-01',
        reached: '2026-03-01',
        planned: null,
        completed: null,
      },
      {
        id: 'a2',
        inDenominator: true,
        counted: false,
        basis: '2026-06-01',
        reached: '2026-10-01',
        planned: null,
        completed: null,
      },
    ]);
    expect(b.ratio.rate).toBe(0.5);
  });

  it('investment: planned and completed per project; one with no plan counts in the numerator only', () => {
    const b = kpiBreakdown(
      projects.filter((p) => p.county === '盐湖区'),
      ytd,
      period,
      'investmentCompletionRate',
    );
    expect(b.lines.map((l) => [l.id, l.inDenominator, l.counted, l.planned, l.completed])).toEqual([
      ['a1', true, true, 100, 80],
      ['a2', true, true, 300, 60],
      ['a4', false, true, 0, 10],
    ]);
    expect(b.ratio.numerator).toBe(150);
    expect(b.ratio.denominator).toBe(400);
  });

  it('an empty group has nothing to measure: rate null, no lines', () => {
    const b = kpiBreakdown([], ytd, period, 'landingRate');
    expect(b).toEqual({
      kpi: 'landingRate',
      ratio: { numerator: 0, denominator: 0, rate: null, numeratorIds: [], denominatorIds: [] },
      lines: [],
    });
  });
});
