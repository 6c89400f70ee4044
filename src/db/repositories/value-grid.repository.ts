import { eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { plans } from '../schema.ts';

/**
 * What the database hands back per region for one indicator: one number per slot. A slot is the
 * approved value at one period, or an aggregate of the approved values before a period: their sum in
 * period order (the running total of a cumulative target), their minimum or their maximum (whether a
 * bound was ever broken). Bulk evaluation asks only for the slots its rule needs at the evaluated
 * period, so a few numbers per region cross the wire instead of every period's value.
 */
export type Slot = { kind: 'at' | 'minBefore' | 'maxBefore'; period: string };

/**
 * One indicator's slots in column form: `regionCodes` is the 6-digit codes run together (6 characters
 * per region), `values` the slot numbers as float8 big-endian (PostgreSQL's float8send), `slots`
 * numbers per region, region by region, NaN where a slot has no value. Two aggregates instead of one
 * row per region: hundreds of thousands of rows cost seconds in the driver alone.
 */
export interface SlotColumns {
  indicatorId: number;
  /** Regions returned. */
  count: number;
  regionCodes: string;
  values: Uint8Array;
}

/** One period's approved values of one indicator: 6-digit codes run together and float8 big-endian values. */
export interface PeriodColumns {
  period: string;
  count: number;
  regionCodes: string;
  values: Uint8Array;
}

export interface PlanHead {
  id: number;
  regionCode: string;
  periodStart: number;
  periodEnd: number;
  version: number;
  dataVersion: number;
}

/**
 * Prepared once per database handle: the query is built once, and node-postgres prepares it once per
 * connection (by name) instead of parsing and planning it on every request; on PGlite building the
 * query each time cost about as much as running it.
 */
const planHeads = new WeakMap<Db, ReturnType<typeof preparePlanHead>>();

function preparePlanHead(db: Db) {
  return db
    .select({
      id: plans.id,
      regionCode: plans.regionCode,
      periodStart: plans.periodStart,
      periodEnd: plans.periodEnd,
      version: plans.version,
      dataVersion: plans.dataVersion,
    })
    .from(plans)
    .where(eq(plans.id, sql.placeholder('id')))
    .prepare('lantu_plan_head');
}

function planHeadQuery(db: Db) {
  let query = planHeads.get(db);
  if (!query) {
    query = preparePlanHead(db);
    planHeads.set(db, query);
  }
  return query;
}

export class ValueGridRepository {
  constructor(private readonly db: Db) {}

  /**
   * The few plan fields an evaluation needs, with the version its cache is keyed by: one row by
   * primary key, no join (read on every request of the indicator list).
   */
  async planHead(planId: number): Promise<PlanHead | undefined> {
    const [row] = await planHeadQuery(this.db).execute({ id: planId });
    return row;
  }

  /**
   * Approved values of one indicator at `periods`, one row per period: the region codes run together
   * and the float8 values, in the same order. Grouped by period, which is the index's order, so the
   * database streams them without sorting.
   */
  async byPeriod(indicatorId: number, periods: readonly string[]): Promise<PeriodColumns[]> {
    if (periods.length === 0) return [];
    const result = await this.db.execute(sql`
      SELECT period AS p, count(*)::int AS n, string_agg(region_code, '') AS r,
             string_agg(float8send(value), ''::bytea) AS v
        FROM indicator_values
       WHERE indicator_id = ${indicatorId} AND state = 'approved' AND period = ANY(${toTextArray(periods)})
       GROUP BY period`);
    return rowsOf<{ p: string; n: number; r: string; v: Uint8Array | string }>(result).map((row) => ({
      period: row.p,
      count: Number(row.n),
      regionCodes: row.r,
      values: bytesOf(row.v),
    }));
  }

  /**
   * The slots of one indicator for every region that has an approved value among `periods` (the
   * indicator's periods from the plan's start to the evaluated one). Served by the partial index
   * indicator_values_approved_idx (indicator, period, region, value) as an index-only scan: the
   * table's pages are not read, which is what makes 18 M values evaluable in seconds.
   */
  async slots(indicatorId: number, periods: readonly string[], slots: readonly Slot[]): Promise<SlotColumns> {
    if (slots.length === 0 || periods.length === 0) {
      return { indicatorId, count: 0, regionCodes: '', values: new Uint8Array(0) };
    }
    const parts = slots.map((s) => sql`float8send(coalesce(${slotExpression(s)}, 'NaN'::float8))`);
    const result = await this.db.execute(sql`
      SELECT count(*)::int AS n,
             coalesce(string_agg(g.region_code, ''), '') AS r,
             coalesce(string_agg(g.s, ''::bytea), ''::bytea) AS v
        FROM (SELECT region_code, ${sql.join(parts, sql` || `)} AS s
                FROM indicator_values
               WHERE indicator_id = ${indicatorId} AND state = 'approved'
                 AND period = ANY(${toTextArray(periods)})
               GROUP BY region_code) g`);
    const row = rowsOf<{ n: number; r: string; v: Uint8Array | string }>(result)[0]!;
    return {
      indicatorId,
      count: Number(row.n),
      regionCodes: row.r,
      values: bytesOf(row.v),
    };
  }
}

/**
 * Period texts of one frequency order as time does (2021Q4 < 2022Q1, 2021-09 < 2021-10) byte by byte,
 * so `period < X` means "before X". Minimum and maximum do not depend on the order the values come in,
 * so they are exact; a sum would not be (floating-point addition is not associative), which is why
 * running totals are added up by the engine from {@link ValueGridRepository.byPeriod}.
 */
function slotExpression(s: Slot): SQL {
  switch (s.kind) {
    case 'at':
      // The key (indicator, region, period) is unique: max picks the one value.
      return sql`max(value) FILTER (WHERE period = ${s.period})`;
    case 'minBefore':
      return sql`min(value) FILTER (WHERE period < ${s.period})`;
    case 'maxBefore':
      return sql`max(value) FILTER (WHERE period < ${s.period})`;
  }
}

/** A text[] parameter that both drivers bind the same way (PGlite and node-postgres differ on JS arrays). */
function toTextArray(values: readonly string[]): SQL {
  return sql`string_to_array(${values.join(',')}, ',')`;
}

/** bytea: PGlite gives bytes, node-postgres the hex text form. */
function bytesOf(v: Uint8Array | string): Uint8Array {
  return typeof v === 'string' ? Buffer.from(v.replace(/^\\x/, ''), 'hex') : v;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows?: T[] }).rows ?? (result as T[]);
}
