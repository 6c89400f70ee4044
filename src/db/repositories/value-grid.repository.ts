import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';

/**
 * One indicator's values in column form, for bulk evaluation: `regionCodes` is the 6-digit codes run
 * together (6 characters per value), `periods` the period texts joined by commas, `values` the
 * float8 numbers big-endian (8 bytes per value, as PostgreSQL's float8send writes them), all in the
 * same row order. Three aggregates instead of one row per value: 18 M values as rows cost seconds in
 * the driver alone.
 */
export interface ValueColumns {
  indicatorId: number;
  count: number;
  regionCodes: string;
  periods: string;
  values: Uint8Array;
}

export class ValueGridRepository {
  constructor(private readonly db: Db) {}

  /**
   * Approved values of every indicator of a plan in one query (one scan, grouped); best where the
   * database runs in this process's single thread (PGlite).
   */
  async planColumns(planId: number): Promise<ValueColumns[]> {
    const result = await this.db.execute(sql`
      SELECT v.indicator_id AS id, count(*)::int AS n,
             string_agg(v.region_code, '') AS r,
             string_agg(v.period, ',') AS p,
             string_agg(float8send(v.value), ''::bytea) AS v
        FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
       WHERE i.plan_id = ${planId} AND v.state = 'approved'
       GROUP BY v.indicator_id`);
    return rowsOf(result).map((row) => columnsOf(Number(row.id), row));
  }

  /** Approved values of one indicator, in column form (see {@link ValueColumns}). */
  async columns(indicatorId: number): Promise<ValueColumns> {
    const result = await this.db.execute(sql`
      SELECT count(*)::int AS n,
             coalesce(string_agg(region_code, ''), '') AS r,
             coalesce(string_agg(period, ','), '') AS p,
             coalesce(string_agg(float8send(value), ''::bytea), ''::bytea) AS v
        FROM indicator_values
       WHERE indicator_id = ${indicatorId} AND state = 'approved'`);
    return columnsOf(indicatorId, rowsOf(result)[0]!);
  }
}

interface Row {
  id?: number;
  n: number;
  r: string;
  p: string;
  v: Uint8Array | string;
}

function rowsOf(result: unknown): Row[] {
  return (result as { rows?: Row[] }).rows ?? (result as Row[]);
}

function columnsOf(indicatorId: number, row: Row): ValueColumns {
  return {
    indicatorId,
    count: Number(row.n),
    regionCodes: row.r,
    periods: row.p,
    values: typeof row.v === 'string' ? Buffer.from(row.v.replace(/^\\x/, ''), 'hex') : row.v,
  };
}
