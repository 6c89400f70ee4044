import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RUBRIC,
  parseRubric,
  type RegionInput,
  rankWithPrevious,
  scoreRegions,
  trimmedMean,
} from '../../../../src/domain/projects/index.ts';

const region = (regionId: string, values: RegionInput['values']): RegionInput => ({ regionId, values });
const perfect = {
  landingRate: 0.8,
  startRate: 0.9,
  investmentCompletionRate: 0.75,
  timeProgress: 0.75,
  productionRate: 0.8,
  tourScore: 100,
};

describe('scoreRegions with DEFAULT_RUBRIC', () => {
  // A: 0.72/0.8 → 18; 0.9/0.9 → 20; 0.6/0.75 → 20; 0.8/0.8 → 15; 86/100 → 17.2; 3 overdue → −1.5 = 88.7
  const A = region('A', {
    landingRate: 0.72,
    startRate: 0.9,
    investmentCompletionRate: 0.6,
    timeProgress: 0.75,
    productionRate: 0.8,
    tourScore: 86,
    overdueProblems: 3,
  });
  // B: landing capped at 20; 0.81/0.9 → 18; 0.9/0.75 = 1.2 capped at 1.1 → 27.5; 0.4/0.8 → 7.5; 90 → 18;
  //    12 overdue → 6, capped at 5 = 86
  const B = region('B', {
    landingRate: 0.9,
    startRate: 0.81,
    investmentCompletionRate: 0.9,
    timeProgress: 0.75,
    productionRate: 0.4,
    tourScore: 90,
    overdueProblems: 12,
  });
  // C: perfect but vetoed
  const C = region('C', { ...perfect, majorSafetyAccident: true });

  it('scores each item by hand-computed numbers', () => {
    const [a, b, c] = scoreRegions(DEFAULT_RUBRIC, [C, B, A]);
    expect(a).toMatchObject({
      regionId: 'A',
      rubric: { id: 'wugeyi-quarterly', version: 1 },
      score: 88.7,
      rank: 1,
      vetoed: false,
    });
    expect(a!.items.map((i) => i.points)).toEqual([18, 20, 20, 15, 17.2]);
    expect(a!.deductions[0]).toMatchObject({ count: 3, points: 1.5 });
    expect(b).toMatchObject({ regionId: 'B', score: 86, rank: 2 });
    expect(b!.items.map((i) => i.points)).toEqual([20, 18, 27.5, 7.5, 18]);
    expect(b!.deductions[0]!.points).toBe(5);
    expect(c).toMatchObject({ regionId: 'C', score: 0, rank: 3, vetoed: true });
    expect(c!.vetoes[0]).toEqual({
      code: 'VETO_safety',
      zh: '一票否决：发生重大安全生产事故',
      en: 'Vetoed: Major safety accident',
    });
  });

  it('keeps the rule and inputs behind each item', () => {
    const [a] = scoreRegions(DEFAULT_RUBRIC, [A]);
    const inv = a!.items[2]!;
    expect(inv.rule).toEqual({ kind: 'ratio_to_target', targetInput: 'timeProgress', cap: 1.1 });
    expect(inv.inputs).toEqual({ investmentCompletionRate: 0.6, target: 0.75 });
    expect(inv.zh).toBe('投资完成率0.6/0.75，按80%计20分');
  });

  it('gives 0 for a missing input and says so', () => {
    const [r] = scoreRegions(DEFAULT_RUBRIC, [region('X', { ...perfect, tourScore: null })]);
    expect(r!.score).toBe(80);
    expect(r!.items[4]).toMatchObject({ points: 0, en: 'Inspection-tour score: no data, 0 points' });
  });

  it('breaks equal totals by investment completion points', () => {
    // D: 20+20+25+15+20 = 100; E: 20+20+27.5 (0.825/0.75 = 1.1) +15+17.5 = 100
    const D = region('D', perfect);
    const E = region('E', { ...perfect, investmentCompletionRate: 0.825, tourScore: 87.5 });
    const out = scoreRegions(DEFAULT_RUBRIC, [D, E]);
    expect(out.map((r) => [r.regionId, r.score, r.rank])).toEqual([
      ['E', 100, 1],
      ['D', 100, 2],
    ]);
  });

  it('lets identical regions share a rank, ordered by id, whatever the input order', () => {
    const rs = [region('Z', perfect), region('M', perfect), region('Q', { ...perfect, tourScore: 50 })];
    const one = scoreRegions(DEFAULT_RUBRIC, rs).map((r) => [r.regionId, r.rank]);
    const two = scoreRegions(DEFAULT_RUBRIC, [...rs].reverse()).map((r) => [r.regionId, r.rank]);
    expect(one).toEqual([
      ['M', 1],
      ['Z', 1],
      ['Q', 3],
    ]);
    expect(two).toEqual(one);
  });

  it('gives the same ranking for any input order (property)', () => {
    const rate = fc.constantFrom(0, 0.5, 0.8, 0.9, 1);
    const regionArb = fc.record({
      landingRate: rate,
      startRate: rate,
      investmentCompletionRate: rate,
      productionRate: rate,
      tourScore: fc.constantFrom(60, 80, 100),
    });
    fc.assert(
      fc.property(
        fc
          .array(regionArb, { minLength: 1, maxLength: 8 })
          .map((vals) => vals.map((v, i) => region(`r${i}`, { ...v, timeProgress: 0.75 })))
          .chain((rs) =>
            fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length })),
          ),
        ([rs, shuffled]) => {
          const key = (xs: RegionInput[]) =>
            scoreRegions(DEFAULT_RUBRIC, xs).map((r) => `${r.regionId}:${r.rank}:${r.score}`);
          expect(key(shuffled)).toEqual(key(rs));
        },
      ),
    );
  });

  it('does not let float noise split a tie (0.1 + 0.2)', () => {
    const r = scoreRegions(DEFAULT_RUBRIC, [
      region('a', { ...perfect, tourScore: 0.1 + 0.2 }),
      region('b', { ...perfect, tourScore: 0.3 }),
    ]);
    expect(r[0]!.rank).toBe(r[1]!.rank);
  });
});

