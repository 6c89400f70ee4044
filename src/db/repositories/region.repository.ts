import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type RegionRow, regions } from '../schema.ts';

export interface RegionFilter {
  parentCode?: string | undefined;
  level?: RegionRow['level'] | undefined;
}

export class RegionRepository {
  constructor(private readonly db: Db) {}

  async upsertMany(rows: RegionRow[]): Promise<void> {
    for (const row of rows) {
      await this.db
        .insert(regions)
        .values(row)
        .onConflictDoUpdate({
          target: regions.code,
          set: { name: row.name, level: row.level, parentCode: row.parentCode },
        });
    }
  }

  list(filter: RegionFilter = {}): Promise<RegionRow[]> {
    const where: SQL[] = [];
    if (filter.parentCode) where.push(eq(regions.parentCode, filter.parentCode));
    if (filter.level) where.push(eq(regions.level, filter.level));
    return this.db
      .select()
      .from(regions)
      .where(and(...where))
      .orderBy(asc(regions.code));
  }

  async get(code: string): Promise<RegionRow | undefined> {
    const [row] = await this.db.select().from(regions).where(eq(regions.code, code));
    return row;
  }
}
