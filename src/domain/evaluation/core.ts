import {
  formatPeriod,
  isLastOfYear,
  type Period,
  type PlanPeriod,
  periodEnd,
  periodLabel,
  fractionElapsed as planFraction,
} from '../period.ts';
import type { EvaluationConfig } from './config.ts';
import { type BoundOp, type Indicator, STATUSES, type Status } from './types.ts';

/**
 * The judging core, shared by the one-result API ({@link evaluateIndicator}) and the bulk API
 * ({@link evaluateGrid}) so both give the same answer. An indicator is compiled once against its
 * periods (expected path precomputed); a judge then steps through one region's values in period
 * order, keeping what running totals it needs, and writes into a reused {@link Cell}: no allocation
 * per value, which is what makes millions of values per second possible.
 */

export const CODE = Object.fromEntries(STATUSES.map((s, i) => [s, i])) as Record<Status, number>;
const { failed, warning, seriously_behind, behind, no_data, on_track, ahead } = CODE;
const { achieved, achieved_early } = CODE;

/** Why the cell got its status; picks the reason sentence. */
export type Note =
  | 'no_data'
  | 'no_target'
  | 'unresolved'
  | 'no_assignment'
  | 'no_baseline'
  | 'path'
  | 'rate'
  | 'cumulative'
  | 'bound'
  | 'trend';

export interface Cell {
  /**
   * False in bulk runs: judges then set only `code` (and what the status needs), skipping the
   * figures that only reasons and provenance use (required rates, margins, observed CAGR).
   */
  full: boolean;
  code: number;
  note: Note;
  ratio: number;
  actual: number;
  expected: number;
  requiredRate: number;
  requiredPerYear: number;
  /** Rule-specific figure: observed CAGR %, bound margin, years observed, narrowing factor C. */
  extra: number;
  /** Second rule-specific figure: index of the first breached period, periods missing. */
  extra2: number;
}

export function newCell(full = true): Cell {
  return {
    full,
    code: no_data,
    note: 'no_data',
    ratio: Number.NaN,
    actual: Number.NaN,
    expected: Number.NaN,
    requiredRate: Number.NaN,
    requiredPerYear: Number.NaN,
    extra: Number.NaN,
    extra2: Number.NaN,
  };
}

export function clear(c: Cell, note: Note, code: number): void {
  c.code = code;
  c.note = note;
  if (!c.full) return;
  c.ratio = c.actual = c.expected = c.requiredRate = c.requiredPerYear = c.extra = c.extra2 = Number.NaN;
}

/** What the judges need to know about each period, computed once per indicator. */
export interface PeriodFacts {
  period: Period;
  key: string;
  label: { zh: string; en: string };
  year: number;
  /** Years from the baseline (or from the plan's start when there is none) to the period's end. */
  elapsed: number;
  /** Share of the plan's time passed (时间进度). */
  fraction: number;
  /** Years left until the end of the plan's end year (never negative). */
  remaining: number;
  /** At or after the end of the plan: the target must now be met. */
  final: boolean;
  yearEnd: boolean;
}

export interface Judge {
  rule: string;
  /** The comparison a threshold rule applies (bounds, holds, provincial assignments). */
  op?: BoundOp;
  /** Start a new region: forget running totals. */
  reset(): void;
  /** Judge value `v` (NaN = missing) of period `i`; must be called in period order. */
  step(i: number, v: number, c: Cell): void;
  /** Bulk form: step through `count` values of one region from `off`, writing codes to `out`. */
  run?(values: Float64Array, off: number, count: number, out: Uint8Array, c: Cell): void;
}

/** What a judge factory receives: the periods, and the path array it fills in. */
export interface Ctx {
  plan: PlanPeriod;
  config: EvaluationConfig;
  facts: PeriodFacts[];
  expected: Float64Array;
  /** `facts[i].final` as 0/1: the bulk loops read flat arrays, not objects. */
  final: Uint8Array;
}

export function periodFacts(indicator: Indicator, plan: PlanPeriod, p: Period): PeriodFacts {
  const t = periodEnd(p);
  const origin = indicator.baseline?.year ?? plan.start - 1;
  return {
    period: p,
    key: formatPeriod(p),
    label: { zh: periodLabel(p, 'zh'), en: periodLabel(p, 'en') },
    year: p.year,
    elapsed: t - origin,
    fraction: planFraction(plan, p),
    remaining: Math.max(0, plan.end - t),
    final: t >= plan.end - 1e-9,
    yearEnd: isLastOfYear(p),
  };
}

/** Band a progress ratio: ahead / on_track / behind / seriously_behind. */
export function gradeRatio(r: number, cfg: EvaluationConfig): number {
  // Counting the bands passed instead of branching: ratios of real data jump between bands, and
  // mispredicted branches were the largest cost in bulk runs.
  const k = cfg.ratio;
  return BANDS[Number(r >= k.behind) + Number(r >= k.onTrack) + Number(r >= k.ahead)]!;
}

/** Band by number of thresholds passed (0–3); see {@link gradeRatio}. */
export const BANDS = Uint8Array.of(seriously_behind, behind, on_track, ahead);

/**
 * Turn a graded band into the final status. `met`: before the end, the end target is already
 * reached; at the end, the target is met. A binding indicator short at the end has failed, and one
 * behind before the end is at risk (预警).
 */
export function settle(code: number, met: boolean, final: boolean, binding: boolean): number {
  if (met) return final ? achieved : achieved_early;
  if (final) return binding ? failed : Math.min(code, on_track);
  if (binding && (code === behind || code === seriously_behind)) return warning;
  return code;
}

export const isBinding = (ind: Indicator): boolean => ind.attribute === 'binding';