describe('rubric blocks', () => {
  const rubric = parseRubric({
    id: 't',
    version: 3,
    name: { zh: '测试', en: 'test' },
    items: [
      {
        key: 'pp',
        label: { zh: '开工率', en: 'Start rate' },
        input: 'startRate',
        weight: 10,
        rule: { kind: 'per_point', baseline: 0.8, basePoints: 6, pointsPerPoint: 0.5 },
      },
      {
        key: 'size',
        label: { zh: '投资规模', en: 'Investment size' },
        input: 'investment',
        weight: 10,
        rule: {
          kind: 'size_bands',
          bands: [
            { min: 0, points: 2 },
            { min: 50, points: 6 },
            { min: 100, points: 10 },
          ],
        },
      },
      {
        key: 'count',
        label: { zh: '亿元项目', en: 'Big projects' },
        input: 'bigProjects',
        weight: 5,
        rule: { kind: 'count', pointsEach: 2 },
      },
      {
        key: 'rank',
        label: { zh: '增速排名', en: 'Growth rank' },
        input: 'growth',
        weight: 10,
        rule: {
          kind: 'rank_bands',
          bands: [
            { upToRank: 1, points: 10 },
            { upToRank: 3, points: 6 },
            { upToRank: 99, points: 2 },
          ],
        },
      },
    ],
  });

  it('per point: 6 + (0.86 − 0.8)·100·0.5 = 9; clamped to the weight and to min 0', () => {
    const out = scoreRegions(rubric, [
      region('a', { startRate: 0.86 }),
      region('b', { startRate: 0.95 }),
      region('c', { startRate: 0.6 }),
    ]);
    const pts = Object.fromEntries(out.map((r) => [r.regionId, r.items[0]!.points]));
    expect(pts).toEqual({ a: 9, b: 10, c: 0 });
  });

  it('size bands: the highest band reached, inclusive at its lower edge', () => {
    const out = scoreRegions(rubric, [
      region('a', { investment: 49.99 }),
      region('b', { investment: 50 }),
      region('c', { investment: 300 }),
    ]);
    expect(Object.fromEntries(out.map((r) => [r.regionId, r.items[1]!.points]))).toEqual({ a: 2, b: 6, c: 10 });
  });

  it('count: 2 points each, capped at the weight 5', () => {
    const out = scoreRegions(rubric, [region('a', { bigProjects: 2 }), region('b', { bigProjects: 3 })]);
    expect(Object.fromEntries(out.map((r) => [r.regionId, r.items[2]!.points]))).toEqual({ a: 4, b: 5 });
  });

  it('rank bands: ties share a rank (1, 2, 2, 4)', () => {
    const out = scoreRegions(rubric, [
      region('a', { growth: 9 }),
      region('b', { growth: 7 }),
      region('c', { growth: 7 }),
      region('d', { growth: 1 }),
      region('e', {}),
    ]);
    const byId = Object.fromEntries(
      out.map((r) => [r.regionId, [r.items[3]!.inputs['rank'] ?? null, r.items[3]!.points]]),
    );
    expect(byId).toEqual({ a: [1, 10], b: [2, 6], c: [2, 6], d: [4, 2], e: [null, 0] });
  });

  it('rejects malformed rubrics', () => {
    const base = { id: 'x', version: 1, name: { zh: '甲', en: 'x' } };
    const it_ = (key: string, rule: unknown) => ({ key, label: { zh: '甲', en: 'x' }, input: key, weight: 1, rule });
    expect(() => parseRubric({ ...base, items: [it_('a', { kind: 'ratio_to_target' })] })).toThrow();
    expect(() =>
      parseRubric({ ...base, items: [it_('a', { kind: 'ratio_to_target', target: 1, targetInput: 't' })] }),
    ).toThrow();
    expect(() =>
      parseRubric({
        ...base,
        items: [it_('a', { kind: 'count', pointsEach: 1 }), it_('a', { kind: 'count', pointsEach: 1 })],
      }),
    ).toThrow(/duplicate/);
    expect(() =>
      parseRubric({ ...base, items: [it_('a', { kind: 'count', pointsEach: 1 })], tieBreak: ['b'] }),
    ).toThrow(/tieBreak/);
    expect(() => parseRubric({ ...base, version: 0, items: [it_('a', { kind: 'count', pointsEach: 1 })] })).toThrow();
  });

  it('DEFAULT_RUBRIC weighs 100 points nominal', () => {
    expect(DEFAULT_RUBRIC.items.reduce((s, i) => s + i.weight, 0)).toBe(100);
    expect(DEFAULT_RUBRIC.version).toBe(1);
  });
});

