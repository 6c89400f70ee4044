import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { projects, type QuarterEventRow, quarterEventProjects, quarterEvents, regions } from '../schema.ts';

export type NewQuarterEvent = typeof quarterEvents.$inferInsert;

export interface EventProjectRow {
  eventId: number;
  projectId: number;
  amount: number | null;
  name: string;
  regionCode: string | null;
  regionName: string | null;
}

/** Signings, groundbreaking batches and tours of a quarter, with their projects and amounts. */
export class QuarterEventRepository {
  constructor(private readonly db: Db) {}

  list(year: number, quarter: number): Promise<QuarterEventRow[]> {
    return this.db
      .select()
      .from(quarterEvents)
      .where(and(eq(quarterEvents.year, year), eq(quarterEvents.quarter, quarter)))
      .orderBy(asc(quarterEvents.heldOn), asc(quarterEvents.id));
  }

  async get(id: number): Promise<QuarterEventRow | undefined> {
    const [row] = await this.db.select().from(quarterEvents).where(eq(quarterEvents.id, id));
    return row;
  }

  async projectsOf(eventIds: number[]): Promise<EventProjectRow[]> {
    if (eventIds.length === 0) return [];
    return this.db
      .select({
        eventId: quarterEventProjects.eventId,
        projectId: quarterEventProjects.projectId,
        amount: quarterEventProjects.amount,
        name: projects.name,
        regionCode: projects.regionCode,
        regionName: regions.name,
      })
      .from(quarterEventProjects)
      .innerJoin(projects, eq(projects.id, quarterEventProjects.projectId))
      .leftJoin(regions, eq(regions.code, projects.regionCode))
      .where(inArray(quarterEventProjects.eventId, eventIds))
      .orderBy(asc(quarterEventProjects.eventId), asc(quarterEventProjects.projectId));
  }

  async insert(
    event: NewQuarterEvent,
    items: Array<{ projectId: number; amount: number | null }>,
  ): Promise<QuarterEventRow> {
    const [row] = await this.db.insert(quarterEvents).values(event).returning();
    const saved = row as QuarterEventRow;
    for (let i = 0; i < items.length; i += 1000) {
      await this.db
        .insert(quarterEventProjects)
        .values(items.slice(i, i + 1000).map((it) => ({ eventId: saved.id, ...it })));
    }
    return saved;
  }

  async delete(id: number): Promise<boolean> {
    const gone = await this.db
      .delete(quarterEvents)
      .where(eq(quarterEvents.id, id))
      .returning({ id: quarterEvents.id });
    return gone.length > 0;
  }

  async hasDemo(): Promise<boolean> {
    const [row] = await this.db
      .select({ id: quarterEvents.id })
      .from(quarterEvents)
      .where(eq(quarterEvents.isDemo, true))
      .limit(1);
    return row !== undefined;
  }

  /** Existing project ids among the given ones (to refuse an event naming a missing project). */
  async existingProjects(ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.select({ id: projects.id }).from(projects).where(inArray(projects.id, ids));
    return new Set(rows.map((r) => r.id));
  }
}
