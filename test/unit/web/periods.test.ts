import { describe, expect, it } from 'vitest';
import * as server from '../../../src/domain/period.ts';
import {
  comparePeriods,
  periodLabel,
  periodsOf,
  periodsWithin,
  previousPeriod,
  toFrequency,
} from '../../../web/src/components/indicators/periods.ts';

/** The browser's copy of the period rules (web/src cannot import server code) must agree with the server's. */

const FREQS = ['year', 'quarter', 'month'] as const;
const SAMPLE = [
  ...periodsOf('year', 2020, 2025),
  ...periodsOf('quarter', 2021, 2024),
  ...periodsOf('month', 2022, 2023),
];

describe('web periods', () => {
  it('maps a period onto every frequency as the server does', () => {
    for (const p of SAMPLE)
      for (const f of FREQS)
        expect(toFrequency(p, f), `${p} → ${f}`).toBe(
          server.formatPeriod(server.toFrequency(server.parsePeriod(p), f)),
        );
  });

  it('labels periods as the server does, in both languages', () => {
    for (const p of SAMPLE)
      for (const lang of ['zh', 'en'] as const)
        expect(periodLabel(p, lang)).toBe(server.periodLabel(server.parsePeriod(p), lang));
  });

  it('orders periods by their end as the server does', () => {
    const shuffled = [...SAMPLE].reverse();
    const mine = [...shuffled].sort(comparePeriods);
    const theirs = [...shuffled].sort((a, b) => server.comparePeriods(server.parsePeriod(a), server.parsePeriod(b)));
    expect(mine).toEqual(theirs);
  });

  it('lists the finer periods inside a period, and steps back one period', () => {
    expect(periodsWithin('2024', 'quarter')).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4']);
    expect(periodsWithin('2024Q3', 'month')).toEqual(['2024-07', '2024-08', '2024-09']);
    expect(periodsWithin('2024Q3', 'year')).toEqual(['2024']);
    expect(periodsWithin('2024-08', 'quarter')).toEqual(['2024Q3']);
    expect(periodsWithin('2024', 'month')).toHaveLength(12);
    expect(previousPeriod('2024')).toBe('2023');
    expect(previousPeriod('2024Q1')).toBe('2023Q4');
    expect(previousPeriod('2024-01')).toBe('2023-12');
    expect(previousPeriod('2024-10')).toBe('2024-09');
  });
});