describe('trimmedMean (inspection tour)', () => {
  it('keeps all four judges: (80 + 90 + 70 + 99) / 4 = 84.75', () => {
    expect(trimmedMean([80, 90, 70, 99])).toEqual({ mean: 84.75, used: [70, 80, 90, 99], dropped: [] });
  });

  it('drops highest and lowest from five judges: (80 + 90 + 95) / 3 = 88.33', () => {
    expect(trimmedMean([80, 90, 70, 100, 95])).toEqual({ mean: 88.33, used: [80, 90, 95], dropped: [70, 100] });
  });

  it('drops only one of several equal extremes', () => {
    expect(trimmedMean([90, 90, 90, 60, 60, 60]).mean).toBe(75);
  });

  it('has no mean without judges', () => {
    expect(trimmedMean([]).mean).toBeNull();
  });
});

describe('rankWithPrevious', () => {
  it('reports places gained and lost, and new entries', () => {
    const out = rankWithPrevious(
      [
        { regionId: 'A', rank: 1 },
        { regionId: 'B', rank: 2 },
        { regionId: 'C', rank: 3 },
        { regionId: 'D', rank: 4 },
      ],
      [
        { regionId: 'A', rank: 3 },
        { regionId: 'B', rank: 2 },
        { regionId: 'C', rank: 1 },
      ],
    );
    expect(out.map((r) => [r.regionId, r.previousRank, r.change, r.zh])).toEqual([
      ['A', 3, 2, '上升2位'],
      ['B', 2, 0, '位次不变'],
      ['C', 1, -2, '下降2位'],
      ['D', null, null, '上期未排名'],
    ]);
  });
});
