import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type QuarterPenaltyRow, quarterPenalties } from '../schema.ts';

export type NewQuarterPenalty = typeof quarterPenalties.$inferInsert;

/** The deduction and veto matters recorded against counties or zones in a quarter's assessment. */
export class QuarterPenaltyRepository {
  constructor(private readonly db: Db) {}

  list(year: number, quarter: number, groupBy?: 'county' | 'zone'): Promise<QuarterPenaltyRow[]> {
    const w = [eq(quarterPenalties.year, year), eq(quarterPenalties.quarter, quarter)];
    if (groupBy) w.push(eq(quarterPenalties.groupBy, groupBy));
    return this.db
      .select()
      .from(quarterPenalties)
      .where(and(...w))
      .orderBy(asc(quarterPenalties.groupKey), asc(quarterPenalties.occurredOn), asc(quarterPenalties.id));
  }

  get(id: number): Promise<QuarterPenaltyRow | undefined> {
    return this.db
      .select()
      .from(quarterPenalties)
      .where(eq(quarterPenalties.id, id))
      .then((r) => r[0]);
  }

  async insert(row: NewQuarterPenalty): Promise<QuarterPenaltyRow> {
    const [saved] = await this.db.insert(quarterPenalties).values(row).returning();
    return saved!;
  }

  async delete(id: number): Promise<boolean> {
    const gone = await this.db
      .delete(quarterPenalties)
      .where(eq(quarterPenalties.id, id))
      .returning({ id: quarterPenalties.id });
    return gone.length > 0;
  }
}
