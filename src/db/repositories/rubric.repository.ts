import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type RubricRow, rubrics } from '../schema.ts';

export type NewRubric = typeof rubrics.$inferInsert;

/** Versioned rubrics (考核细则): rows are only ever added, never changed. */
export class RubricRepository {
  constructor(private readonly db: Db) {}

  list(key?: string): Promise<RubricRow[]> {
    const q = this.db.select().from(rubrics);
    return (key ? q.where(eq(rubrics.key, key)) : q).orderBy(rubrics.key, desc(rubrics.version));
  }

  async get(key: string, version: number): Promise<RubricRow | undefined> {
    const [row] = await this.db
      .select()
      .from(rubrics)
      .where(and(eq(rubrics.key, key), eq(rubrics.version, version)));
    return row;
  }

  /** The newest version of a key, or of any key when none is given (the current rubric). */
  async latest(key?: string): Promise<RubricRow | undefined> {
    const q = this.db.select().from(rubrics);
    const [row] = await (key ? q.where(eq(rubrics.key, key)) : q)
      .orderBy(desc(rubrics.createdAt), desc(rubrics.id))
      .limit(1);
    return row;
  }

  /** Inserts unless (key, version) exists; returns the stored row either way. */
  async insertOnce(row: NewRubric): Promise<RubricRow> {
    const [inserted] = await this.db.insert(rubrics).values(row).onConflictDoNothing().returning();
    return inserted ?? ((await this.get(row.key, row.version)) as RubricRow);
  }

  /** Inserts a new version; a concurrent insert of the same version fails on the unique index. */
  async insert(row: NewRubric): Promise<RubricRow> {
    const [inserted] = await this.db.insert(rubrics).values(row).returning();
    return inserted as RubricRow;
  }
}
