import type { Frequency } from '../period.ts';

/** 预期性 / 约束性: a binding indicator is a legal obligation, so any shortfall is a failure. */
export type Attribute = 'expected' | 'binding';
/** Which way is better. Defaults come from {@link inferDirection}; users may override. */
export type Direction = 'higher' | 'lower';
/** Bound operators as the plan writes them: `>50`, `<4.5`, `95以上` (≥), `≤9‰`. */
export type BoundOp = '≥' | '≤' | '>' | '<';

/**
 * What the plan asks for. Rates (`ratePct`, growth observations, `requiredRate`) are in percent:
 * 10 means 10 % a year, as the plan prints it.
 */
export type Target =
  /** Reach `value` by the plan's end year, e.g. 森林覆盖率 31.77. Path linear unless configured. */
  | { kind: 'level'; value: number; path?: 'linear' | 'geometric' }
  /**
   * Average annual growth of `ratePct` (年均增长). `measure: 'level'` (default) means the observations
   * are the quantity itself (GDP in 亿元); `'rate'` means they are the year's growth rate (GDP 增长率 %).
   */
  | { kind: 'growth'; ratePct: number; measure?: 'level' | 'rate' }
  /**
   * A total over the plan's years (`[1300]`). `basis: 'flow'` (default): each observation is the
   * amount of its own period; `'to_date'`: each observation is the running total since the plan began.
   */
  | { kind: 'cumulative'; total: number; basis?: 'flow' | 'to_date' }
  /** Must hold in every period: `<5.5`, `>50`, `95以上`. */
  | { kind: 'bound'; op: BoundOp; value: number }
  /**
   * 完成省下任务: the province assigns a value each year; a year without an entry is not assessable.
   * `op` defaults to ≥ for higher-is-better and ≤ for lower-is-better.
   */
  | { kind: 'provincial'; assignments: Readonly<Record<number, number>>; op?: BoundOp }
  /** Same target as another indicator (与GDP目标增速保持一致); see {@link resolveRelativeTargets}. */
  | { kind: 'relative'; indicatorId: string }
  /** Several parts tracked separately (国家实验室/省实验室); the status is the worst part's. */
  | { kind: 'composite'; parts: readonly Indicator[] }
  /** No number, only a direction ("稳步提高"): judged on the observed trend (Open SDG method 1). */
  | { kind: 'trend' }
  /** No target at all: not assessable. */
  | { kind: 'none' };

export type TargetKind = Target['kind'];

export interface Baseline {
  /** Usually the year before the plan; `29.2*` in the plan means an earlier year (2019). */
  year: number;
  value: number;
}

export interface Indicator {
  id: string;
  name: string;
  unit: string;
  category?: string;
  attribute: Attribute;
  direction: Direction;
  frequency: Frequency;
  baseline?: Baseline | null;
  target: Target;
  /** A value the indicator cannot pass (100 for a coverage rate); narrows trend bands near it. */
  naturalLimit?: number | null;
}

/** One reported value: period as `2023`, `2023Q3` or `2023-07`. `part` names a composite's part. */
export interface Observation {
  period: string;
  value: number;
  part?: string;
}

/**
 * Status codes, worst first, so "worst of" is the smallest index. Missing data ranks below every
 * real judgement of progress: an unknown part must not let a composite look on track.
 */
export const STATUSES = [
  'failed',
  'warning',
  'seriously_behind',
  'behind',
  'no_data',
  'not_assessable',
  'on_track',
  'ahead',
  'achieved',
  'achieved_early',
] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, { zh: string; en: string }> = {
  failed: { zh: '未达标', en: 'failed' },
  warning: { zh: '预警', en: 'warning' },
  seriously_behind: { zh: '严重滞后', en: 'seriously behind' },
  behind: { zh: '滞后', en: 'behind' },
  no_data: { zh: '无数据', en: 'no data' },
  not_assessable: { zh: '无法评估', en: 'not assessable' },
  on_track: { zh: '基本符合预期', en: 'on track' },
  ahead: { zh: '快于预期', en: 'ahead' },
  achieved: { zh: '已实现', en: 'achieved' },
  achieved_early: { zh: '提前实现', en: 'achieved early' },
};

/** Numbers and facts a result was judged on, so a user can ask "where does this number come from?". */
export type Inputs = Record<string, number | string | boolean | null>;

export interface EvaluationResult {
  indicator: { id: string; name: string };
  period: string;
  status: Status;
  /** The value the plan's path calls for at this period (a rate in percent for growth rates). */
  expected: number | null;
  /** The value judged: the observation, the total to date (cumulative) or the average rate (rates). */
  actual: number | null;
  /** Progress ratio (完成进度比) or, for trends, the observed annual change in percent. */
  ratio: number | null;
  reason: { zh: string; en: string };
  /** Average annual rate (percent) needed over the remaining years to still meet the target. */
  requiredRate: number | null;
  /** Change (level) or amount (cumulative) needed per remaining year. */
  requiredPerYear: number | null;
  /** Which rule produced the status, e.g. `growth.cagr_ratio`, `cumulative.pro_rata`. */
  rule: string;
  inputs: Inputs;
  /** Results of a composite's parts. */
  parts?: EvaluationResult[];
}
