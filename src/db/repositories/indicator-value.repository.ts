import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type IndicatorValueRow, indicators, indicatorValues } from '../schema.ts';
import { bumpDataVersion } from './indicator.repository.ts';

export type NewIndicatorValue = typeof indicatorValues.$inferInsert;

export class IndicatorValueRepository {
  constructor(private readonly db: Db) {}

  /** All values of a plan's indicators, optionally one region and only some states. */
  listByPlan(planId: number, filter: { regionCode?: string; states?: IndicatorValueRow['state'][] } = {}) {
    const where = [eq(indicators.planId, planId)];
    if (filter.regionCode) where.push(eq(indicatorValues.regionCode, filter.regionCode));
    if (filter.states) where.push(inArray(indicatorValues.state, filter.states));
    return this.db
      .select({ value: indicatorValues })
      .from(indicatorValues)
      .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
      .where(and(...where))
      .orderBy(asc(indicatorValues.indicatorId), asc(indicatorValues.period))
      .then((rows) => rows.map((r) => r.value));
  }

  listByIndicator(indicatorId: number): Promise<IndicatorValueRow[]> {
    return this.db
      .select()
      .from(indicatorValues)
      .where(eq(indicatorValues.indicatorId, indicatorId))
      .orderBy(asc(indicatorValues.regionCode), asc(indicatorValues.period));
  }

  async get(id: number): Promise<IndicatorValueRow | undefined> {
    const [row] = await this.db.select().from(indicatorValues).where(eq(indicatorValues.id, id));
    return row;
  }

  async find(indicatorId: number, regionCode: string, period: string): Promise<IndicatorValueRow | undefined> {
    const [row] = await this.db
      .select()
      .from(indicatorValues)
      .where(
        and(
          eq(indicatorValues.indicatorId, indicatorId),
          eq(indicatorValues.regionCode, regionCode),
          eq(indicatorValues.period, period),
        ),
      );
    return row;
  }

  /** The values at the given (indicator, region, period) keys, in one statement; missing keys are absent. */
  async findMany(
    keys: ReadonlyArray<{ indicatorId: number; regionCode: string; period: string }>,
  ): Promise<IndicatorValueRow[]> {
    const out: IndicatorValueRow[] = [];
    for (let i = 0; i < keys.length; i += 500) {
      const tuples = keys
        .slice(i, i + 500)
        .map((k) => sql`(${k.indicatorId}::int, ${k.regionCode}::text, ${k.period}::text)`);
      out.push(
        ...(await this.db
          .select()
          .from(indicatorValues)
          .where(
            sql`(${indicatorValues.indicatorId}, ${indicatorValues.regionCode}, ${indicatorValues.period}) in (${sql.join(tuples, sql`, `)})`,
          )),
      );
    }
    return out;
  }

  async insert(row: NewIndicatorValue): Promise<IndicatorValueRow> {
    const [inserted] = await this.db.insert(indicatorValues).values(row).returning();
    await bumpDataVersion(this.db, { indicatorIds: [row.indicatorId] });
    return inserted as IndicatorValueRow;
  }

  async insertMany(rows: NewIndicatorValue[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insert(indicatorValues).values(rows.slice(i, i + 500));
    await bumpDataVersion(this.db, { indicatorIds: rows.map((r) => r.indicatorId) });
  }

  async updateVersioned(
    id: number,
    version: number,
    patch: Partial<
      Pick<NewIndicatorValue, 'value' | 'note' | 'evidence' | 'state' | 'returnReason' | 'updatedBy' | 'isDemo'>
    >,
  ): Promise<IndicatorValueRow | undefined> {
    const [row] = await this.db
      .update(indicatorValues)
      .set({ ...patch, version: sql`${indicatorValues.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(indicatorValues.id, id), eq(indicatorValues.version, version)))
      .returning();
    if (row) await bumpDataVersion(this.db, { indicatorIds: [row.indicatorId] });
    return row;
  }
}
