import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type SettingRow, settings } from '../schema.ts';

/** Versioned configuration values by key (the 五个一 cadence …). */
export class SettingRepository {
  constructor(private readonly db: Db) {}

  async get(key: string): Promise<SettingRow | undefined> {
    const [row] = await this.db.select().from(settings).where(eq(settings.key, key));
    return row;
  }

  /** Writes `value` if the stored version is still `version` (0: nothing stored yet); undefined when stale. */
  async put(
    key: string,
    value: Record<string, unknown>,
    version: number,
    actor: string,
  ): Promise<SettingRow | undefined> {
    if (version === 0) {
      const [row] = await this.db
        .insert(settings)
        .values({ key, value, version: 1, updatedBy: actor })
        .onConflictDoNothing()
        .returning();
      return row;
    }
    const [row] = await this.db
      .update(settings)
      .set({ value, version: version + 1, updatedBy: actor, updatedAt: new Date() })
      .where(and(eq(settings.key, key), eq(settings.version, version)))
      .returning();
    return row;
  }
}
