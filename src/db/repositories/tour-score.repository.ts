import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type TourScoreRow, tourScores } from '../schema.ts';

export type NewTourScore = typeof tourScores.$inferInsert;
export type TourGroupBy = 'county' | 'zone';

/** One judge's scores per county or zone and item for a quarter's inspection tour. */
export class TourScoreRepository {
  constructor(private readonly db: Db) {}

  list(year: number, quarter: number, groupBy?: TourGroupBy): Promise<TourScoreRow[]> {
    const w = [eq(tourScores.year, year), eq(tourScores.quarter, quarter)];
    if (groupBy) w.push(eq(tourScores.groupBy, groupBy));
    return this.db
      .select()
      .from(tourScores)
      .where(and(...w))
      .orderBy(asc(tourScores.groupBy), asc(tourScores.groupKey), asc(tourScores.judge), asc(tourScores.item));
  }

  /** Replaces one judge's sheet for one region: the old items go, the given ones are written. */
  async replaceSheet(
    key: { year: number; quarter: number; groupBy: TourGroupBy; groupKey: string; judge: string },
    rows: Array<{ item: string; score: number; note?: string | null }>,
    actor: string,
  ): Promise<TourScoreRow[]> {
    await this.deleteSheet(key);
    if (rows.length === 0) return [];
    return this.db
      .insert(tourScores)
      .values(rows.map((r) => ({ ...key, item: r.item, score: r.score, note: r.note ?? null, updatedBy: actor })))
      .returning();
  }

  async deleteSheet(key: {
    year: number;
    quarter: number;
    groupBy: TourGroupBy;
    groupKey: string;
    judge: string;
  }): Promise<number> {
    const gone = await this.db
      .delete(tourScores)
      .where(
        and(
          eq(tourScores.year, key.year),
          eq(tourScores.quarter, key.quarter),
          eq(tourScores.groupBy, key.groupBy),
          eq(tourScores.groupKey, key.groupKey),
          eq(tourScores.judge, key.judge),
        ),
      )
      .returning({ id: tourScores.id });
    return gone.length;
  }

  async insertMany(rows: NewTourScore[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) await this.db.insert(tourScores).values(rows.slice(i, i + 1000));
  }
}
