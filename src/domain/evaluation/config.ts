import type { Status } from './types.ts';

/**
 * Thresholds of the evaluation. Defaults, and where they come from:
 *
 * | setting                   | default | meaning                                                              |
 * |---------------------------|---------|----------------------------------------------------------------------|
 * | ratio.ahead               | 1.10    | progress ratio ≥ 1.10 → ahead 快于预期 (our choice: 10 % ahead of path) |
 * | ratio.onTrack             | 0.95    | ≥ 0.95 → on_track 基本符合预期 (Open SDG / Statistics Canada)            |
 * | ratio.behind              | 0.60    | ≥ 0.60 → behind 滞后; below → seriously_behind 严重滞后 (Open SDG)       |
 * | ratio.deterioration       | 0       | < 0 means moving away from the target; named in the reason (Open SDG) |
 * | trend.high                | 1.5     | no target: annual change ≥ 1.5 % the good way → on_track (Open SDG)   |
 * | trend.medium              | 0.5     | ≥ 0.5 % → behind; below → seriously_behind (Open SDG)                 |
 * | trend.low                 | 0       | < 0 is deterioration (Open SDG)                                      |
 * | trend.limitExponent       | 4.44    | near a natural limit the positive trend bands are multiplied by       |
 * |                           |         | C = 1 − (y0/limit)^4.44 (mirrored beyond the limit) (Open SDG)       |
 * | bound.warningMargin       | 0.05    | binding bound met but within 5 % of the bound → warning 预警         |
 * | bound.seriousExcess       | 0.10    | expected bound missed by more than 10 % of the bound → seriously_behind |
 * | tolerance                 | 1e-9    | float slack when comparing with a target                             |
 *
 * Progress ratio (完成进度比): for levels, the change achieved since the baseline over the change the
 * path calls for by now; for growth, observed average rate over target rate (the Open SDG CAGR ratio);
 * for cumulative totals, the total to date over the pro-rata share of the target (时间过半、任务过半).
 */
export interface EvaluationConfig {
  ratio: { ahead: number; onTrack: number; behind: number; deterioration: number };
  trend: { high: number; medium: number; low: number; limitExponent: number };
  bound: { warningMargin: number; seriousExcess: number };
  tolerance: number;
  /**
   * Roll-up score (0–100) per status; null leaves the status out of the average.
   *
   * | status           | weight | | status          | weight |
   * |------------------|--------| |-----------------|--------|
   * | achieved_early   | 100    | | behind          | 60     |
   * | achieved         | 100    | | warning         | 40     |
   * | ahead            | 100    | | seriously_behind| 30     |
   * | on_track         | 90     | | failed          | 0      |
   * | no_data          | null   | | not_assessable  | null   |
   */
  weights: Record<Status, number | null>;
}

export const DEFAULT_EVALUATION_CONFIG: EvaluationConfig = {
  ratio: { ahead: 1.1, onTrack: 0.95, behind: 0.6, deterioration: 0 },
  trend: { high: 1.5, medium: 0.5, low: 0, limitExponent: 4.44 },
  bound: { warningMargin: 0.05, seriousExcess: 0.1 },
  tolerance: 1e-9,
  weights: {
    achieved_early: 100,
    achieved: 100,
    ahead: 100,
    on_track: 90,
    behind: 60,
    warning: 40,
    seriously_behind: 30,
    failed: 0,
    no_data: null,
    not_assessable: null,
  },
};

/** Deep-enough merge of a partial config over the defaults (each group is merged by key). */
export function evaluationConfig(
  over: {
    [K in keyof EvaluationConfig]?: Partial<EvaluationConfig[K]>;
  },
): EvaluationConfig {
  const d = DEFAULT_EVALUATION_CONFIG;
  return {
    ratio: { ...d.ratio, ...over.ratio },
    trend: { ...d.trend, ...over.trend },
    bound: { ...d.bound, ...over.bound },
    tolerance: (over.tolerance as number | undefined) ?? d.tolerance,
    weights: { ...d.weights, ...over.weights },
  };
}
