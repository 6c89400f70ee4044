import { type Slot, ValueGridRepository } from '../db/repositories/value-grid.repository.ts';
import {
  compile,
  DEFAULT_EVALUATION_CONFIG,
  emptyCounts,
  evaluateGrid,
  type Indicator,
  resolveRelativeTargets,
  type Status,
  statusOf,
} from '../domain/evaluation/index.ts';
import {
  comparePeriods,
  firstPeriodOf,
  formatPeriod,
  isLastOfYear,
  type Period,
  type PlanPeriod,
  parsePeriod,
  periodRange,
  toFrequency,
} from '../domain/period.ts';
import { LantuError } from '../errors.ts';
import type { ServiceContext } from './context.ts';
import { toDomainIndicator } from './evaluation.service.ts';

/** One indicator judged in every region at one period. */
export interface BulkIndicatorResult {
  indicatorId: number;
  rule: string;
  /** Status code per region (index into STATUSES, see statusOf), in the order of `regionCodes`. */
  status: Uint8Array;
  /** What the rule needs from earlier periods, and so what was read (see {@link Need}). */
  need: Need;
  /** Numbers read for this indicator (values at the periods its rule needs, or per-region extremes). */
  values: number;
}

export interface BulkEvaluation {
  period: string;
  regionCodes: string[];
  indicators: BulkIndicatorResult[];
  /** Regions × indicators per status at the period. */
  counts: Record<Status, number>;
  /** Time spent in the engine (evaluateGrid), the rest of the wall time is reading and decoding. */
  evaluateMs: number;
}

export interface BulkOptions {
  /** Regions to judge (6-digit codes); by default the plan's region and its direct children. */
  regionCodes?: string[];
  /** Queries in flight at once; PostgreSQL runs them on separate backends. */
  concurrency?: number;
}

/**
 * What a judge carries from earlier periods into the evaluated one, by rule (src/domain/evaluation/rules.ts):
 * - `last`: nothing, the status follows from the evaluated period's value alone (levels, growth
 *   measured on the quantity, trends, yearly provincial assignments, and the rules that judge no value);
 * - `yearEnds`: the year-end values so far (growth measured as yearly rates: a geometric mean);
 * - `sum`: the running total (cumulative targets counted as flows);
 * - `extremes`: whether the bound was broken before, which the smallest and largest earlier values tell
 *   (a bound or a held level, with a fixed threshold, must hold every period);
 * - `all`: any rule not listed: every period's value, so an unknown rule is still judged right.
 * The integration test test/integration/bulk-evaluation.test.ts compares the result with the engine on
 * every value, rule by rule; a judge that starts to carry something new must be listed here.
 */
type Need = 'last' | 'yearEnds' | 'sum' | 'extremes' | 'all';

const NEED_BY_RULE: Record<string, Need> = {
  'level.linear': 'last',
  'level.geometric': 'last',
  'level.no_baseline': 'last',
  'growth.cagr_ratio': 'last',
  'trend.cagr': 'last',
  'provincial.yearly': 'last',
  none: 'last',
  'relative.unresolved': 'last',
  'composite.worst': 'last',
  'growth.rate_ratio': 'yearEnds',
  'bound.every_period': 'extremes',
  'level.hold': 'extremes',
};

function needOf(ind: Indicator, rule: string): Need {
  if (rule === 'cumulative.pro_rata') {
    return ind.target.kind === 'cumulative' && ind.target.basis === 'to_date' ? 'last' : 'sum';
  }
  return NEED_BY_RULE[rule] ?? 'all';
}

/**
 * The read for one indicator. `byPeriod`: the values at `periods`, which the engine then steps through
 * in order (running totals and means add up here, in period order, exactly as over every value).
 * `slots`: per region the smallest and largest earlier values and the value at the period, stepped as
 * three periods (an earlier one twice, then the evaluated one), which is all a bound needs to know.
 */
interface ReadPlan {
  need: Need;
  mode: 'byPeriod' | 'slots';
  periods: string[];
  slots: Slot[];
  steps: Period[];
}

