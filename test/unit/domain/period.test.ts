import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparePeriods,
  formatPeriod,
  fractionElapsed,
  isLastOfYear,
  nextPeriod,
  type Period,
  parsePeriod,
  periodEnd,
  periodLabel,
  periodRange,
  toFrequency,
  tryParsePeriod,
} from '../../../src/domain/period.ts';

const plan = { start: 2021, end: 2025 };

describe('parsePeriod / formatPeriod', () => {
  it('reads years, quarters and months', () => {
    expect(parsePeriod('2023')).toEqual({ frequency: 'year', year: 2023, index: 1 });
    expect(parsePeriod('2023Q3')).toEqual({ frequency: 'quarter', year: 2023, index: 3 });
    expect(parsePeriod('2023q1')).toEqual({ frequency: 'quarter', year: 2023, index: 1 });
    expect(parsePeriod('2023-07')).toEqual({ frequency: 'month', year: 2023, index: 7 });
    expect(parsePeriod(' 2023-7 ')).toEqual({ frequency: 'month', year: 2023, index: 7 });
  });

  it('rejects what is not a period', () => {
    for (const bad of ['2023Q5', '2023Q0', '2023-13', '2023-00', '23', '2023年', '', '2023-07-01']) {
      expect(tryParsePeriod(bad)).toBeNull();
    }
    expect(() => parsePeriod('2023Q5')).toThrow(/not a period: "2023Q5"/);
  });

  it('formats canonically and round-trips any period', () => {
    expect(formatPeriod(parsePeriod('2023-7'))).toBe('2023-07');
    const period = fc.oneof(
      fc.record({
        frequency: fc.constant('year' as const),
        year: fc.integer({ min: 1949, max: 2100 }),
        index: fc.constant(1),
      }),
      fc.record({
        frequency: fc.constant('quarter' as const),
        year: fc.integer({ min: 1949, max: 2100 }),
        index: fc.integer({ min: 1, max: 4 }),
      }),
      fc.record({
        frequency: fc.constant('month' as const),
        year: fc.integer({ min: 1949, max: 2100 }),
        index: fc.integer({ min: 1, max: 12 }),
      }),
    );
    fc.assert(
      fc.property(period, (p: Period) => {
        expect(parsePeriod(formatPeriod(p))).toEqual(p);
      }),
    );
  });

  it('labels in both languages', () => {
    expect(periodLabel(parsePeriod('2023'), 'zh')).toBe('2023年');
    expect(periodLabel(parsePeriod('2023Q3'), 'zh')).toBe('2023年第3季度');
    expect(periodLabel(parsePeriod('2023-07'), 'zh')).toBe('2023年7月');
    expect(periodLabel(parsePeriod('2023Q3'), 'en')).toBe('2023 Q3');
  });
});

describe('ordering and plan time', () => {
  it('puts the end of a period on one time axis', () => {
    expect(periodEnd(parsePeriod('2020'))).toBe(2020);
    expect(periodEnd(parsePeriod('2023Q3'))).toBeCloseTo(2022.75, 10);
    expect(periodEnd(parsePeriod('2023-06'))).toBeCloseTo(2022.5, 10);
  });

  it('orders by end, finer first when ends coincide', () => {
    const sorted = ['2024', '2023Q4', '2023-12', '2023', '2023Q3', '2023-01'].map(parsePeriod).sort(comparePeriods);
    expect(sorted.map(formatPeriod)).toEqual(['2023-01', '2023Q3', '2023-12', '2023Q4', '2023', '2024']);
  });

  it('computes the share of plan time elapsed (时间过半 at mid-2023)', () => {
    expect(fractionElapsed(plan, parsePeriod('2023'))).toBeCloseTo(0.6, 10);
    expect(fractionElapsed(plan, parsePeriod('2023Q2'))).toBeCloseTo(0.5, 10);
    expect(fractionElapsed(plan, parsePeriod('2023-06'))).toBeCloseTo(0.5, 10);
    expect(fractionElapsed(plan, parsePeriod('2021Q1'))).toBeCloseTo(0.05, 10);
    expect(fractionElapsed(plan, parsePeriod('2020'))).toBe(0);
    expect(fractionElapsed(plan, parsePeriod('2027'))).toBe(1);
  });

  it('steps, ranges and converts frequency', () => {
    expect(formatPeriod(nextPeriod(parsePeriod('2023Q4')))).toBe('2024Q1');
    expect(formatPeriod(nextPeriod(parsePeriod('2023-12')))).toBe('2024-01');
    expect(periodRange(parsePeriod('2021Q1'), parsePeriod('2025Q4'))).toHaveLength(20);
    expect(periodRange(parsePeriod('2023'), parsePeriod('2021'))).toEqual([]);
    expect(formatPeriod(toFrequency(parsePeriod('2023'), 'quarter'))).toBe('2023Q4');
    expect(formatPeriod(toFrequency(parsePeriod('2023-07'), 'quarter'))).toBe('2023Q3');
    expect(formatPeriod(toFrequency(parsePeriod('2023Q3'), 'month'))).toBe('2023-09');
    expect(formatPeriod(toFrequency(parsePeriod('2023Q3'), 'year'))).toBe('2023');
    expect(isLastOfYear(parsePeriod('2023Q4'))).toBe(true);
    expect(isLastOfYear(parsePeriod('2023-11'))).toBe(false);
  });
});
