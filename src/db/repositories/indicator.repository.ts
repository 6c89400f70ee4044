import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type IndicatorRow, indicators, plans } from '../schema.ts';

export type NewIndicator = typeof indicators.$inferInsert;
export type IndicatorPatch = Partial<
  Pick<
    NewIndicator,
    'leadUnit' | 'supportingUnits' | 'dataSource' | 'direction' | 'attribute' | 'frequency' | 'target' | 'naturalLimit'
  >
>;

/**
 * Bumps `plans.data_version` of the plans that own these indicators (or of these plans): every write
 * to a plan's indicators or values calls it, after the write and on the same connection or
 * transaction, so a cached evaluation keyed by the version is never served for changed data
 * (src/services/evaluation-cache.ts). After, not before: outside a transaction a reader could
 * otherwise see the new version with the old values and cache that under the new version.
 */
export async function bumpDataVersion(
  db: Db,
  owners: { indicatorIds: number[] } | { planIds: number[] },
): Promise<void> {
  const owning =
    'planIds' in owners
      ? [...new Set(owners.planIds)]
      : db
          .select({ planId: indicators.planId })
          .from(indicators)
          .where(inArray(indicators.id, [...new Set(owners.indicatorIds)]));
  if (Array.isArray(owning) ? owning.length === 0 : 'indicatorIds' in owners && owners.indicatorIds.length === 0)
    return;
  // One statement: the owning plans are found in the same UPDATE.
  await db
    .update(plans)
    .set({ dataVersion: sql`${plans.dataVersion} + 1` })
    .where(inArray(plans.id, owning));
}

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
    await bumpDataVersion(this.db, { planIds: rows.map((r) => r.planId) });
  }

  async updateVersioned(id: number, version: number, patch: IndicatorPatch): Promise<IndicatorRow | undefined> {
    const [row] = await this.db
      .update(indicators)
      .set({ ...patch, version: sql`${indicators.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(indicators.id, id), eq(indicators.version, version)))
      .returning();
    if (row) await bumpDataVersion(this.db, { planIds: [row.planId] });
    return row;
  }
}