function readPlanOf(ind: Indicator, span: PlanPeriod, at: Period): ReadPlan {
  const target = toFrequency(at, ind.frequency);
  const first = firstPeriodOf(span, ind.frequency);
  // As evaluateIndicator: a period before the plan's start is judged on its own.
  const range = comparePeriods(target, first) < 0 ? [target] : periodRange(first, target);
  const earlier = range.slice(0, -1);
  const t = formatPeriod(target);
  const need = needOf(ind, compile(ind, span, [target], DEFAULT_EVALUATION_CONFIG).judge.rule);
  const byPeriod = (steps: Period[]): ReadPlan => ({
    need,
    mode: 'byPeriod',
    periods: steps.map(formatPeriod),
    slots: [],
    steps,
  });
  if (need === 'last' || earlier.length === 0) return byPeriod([target]);
  if (need === 'yearEnds') return byPeriod([...earlier.filter(isLastOfYear), target]);
  if (need === 'extremes') {
    return {
      need,
      mode: 'slots',
      periods: range.map(formatPeriod),
      slots: [
        { kind: 'minBefore', period: t },
        { kind: 'maxBefore', period: t },
        { kind: 'at', period: t },
      ],
      steps: [earlier[0]!, earlier.at(-1)!, target],
    };
  }
  return byPeriod(range);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Bulk evaluation (issue 5 scale): every indicator of a plan in thousands of regions at one period,
 * through the engine's grid form. For each indicator the database returns only what its rule needs
 * at that period (see {@link Need}), a few numbers per region, read from the partial index of
 * approved values; several indicators are in flight at once on PostgreSQL, where each query runs on
 * a backend of its own while this process decodes and judges what has arrived.
 */
export class BulkEvaluationService {
  private readonly grid: ValueGridRepository;

  constructor(private readonly ctx: ServiceContext) {
    this.grid = new ValueGridRepository(ctx.database.db);
  }

  async evaluatePlan(planId: number, period: string, options: BulkOptions = {}): Promise<BulkEvaluation> {
    const at = checkPeriod(period);
    const plan = await this.grid.planHead(planId);
    if (!plan) throw new LantuError('NOT_FOUND', { zh: `规划 ${planId}`, en: `plan ${planId}` });
    const rows = await this.ctx.repos.indicators.listByPlan(planId);
    const idByKey = new Map(rows.map((r) => [r.key, String(r.id)]));
    const domain = resolveRelativeTargets(rows.map((r) => toDomainIndicator(r, idByKey)));
    const regionCodes = options.regionCodes ?? [
      plan.regionCode,
      ...(await this.ctx.repos.regions.list({ parentCode: plan.regionCode })).map((r) => r.code),
    ];
    // Region index by 6-digit code, a flat table (4 MB): a million look-ups a run, a Map was a tenth of it.
    const regionIndex = new Int32Array(1_000_000).fill(-1);
    regionCodes.forEach((code, i) => {
      if (/^\d{6}$/.test(code)) regionIndex[Number(code)] = i;
    });
    const span = { start: plan.periodStart, end: plan.periodEnd };
    const R = regionCodes.length;
    const results: BulkIndicatorResult[] = new Array(rows.length);
    const counts = emptyCounts();
    let evaluateMs = 0;
    const reads = domain.map((ind) => readPlanOf(ind, span, at));

    /** Region index of the k-th 6-digit code in `codes`, or -1 for a region not asked for. */
    const regionAt = (codes: string, k: number): number => {
      let code = 0;
      for (let j = 0; j < 6; j++) code = code * 10 + (codes.charCodeAt(k * 6 + j) - 48);
      return regionIndex[code]!;
    };

    const read = async (i: number): Promise<{ values: Float64Array; read: number }> => {
      const plan = reads[i]!;
      const K = plan.steps.length;
      const values = new Float64Array(R * K).fill(Number.NaN);
      let count = 0;
      if (plan.mode === 'slots') {
        const cols = await this.grid.slots(rows[i]!.id, plan.periods, plan.slots);
        const numbers = decodeFloat8(cols.values, cols.count * K);
        for (let k = 0; k < cols.count; k++) {
          const r = regionAt(cols.regionCodes, k);
          if (r >= 0) values.set(numbers.subarray(k * K, k * K + K), r * K);
        }
        count = cols.count * K;
      } else {
        const column = new Map(plan.periods.map((p, k) => [p, k]));
        for (const cols of await this.grid.byPeriod(rows[i]!.id, plan.periods)) {
          const p = column.get(cols.period);
          if (p === undefined) continue;
          const numbers = decodeFloat8(cols.values, cols.count);
          for (let k = 0; k < cols.count; k++) {
            const r = regionAt(cols.regionCodes, k);
            if (r >= 0) values[r * K + p] = numbers[k]!;
          }
          count += cols.count;
        }
      }
      return { values, read: count };
    };

    const evaluateOne = (i: number, values: Float64Array, read: number) => {
      const { steps, need } = reads[i]!;
      const K = steps.length;
      const t0 = performance.now();
      const grid = evaluateGrid(domain[i]!, span, steps, values);
      const status = new Uint8Array(R);
      for (let r = 0; r < R; r++) {
        status[r] = grid.status[r * K + K - 1]!;
        counts[statusOf(status[r]!)]++;
      }
      evaluateMs += performance.now() - t0;
      results[i] = { indicatorId: rows[i]!.id, rule: grid.rule, need, status, values: read };
    };

    // The heavy reads (aggregates over every period) first, so that no slow one is left alone at the end.
    const weight: Record<Need, number> = { all: 0, sum: 0, extremes: 1, yearEnds: 2, last: 3 };
    const order = rows.map((_, i) => i).sort((a, b) => weight[reads[a]!.need] - weight[reads[b]!.need] || a - b);
    const concurrency = options.concurrency ?? (this.ctx.database.kind === 'postgres' ? 4 : 1);
    let next = 0;
    const worker = async () => {
      while (next < order.length) {
        const i = order[next++]!;
        const { values, read: n } = await read(i);
        evaluateOne(i, values, n);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
    return { period: formatPeriod(at), regionCodes, indicators: results, counts, evaluateMs };
  }
}

/** float8send bytes (big-endian) → numbers. */
function decodeFloat8(bytes: Uint8Array, count: number): Float64Array {
  const copy = new Uint8Array(count * 8);
  copy.set(bytes.subarray(0, count * 8));
  if (LITTLE_ENDIAN) Buffer.from(copy.buffer, 0, copy.length).swap64();
  return new Float64Array(copy.buffer);
}

function checkPeriod(period: string): Period {
  try {
    return parsePeriod(period);
  } catch {
    throw new LantuError('VALIDATION_FAILED', {
      zh: `期间“${period}”格式应为 2023、2023Q3 或 2023-07`,
      en: `period “${period}” must look like 2023, 2023Q3 or 2023-07`,
    });
  }
}
