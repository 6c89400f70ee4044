import { DEFAULT_EVALUATION_CONFIG, type EvaluationConfig } from './config.ts';
import { type Inputs, STATUSES, type Status } from './types.ts';

export interface RollupGroup {
  key: string;
  counts: Record<Status, number>;
  total: number;
  /** Items whose status has a weight (no_data and not_assessable have none by default). */
  assessed: number;
  /** Weighted mean of the assessed items' status weights, 0–100; null when none is assessed. */
  score: number | null;
  rule: 'rollup.weighted_mean';
  inputs: Inputs;
}

/**
 * Counts per status and a weighted score per group: by category, chapter, lead unit, county or any
 * other key. `keyOf` may return several keys (an indicator led by two units counts for both) or
 * none. Groups come back in the order their keys were first seen.
 */
export function rollUp<T extends { status: Status }>(
  items: readonly T[],
  keyOf: (item: T) => string | readonly string[] | null | undefined,
  config: Pick<EvaluationConfig, 'weights'> = DEFAULT_EVALUATION_CONFIG,
): RollupGroup[] {
  const groups = new Map<string, Record<Status, number>>();
  for (const item of items) {
    const k = keyOf(item);
    const keys = k == null ? [] : typeof k === 'string' ? [k] : k;
    for (const key of keys) {
      const counts = groups.get(key) ?? emptyCounts();
      groups.set(key, counts);
      counts[item.status]++;
    }
  }
  return [...groups].map(([key, counts]) => summarise(key, counts, config.weights));
}

export function emptyCounts(): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
}

/** Score of one group's counts: Σ count × weight / Σ count over statuses that have a weight. */
export function summarise(
  key: string,
  counts: Record<Status, number>,
  weights: Record<Status, number | null>,
): RollupGroup {
  let total = 0;
  let assessed = 0;
  let sum = 0;
  for (const s of STATUSES) {
    total += counts[s];
    const w = weights[s];
    if (w === null) continue;
    assessed += counts[s];
    sum += counts[s] * w;
  }
  const inputs: Inputs = { ...counts };
  for (const s of STATUSES) inputs[`weight.${s}`] = weights[s];
  return {
    key,
    counts,
    total,
    assessed,
    score: assessed ? sum / assessed : null,
    rule: 'rollup.weighted_mean',
    inputs,
  };
}
