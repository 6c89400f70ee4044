import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type QuarterRow, quarters } from '../schema.ts';

/** A numerator over a denominator, counted in SQL (the KPI definitions of src/domain/projects/kpi.ts). */
export interface Count {
  numerator: number;
  denominator: number;
}

/** One county's or zone's KPI counts and investment sums for one period, as the ranking needs them. */
export interface RankingGroupRow {
  group: string;
  projectCount: number;
  landing: Count;
  start: Count;
  production: Count;
  capacity: Count;
  /** Completed through the period's last month ÷ planned over its whole year (万元). */
  investment: Count;
  /** Open problems past their deadline at the period's end. */
  overdueProblems: number;
}

export interface RankingPeriod {
  from: string;
  to: string;
  year: number;
  throughMonth: number;
}

/** Quarters (the rubric each is bound to, open/closed) and the lean reads of the quarter's assessment. */
export class QuarterRepository {
  constructor(private readonly db: Db) {}

  async get(year: number, quarter: number): Promise<QuarterRow | undefined> {
    const [row] = await this.db
      .select()
      .from(quarters)
      .where(and(eq(quarters.year, year), eq(quarters.quarter, quarter)));
    return row;
  }

  /** Binds the quarter to a rubric unless it is bound already; returns the stored row (first binding wins). */
  async bind(year: number, quarter: number, rubricKey: string, rubricVersion: number): Promise<QuarterRow> {
    const [row] = await this.db
      .insert(quarters)
      .values({ year, quarter, rubricKey, rubricVersion })
      .onConflictDoNothing()
      .returning();
    return row ?? ((await this.get(year, quarter)) as QuarterRow);
  }

  /** Every quarter bound to a rubric, oldest first (the rubric page lists them under their version). */
  list(): Promise<QuarterRow[]> {
    return this.db.select().from(quarters).orderBy(quarters.year, quarters.quarter);
  }

  async setState(id: number, state: 'open' | 'closed'): Promise<QuarterRow | undefined> {
    const [row] = await this.db
      .update(quarters)
      .set({ state, version: sql`${quarters.version} + 1`, updatedAt: sql`now()` })
      .where(eq(quarters.id, id))
      .returning();
    return row;
  }

