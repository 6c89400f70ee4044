import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type PlanRow, planSections, plans, regions } from '../schema.ts';

export type NewPlan = typeof plans.$inferInsert;
export type PlanListRow = PlanRow & { regionName: string; chapterCount: number };

const chapterCount =
  sql<number>`(select count(*) from ${planSections} where ${planSections.planId} = ${plans.id} and ${planSections.kind} = 'chapter')`.mapWith(
    Number,
  );

export class PlanRepository {
  constructor(private readonly db: Db) {}

  private selectWithRegion() {
    return this.db
      .select({ plan: plans, regionName: regions.name, chapterCount })
      .from(plans)
      .innerJoin(regions, eq(regions.code, plans.regionCode));
  }

  async list(): Promise<PlanListRow[]> {
    const rows = await this.selectWithRegion().orderBy(desc(plans.isDemo), desc(plans.createdAt), desc(plans.id));
    return rows.map((r) => ({ ...r.plan, regionName: r.regionName, chapterCount: r.chapterCount }));
  }

  async get(id: number): Promise<PlanListRow | undefined> {
    const [r] = await this.selectWithRegion().where(eq(plans.id, id));
    return r ? { ...r.plan, regionName: r.regionName, chapterCount: r.chapterCount } : undefined;
  }

  async findSame(regionCode: string, periodStart: number, periodEnd: number, documentId: number) {
    const [row] = await this.db
      .select({ id: plans.id })
      .from(plans)
      .where(
        and(
          eq(plans.regionCode, regionCode),
          eq(plans.periodStart, periodStart),
          eq(plans.periodEnd, periodEnd),
          eq(plans.documentId, documentId),
        ),
      );
    return row;
  }

  async hasDemo(): Promise<boolean> {
    const [row] = await this.db.select({ id: plans.id }).from(plans).where(eq(plans.isDemo, true)).limit(1);
    return row !== undefined;
  }

  async markExtracted(id: number): Promise<void> {
    await this.db.update(plans).set({ extractedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(plans.id, id));
  }

  async publish(id: number, actor: string): Promise<void> {
    await this.db
      .update(plans)
      .set({ status: 'published', publishedAt: sql`now()`, publishedBy: actor, updatedAt: sql`now()` })
      .where(eq(plans.id, id));
  }

  async insert(plan: NewPlan): Promise<PlanRow> {
    const [row] = await this.db.insert(plans).values(plan).returning();
    return row as PlanRow;
  }
}
