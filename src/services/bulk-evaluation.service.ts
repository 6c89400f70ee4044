import { type ValueColumns, ValueGridRepository } from '../db/repositories/value-grid.repository.ts';
import {
  emptyCounts,
  evaluateGrid,
  type Indicator,
  resolveRelativeTargets,
  type Status,
  statusOf,
} from '../domain/evaluation/index.ts';
import { firstPeriodOf, formatPeriod, type Period, parsePeriod, periodRange, toFrequency } from '../domain/period.ts';
import { LantuError } from '../errors.ts';
import type { ServiceContext } from './context.ts';
import { toDomainIndicator } from './evaluation.service.ts';

/** One indicator judged in every region at one period. */
export interface BulkIndicatorResult {
  indicatorId: number;
  rule: string;
  /** Status code per region (index into STATUSES, see statusOf), in the order of `regionCodes`. */
  status: Uint8Array;
  /** Approved values read for this indicator (all periods). */
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

/** Year × 100 + 0 (year), 50 + quarter or month: a small integer per period text. */
function keyOf(p: Period): number {
  return p.year * 100 + (p.frequency === 'year' ? 0 : p.frequency === 'quarter' ? 50 + p.index : p.index);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Bulk evaluation (issue 5 scale): every indicator of a plan in thousands of regions at one period,
 * through the engine's grid form. Values are read one indicator at a time in column form
 * (ValueGridRepository), a few indicators in flight at once, and scattered into a regions × periods
 * grid; missing values stay NaN.
 */
export class BulkEvaluationService {
  private readonly grid: ValueGridRepository;

  constructor(private readonly ctx: ServiceContext) {
    this.grid = new ValueGridRepository(ctx.database.db);
  }

  async evaluatePlan(planId: number, period: string, options: BulkOptions = {}): Promise<BulkEvaluation> {
    const at = checkPeriod(period);
    const plan = await this.ctx.repos.plans.get(planId);
    if (!plan) throw new LantuError('NOT_FOUND', { zh: `规划 ${planId}`, en: `plan ${planId}` });
    const rows = await this.ctx.repos.indicators.listByPlan(planId);
    const idByKey = new Map(rows.map((r) => [r.key, String(r.id)]));
    const domain = resolveRelativeTargets(rows.map((r) => toDomainIndicator(r, idByKey)));
    const regionCodes = options.regionCodes ?? [
      plan.regionCode,
      ...(await this.ctx.repos.regions.list({ parentCode: plan.regionCode })).map((r) => r.code),
    ];
    const regionIndex = new Map<number, number>();
    regionCodes.forEach((code, i) => {
      regionIndex.set(Number(code), i);
    });
    const span = { start: plan.periodStart, end: plan.periodEnd };
    const R = regionCodes.length;
    const results: BulkIndicatorResult[] = new Array(rows.length);
    const counts = emptyCounts();
    let evaluateMs = 0;

    const evaluateOne = (i: number, ind: Indicator, cols: ValueColumns) => {
      const periods = periodRange(firstPeriodOf(span, ind.frequency), toFrequency(at, ind.frequency));
      const P = periods.length;
      const column = new Map(periods.map((p, k) => [keyOf(p), k]));
      const values = new Float64Array(R * P).fill(Number.NaN);
      const numbers = decodeFloat8(cols.values, cols.count);
      const codes = cols.regionCodes;
      const texts = cols.periods;
      let pos = 0;
      for (let k = 0; k < cols.count; k++) {
        // Region: six digits.
        let code = 0;
        for (let j = 0; j < 6; j++) code = code * 10 + (codes.charCodeAt(k * 6 + j) - 48);
        // Period: YYYY, YYYYQn or YYYY-MM up to the next comma.
        let year = 0;
        for (let j = 0; j < 4; j++) year = year * 10 + (texts.charCodeAt(pos + j) - 48);
        pos += 4;
        let sub = 0;
        const c = texts.charCodeAt(pos);
        if (c === 81 /* Q */) {
          sub = 50 + texts.charCodeAt(pos + 1) - 48;
          pos += 2;
        } else if (c === 45 /* - */) {
          pos++;
          while (pos < texts.length && texts.charCodeAt(pos) !== 44) sub = sub * 10 + (texts.charCodeAt(pos++) - 48);
        }
        pos++; // the comma
        const r = regionIndex.get(code);
        const p = column.get(year * 100 + sub);
        if (r !== undefined && p !== undefined) values[r * P + p] = numbers[k]!;
      }
      const t0 = performance.now();
      const grid = evaluateGrid(ind, span, periods, values);
      const status = new Uint8Array(R);
      for (let r = 0; r < R; r++) {
        status[r] = grid.status[r * P + P - 1]!;
        counts[statusOf(status[r]!)]++;
      }
      evaluateMs += performance.now() - t0;
      results[i] = { indicatorId: cols.indicatorId, rule: grid.rule, status, values: cols.count };
    };

    const empty = (id: number): ValueColumns => ({
      indicatorId: id,
      count: 0,
      regionCodes: '',
      periods: '',
      values: new Uint8Array(0),
    });
    const concurrency = options.concurrency ?? (this.ctx.database.kind === 'postgres' ? 3 : 1);
    if (concurrency <= 1) {
      // One grouped query: a single scan, where the database has one thread anyway.
      const byId = new Map((await this.grid.planColumns(planId)).map((c) => [c.indicatorId, c]));
      rows.forEach((row, i) => {
        evaluateOne(i, domain[i]!, byId.get(row.id) ?? empty(row.id));
      });
    } else {
      // One query per indicator, a few in flight: PostgreSQL reads on several backends while this
      // process decodes and evaluates what has arrived.
      let next = 0;
      const worker = async () => {
        while (next < rows.length) {
          const i = next++;
          evaluateOne(i, domain[i]!, await this.grid.columns(rows[i]!.id));
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    }
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
