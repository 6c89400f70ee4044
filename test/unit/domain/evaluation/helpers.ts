import type { Indicator, Observation, Target } from '../../../../src/domain/evaluation/index.ts';

/** 十四五: 2021–2025, baseline 2020. */
export const PLAN = { start: 2021, end: 2025 };

/** An annual, expected, higher-is-better indicator with baseline 100 in 2020, overridable. */
export function ind(target: Target, over: Partial<Indicator> = {}): Indicator {
  return {
    id: 'x',
    name: '测试指标',
    unit: '',
    attribute: 'expected',
    direction: 'higher',
    frequency: 'year',
    baseline: { year: 2020, value: 100 },
    target,
    ...over,
  };
}

/** Observations from a `{ period: value }` map. */
export function obs(values: Record<string, number>, part?: string): Observation[] {
  return Object.entries(values).map(([period, value]) => (part ? { period, value, part } : { period, value }));
}