  /**
   * KPI counts, investment sums and overdue problems per county (or zone) of the city for several
   * periods at once, counted in SQL: the ranking reads a few rows per region whatever the number of
   * projects (100 k) and monthly reports (5 M). The definitions are those of computeKpis in
   * src/domain/projects/kpi.ts (test/integration/quarter.test.ts checks that both agree on the demo):
   * landing = signed in the period, started by its end; start = planned to start in the period,
   * started by its end; production and capacity alike; investment = completed in the year through the
   * period's last month ÷ planned over the year. Dates are ISO text, compared byte-wise (COLLATE "C").
   */
  async rankingGroups(cityCode: string, by: 'county' | 'zone', periods: RankingPeriod[]): Promise<RankingGroupRow[][]> {
    const g = by === 'county' ? sql`p.region_code` : sql`p.zone`;
    const inCity = sql`(p.region_code = ${cityCode} OR p.region_code IN (SELECT code FROM regions WHERE parent_code = ${cityCode}))`;
    const within = (col: string, x: RankingPeriod) => sql`${sql.raw(col)} COLLATE "C" BETWEEN ${x.from} AND ${x.to}`;
    const by_ = (col: string, x: RankingPeriod) => sql`${sql.raw(col)} COLLATE "C" <= ${x.to}`;
    const counts = periods.map(
      (x, k) => sql`,
        count(*) FILTER (WHERE ${within('p.signed_on', x)}) AS ld${sql.raw(String(k))},
        count(*) FILTER (WHERE ${within('p.signed_on', x)} AND ${by_('p.started_on', x)}) AS ln${sql.raw(String(k))},
        count(*) FILTER (WHERE ${within('p.planned_start_on', x)}) AS sd${sql.raw(String(k))},
        count(*) FILTER (WHERE ${within('p.planned_start_on', x)} AND ${by_('p.started_on', x)}) AS sn${sql.raw(String(k))},
        count(*) FILTER (WHERE ${within('p.planned_production_on', x)}) AS pd${sql.raw(String(k))},
        count(*) FILTER (WHERE ${within('p.planned_production_on', x)} AND ${by_('p.in_production_on', x)}) AS pn${sql.raw(String(k))},
        count(*) FILTER (WHERE ${within('p.planned_capacity_on', x)}) AS cd${sql.raw(String(k))},
        count(*) FILTER (WHERE ${within('p.planned_capacity_on', x)} AND ${by_('p.at_capacity_on', x)}) AS cn${sql.raw(String(k))}`,
    );
    const years = [...new Set(periods.map((x) => x.year))];
    const sums = periods.map(
      (x, k) => sql`,
        sum(i.planned) FILTER (WHERE i.year = ${x.year}) AS id${sql.raw(String(k))},
        sum(i.completed) FILTER (WHERE i.year = ${x.year} AND i.month <= ${x.throughMonth}) AS in${sql.raw(String(k))}`,
    );
    const overdue = periods.map(
      (x, k) => sql`,
        count(*) FILTER (WHERE pr.raised_on COLLATE "C" <= ${x.to} AND pr.deadline COLLATE "C" < ${x.to}
                           AND (pr.closed_on IS NULL OR pr.closed_on COLLATE "C" > ${x.to})) AS o${sql.raw(String(k))}`,
    );
    const [kpiRes, invRes, probRes] = await Promise.all([
      this.db.execute(sql`
        SELECT ${g} AS g, count(*) AS n ${sql.join(counts, sql``)}
          FROM projects p WHERE ${inCity} AND ${g} IS NOT NULL AND ${g} <> '' GROUP BY 1`),
      this.db.execute(sql`
        SELECT ${g} AS g ${sql.join(sums, sql``)}
          FROM project_investments i JOIN projects p ON p.id = i.project_id
         WHERE i.year IN (${sql.join(
           years.map((y) => sql`${y}`),
           sql`, `,
         )}) AND ${inCity} AND ${g} IS NOT NULL AND ${g} <> ''
         GROUP BY 1`),
      this.db.execute(sql`
        SELECT ${g} AS g ${sql.join(overdue, sql``)}
          FROM project_problems pr JOIN projects p ON p.id = pr.project_id
         WHERE pr.deadline IS NOT NULL AND ${inCity} AND ${g} IS NOT NULL AND ${g} <> ''
         GROUP BY 1`),
    ]);
    type R = Record<string, unknown>;
    const inv = new Map(rowsOf<R>(invRes).map((r) => [String(r.g), r]));
    const prob = new Map(rowsOf<R>(probRes).map((r) => [String(r.g), r]));
    const n = (r: R | undefined, k: string) => Number(r?.[k] ?? 0);
    return periods.map((_, k) =>
      rowsOf<R>(kpiRes)
        .map((r) => {
          const key = String(r.g);
          const i = inv.get(key);
          return {
            group: key,
            projectCount: n(r, 'n'),
            landing: { numerator: n(r, `ln${k}`), denominator: n(r, `ld${k}`) },
            start: { numerator: n(r, `sn${k}`), denominator: n(r, `sd${k}`) },
            production: { numerator: n(r, `pn${k}`), denominator: n(r, `pd${k}`) },
            capacity: { numerator: n(r, `cn${k}`), denominator: n(r, `cd${k}`) },
            investment: { numerator: n(i, `in${k}`), denominator: n(i, `id${k}`) },
            overdueProblems: n(prob.get(key), `o${k}`),
          };
        })
        .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0)),
    );
  }

  /** The latest month with a monthly investment report, if any. */
  async latestMonth(): Promise<{ year: number; month: number } | undefined> {
    const result = await this.db.execute(
      sql`SELECT year, month FROM project_investments ORDER BY year DESC, month DESC LIMIT 1`,
    );
    const [row] = rowsOf<{ year: number; month: number }>(result);
    return row ? { year: Number(row.year), month: Number(row.month) } : undefined;
  }

  /** The development zones named by the city's projects (a zone is known by its name). */
  async zones(cityCode: string): Promise<string[]> {
    const result = await this.db.execute(sql`
      SELECT DISTINCT p.zone FROM projects p
       WHERE p.zone IS NOT NULL AND p.zone <> ''
         AND (p.region_code = ${cityCode}
              OR p.region_code IN (SELECT code FROM regions WHERE parent_code = ${cityCode}))
       ORDER BY p.zone`);
    return rowsOf<{ zone: string }>(result).map((r) => r.zone);
  }
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows?: T[] }).rows ?? (result as T[]);
}
