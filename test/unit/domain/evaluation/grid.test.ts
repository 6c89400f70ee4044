import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateGrid,
  evaluateIndicator,
  type Indicator,
  requiredRate,
  STATUSES,
  statusOf,
  type Target,
} from '../../../../src/domain/evaluation/index.ts';
import { firstPeriodOf, formatPeriod, periodRange } from '../../../../src/domain/period.ts';
import { ind, PLAN } from './helpers.ts';

const TARGETS: Target[] = [
  { kind: 'level', value: 130 },
  { kind: 'level', value: 80 },
  { kind: 'level', value: 160, path: 'geometric' },
  { kind: 'growth', ratePct: 6 },
  { kind: 'growth', ratePct: -4 },
  { kind: 'growth', ratePct: 7, measure: 'rate' },
  { kind: 'cumulative', total: 100 },
  { kind: 'cumulative', total: 100, basis: 'to_date' },
  { kind: 'bound', op: '≤', value: 110 },
  { kind: 'bound', op: '>', value: 95 },
  { kind: 'provincial', assignments: { 2021: 100, 2023: 104 } },
  { kind: 'trend' },
  { kind: 'none' },
];

describe('evaluateGrid', () => {
  const periods = periodRange(firstPeriodOf(PLAN, 'quarter'), { frequency: 'quarter', year: 2025, index: 4 });
  /** Values in the range where each rule changes its mind: rates of a few percent, small flows. */
  const valuesFor = (t: Target) => {
    const [min, max] =
      t.kind === 'growth' && t.measure === 'rate'
        ? [-2, 15]
        : t.kind === 'cumulative' && !t.basis
          ? [0, 10]
          : [60, 170];
    const value = fc.oneof(
      { weight: 1, arbitrary: fc.constant(Number.NaN) },
      { weight: 9, arbitrary: fc.double({ min, max, noNaN: true }) },
    );
    return fc.array(value, { minLength: periods.length, maxLength: periods.length });
  };

  it('gives every cell the status evaluateIndicator gives it (all target kinds, both attributes)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TARGETS).chain((t) => fc.tuple(fc.constant(t), valuesFor(t))),
        fc.constantFrom<Indicator['attribute']>('expected', 'binding'),
        fc.constantFrom<Indicator['direction']>('higher', 'lower'),
        fc.integer({ min: 0, max: periods.length - 1 }),
        ([target, row], attribute, direction, at) => {
          const i = ind(target, { attribute, direction, frequency: 'quarter' });
          const grid = evaluateGrid(i, PLAN, periods, Float64Array.from([...row, ...row]));
          const observations = row.flatMap((v, k) =>
            Number.isNaN(v) ? [] : [{ period: formatPeriod(periods[k]!), value: v }],
          );
          const single = evaluateIndicator(i, PLAN, observations, periods[at]!);
          expect(statusOf(grid.status[at]!)).toBe(single.status);
          expect(statusOf(grid.status[periods.length + at]!)).toBe(single.status); // regions are independent
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('returns ratios only when asked, and the shared path', () => {
    const i = ind({ kind: 'level', value: 150 });
    const years = periodRange(firstPeriodOf(PLAN, 'year'), { frequency: 'year', year: 2025, index: 1 });
    const values = Float64Array.from([110, 120, 130, 140, 150]);
    expect(evaluateGrid(i, PLAN, years, values).ratio).toBeNull();
    const r = evaluateGrid(i, PLAN, years, values, undefined, { ratios: true });
    expect(Array.from(r.expected)).toEqual([110, 120, 130, 140, 150]);
    expect(Array.from(r.ratio ?? [])).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(r.status, statusOf)).toEqual(['on_track', 'on_track', 'on_track', 'on_track', 'achieved']);
    expect(() => statusOf(STATUSES.length)).toThrow(RangeError);
  });
});

describe('requiredRate', () => {
  it('is the compound rate that closes the gap in the years left', () => {
    expect(requiredRate(100, 121, 2)).toBeCloseTo(10, 10);
    expect(requiredRate(100, 81, 2)).toBeCloseTo(-10, 10);
    expect(requiredRate(100, 121, 0)).toBeNaN();
    expect(requiredRate(-5, 121, 2)).toBeNaN();
  });
});
