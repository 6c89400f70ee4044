import {
  comparePeriods,
  firstPeriodOf,
  formatPeriod,
  type Period,
  type PlanPeriod,
  parsePeriod,
  periodRange,
  toFrequency,
  tryParsePeriod,
} from '../period.ts';
import { compile } from './compile.ts';
import { DEFAULT_EVALUATION_CONFIG, type EvaluationConfig } from './config.ts';
import { newCell } from './core.ts';
import { inputsFor, reasonFor } from './reason.ts';
import { resolveRelativeTargets } from './relative.ts';
import { type EvaluationResult, type Indicator, type Observation, STATUSES, type Status } from './types.ts';

const num = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * Status of one indicator at one period, with its reason and provenance. `at` may be of another
 * frequency than the indicator: it is mapped to the indicator's period covering its end
 * (2023 → 2023Q4 for a quarterly indicator). Observations of other frequencies are ignored;
 * observations for a composite's parts carry `part` = the part's id.
 */
export function evaluateIndicator(
  indicator: Indicator,
  plan: PlanPeriod,
  observations: readonly Observation[],
  at: Period | string,
  config: EvaluationConfig = DEFAULT_EVALUATION_CONFIG,
): EvaluationResult {
  const when = typeof at === 'string' ? parsePeriod(at) : at;
  if (indicator.target.kind === 'composite') return evaluateComposite(indicator, plan, observations, when, config);
  const target = toFrequency(when, indicator.frequency);
  const first = firstPeriodOf(plan, indicator.frequency);
  // Running rules (cumulative, rates, bounds every year) need every period from the plan's start.
  const periods = comparePeriods(target, first) < 0 ? [target] : periodRange(first, target);
  const values = valuesFor(indicator, observations, periods);
  const c = compile(indicator, plan, periods, config);
  const cell = newCell();
  c.judge.reset();
  for (let i = 0; i < periods.length; i++) c.judge.step(i, values[i]!, cell);
  const f = c.facts[periods.length - 1]!;
  const status = STATUSES[cell.code]!;
  return {
    indicator: { id: indicator.id, name: indicator.name },
    period: f.key,
    status,
    expected: num(cell.expected),
    actual: num(cell.actual),
    ratio: num(cell.ratio),
    reason: reasonFor(c, f, cell, status),
    requiredRate: num(cell.requiredRate),
    requiredPerYear: num(cell.requiredPerYear),
    rule: c.judge.rule,
    inputs: inputsFor(c, f, cell),
  };
}

function valuesFor(indicator: Indicator, observations: readonly Observation[], periods: readonly Period[]) {
  const byKey = new Map<string, number>();
  for (const o of observations) {
    if (o.part !== undefined && o.part !== indicator.id) continue;
    const p = tryParsePeriod(o.period);
    if (p && p.frequency === indicator.frequency && Number.isFinite(o.value)) byKey.set(formatPeriod(p), o.value);
  }
  return periods.map((p) => byKey.get(formatPeriod(p)) ?? Number.NaN);
}

/** Parts are judged separately; the composite takes the worst status (see STATUSES for the order). */
function evaluateComposite(
  indicator: Indicator,
  plan: PlanPeriod,
  observations: readonly Observation[],
  at: Period,
  config: EvaluationConfig,
): EvaluationResult {
  const parts = indicator.target.kind === 'composite' ? indicator.target.parts : [];
  const results = parts.map((p) =>
    evaluateIndicator(
      p,
      plan,
      observations.filter((o) => o.part === p.id),
      at,
      config,
    ),
  );
  const worst = results.reduce<EvaluationResult | null>(
    (w, r) => (w === null || STATUSES.indexOf(r.status) < STATUSES.indexOf(w.status) ? r : w),
    null,
  );
  const status: Status = worst?.status ?? 'not_assessable';
  const reason = worst
    ? {
        zh: `${results.length}个分项中最差为「${worst.indicator.name}」：${worst.reason.zh}`,
        en: `Worst of ${results.length} parts is "${worst.indicator.name}": ${worst.reason.en}`,
      }
    : { zh: '组合指标没有分项，属于无法评估。', en: 'The composite indicator has no parts: not assessable.' };
  return {
    indicator: { id: indicator.id, name: indicator.name },
    period: formatPeriod(toFrequency(at, indicator.frequency)),
    status,
    expected: null,
    actual: null,
    ratio: null,
    reason,
    requiredRate: null,
    requiredPerYear: null,
    rule: 'composite.worst',
    inputs: Object.fromEntries(results.map((r) => [r.indicator.id, r.status])),
    parts: results,
  };
}

/**
 * Evaluate a whole indicator system at one period: relative targets are resolved against the same
 * list first. `observations` is keyed by indicator id.
 */
export function evaluateIndicators(
  indicators: readonly Indicator[],
  plan: PlanPeriod,
  observations: ReadonlyMap<string, readonly Observation[]>,
  at: Period | string,
  config: EvaluationConfig = DEFAULT_EVALUATION_CONFIG,
): EvaluationResult[] {
  return resolveRelativeTargets(indicators).map((ind) =>
    evaluateIndicator(ind, plan, observations.get(ind.id) ?? [], at, config),
  );
}

export interface GridResult {
  rule: string;
  /** Status code per value (index into STATUSES), region-major like the input. */
  status: Uint8Array;
  /** Progress ratio per value (NaN where none); only when asked for with `{ ratios: true }`. */
  ratio: Float64Array | null;
  /** The plan's path per period, the same for every region. */
  expected: Float64Array;
}

/**
 * Bulk form for many regions (counties, zones) of one indicator: `values` holds `regions × periods`
 * numbers, region-major, NaN for missing; `periods` must run in order from the plan's start so that
 * running totals are right. Gives the same statuses as {@link evaluateIndicator}, without the
 * sentences; ask evaluateIndicator for the reason of any one cell.
 */
export function evaluateGrid(
  indicator: Indicator,
  plan: PlanPeriod,
  periods: readonly Period[],
  values: Float64Array,
  config: EvaluationConfig = DEFAULT_EVALUATION_CONFIG,
  options: { ratios?: boolean } = {},
): GridResult {
  const c = compile(indicator, plan, periods, config);
  const P = periods.length;
  const status = new Uint8Array(values.length);
  const ratio = options.ratios ? new Float64Array(values.length) : null;
  // Ratios of growth and trend rules cost a power per value, so only full cells compute them.
  const cell = newCell(ratio !== null);
  const judge = c.judge;
  for (let k = 0; k < values.length; k += P) {
    judge.reset();
    if (judge.run && !ratio) {
      judge.run(values, k, P, status, cell);
      continue;
    }
    for (let i = 0; i < P; i++) {
      judge.step(i, values[k + i]!, cell);
      status[k + i] = cell.code;
      if (ratio) ratio[k + i] = cell.ratio;
    }
  }
  return { rule: judge.rule, status, ratio, expected: c.expected };
}

/** Status name of a grid code. */
export function statusOf(code: number): Status {
  const s = STATUSES[code];
  if (!s) throw new RangeError(`no status with code ${code}`);
  return s;
}
