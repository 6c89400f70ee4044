import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type PlanItemKind, type PlanItemRow, planItems } from '../schema.ts';

export type NewPlanItem = typeof planItems.$inferInsert;

export class PlanItemRepository {
  constructor(private readonly db: Db) {}

  list(planId: number, kind?: PlanItemKind): Promise<PlanItemRow[]> {
    const where = kind ? and(eq(planItems.planId, planId), eq(planItems.kind, kind)) : eq(planItems.planId, planId);
    return this.db.select().from(planItems).where(where).orderBy(asc(planItems.kind), asc(planItems.ordinal));
  }

  async get(planId: number, id: number): Promise<PlanItemRow | undefined> {
    const [row] = await this.db
      .select()
      .from(planItems)
      .where(and(eq(planItems.planId, planId), eq(planItems.id, id)));
    return row;
  }

  async counts(planId: number) {
    return this.db
      .select({ kind: planItems.kind, state: planItems.state, n: sql<number>`count(*)`.mapWith(Number) })
      .from(planItems)
      .where(eq(planItems.planId, planId))
      .groupBy(planItems.kind, planItems.state);
  }

  async insertMany(rows: NewPlanItem[]): Promise<void> {
    // Chunked: one statement per few hundred rows keeps parameter counts well under Postgres' limit.
    for (let i = 0; i < rows.length; i += 200) {
      await this.db.insert(planItems).values(rows.slice(i, i + 200));
    }
  }

  async deleteIds(ids: number[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 1000) {
      await this.db.delete(planItems).where(inArray(planItems.id, ids.slice(i, i + 1000)));
    }
  }

  /** Refreshes the extractor's side of an item; the reviewer's `corrected` and `state` are left alone. */
  async refreshExtracted(
    id: number,
    row: Pick<NewPlanItem, 'ordinal' | 'label' | 'extracted' | 'sourceStart' | 'sourceEnd' | 'sourceText'>,
  ) {
    await this.db.update(planItems).set(row).where(eq(planItems.id, id));
  }

  /** Optimistic update: only applies when `version` is still the stored one. Returns the new row or undefined. */
  async updateVersioned(
    id: number,
    version: number,
    patch: Partial<Pick<NewPlanItem, 'corrected' | 'state' | 'label' | 'updatedBy'>>,
  ): Promise<PlanItemRow | undefined> {
    const [row] = await this.db
      .update(planItems)
      .set({ ...patch, version: sql`${planItems.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(planItems.id, id), eq(planItems.version, version)))
      .returning();
    return row;
  }

  async maxOrdinal(planId: number, kind: PlanItemKind): Promise<number> {
    const [row] = await this.db
      .select({ m: sql<number>`coalesce(max(${planItems.ordinal}), -1)`.mapWith(Number) })
      .from(planItems)
      .where(and(eq(planItems.planId, planId), eq(planItems.kind, kind)));
    return row?.m ?? -1;
  }
}
