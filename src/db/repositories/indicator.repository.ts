import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type IndicatorRow, indicators } from '../schema.ts';

export type NewIndicator = typeof indicators.$inferInsert;
export type IndicatorPatch = Partial<
  Pick<
    NewIndicator,
    'leadUnit' | 'supportingUnits' | 'dataSource' | 'direction' | 'attribute' | 'frequency' | 'target' | 'naturalLimit'
  >
>;

export class IndicatorRepository {
  constructor(private readonly db: Db) {}

  listByPlan(planId: number): Promise<IndicatorRow[]> {
    return this.db.select().from(indicators).where(eq(indicators.planId, planId)).orderBy(asc(indicators.ordinal));
  }

  async get(id: number): Promise<IndicatorRow | undefined> {
    const [row] = await this.db.select().from(indicators).where(eq(indicators.id, id));
    return row;
  }

  async findByName(planId: number, name: string): Promise<IndicatorRow | undefined> {
    const [row] = await this.db
      .select()
      .from(indicators)
      .where(and(eq(indicators.planId, planId), eq(indicators.name, name)));
    return row;
  }

  /** Inserts new indicators and refreshes the plan-defined fields of existing ones; owners stay as set. */
  async upsertDefinitions(rows: NewIndicator[]): Promise<void> {
    for (const row of rows) {
      await this.db
        .insert(indicators)
        .values(row)
        .onConflictDoUpdate({
          target: [indicators.planId, indicators.key],
          set: {
            code: row.code,
            ordinal: row.ordinal,
            name: row.name,
            unit: row.unit,
            category: row.category,
            parentName: row.parentName,
            baseline: row.baseline,
            target: row.target,
            targetText: row.targetText,
            targetRule: row.targetRule,
            naturalLimit: row.naturalLimit,
            sourceStart: row.sourceStart,
            sourceEnd: row.sourceEnd,
            sourceText: row.sourceText,
            updatedAt: sql`now()`,
          },
        });
    }
  }

  async updateVersioned(id: number, version: number, patch: IndicatorPatch): Promise<IndicatorRow | undefined> {
    const [row] = await this.db
      .update(indicators)
      .set({ ...patch, version: sql`${indicators.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(indicators.id, id), eq(indicators.version, version)))
      .returning();
    return row;
  }
}
