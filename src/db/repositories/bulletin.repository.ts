import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { bulletins } from '../schema.ts';

export type BulletinRow = typeof bulletins.$inferSelect;
export type NewBulletin = typeof bulletins.$inferInsert;

/** 季度通报: one row per quarter, its content versioned (optimistic locking) and frozen once issued. */
export class BulletinRepository {
  constructor(private readonly db: Db) {}

  async get(year: number, quarter: number): Promise<BulletinRow | undefined> {
    const [row] = await this.db
      .select()
      .from(bulletins)
      .where(and(eq(bulletins.year, year), eq(bulletins.quarter, quarter)));
    return row;
  }

  list(): Promise<BulletinRow[]> {
    return this.db.select().from(bulletins).orderBy(asc(bulletins.year), asc(bulletins.quarter));
  }

  async insert(row: NewBulletin): Promise<BulletinRow> {
    const [inserted] = await this.db.insert(bulletins).values(row).returning();
    return inserted as BulletinRow;
  }

  /**
   * Writes a draft's new content if it is still at `version` and still a draft; undefined otherwise (the
   * caller tells a stale version from an issued bulletin by reading the row again).
   */
  async updateDraft(
    id: number,
    version: number,
    patch: Pick<NewBulletin, 'content' | 'updatedBy'>,
  ): Promise<BulletinRow | undefined> {
    const [row] = await this.db
      .update(bulletins)
      .set({ ...patch, version: sql`${bulletins.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(bulletins.id, id), eq(bulletins.version, version), eq(bulletins.state, 'draft')))
      .returning();
    return row;
  }

  /** Issues a draft at `version`: state issued, content frozen from now on. */
  async issue(
    id: number,
    version: number,
    patch: Pick<NewBulletin, 'content' | 'issuedBy'>,
  ): Promise<BulletinRow | undefined> {
    const [row] = await this.db
      .update(bulletins)
      .set({
        content: patch.content,
        issuedBy: patch.issuedBy,
        updatedBy: patch.issuedBy,
        state: 'issued',
        issuedAt: sql`now()`,
        version: sql`${bulletins.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(bulletins.id, id), eq(bulletins.version, version), eq(bulletins.state, 'draft')))
      .returning();
    return row;
  }
}
