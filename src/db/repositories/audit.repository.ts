import { and, asc, desc, eq, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { auditLog } from '../schema.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.insert(auditLog).values({ ...entry, before: entry.before ?? null, after: entry.after ?? null });
  }

  list(entity: string, entityId: string) {
    return this.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
      .orderBy(desc(auditLog.id));
  }

  /**
   * Entries written at or after `since`, oldest first, of the given entities (each optionally narrowed
   * to some actions): what changed after a past moment, to roll today's rows back to it.
   */
  since(since: Date, of: Array<{ entity: string; actions?: string[] }>) {
    if (!of.length) return Promise.resolve([]);
    const match = of.map(({ entity, actions }) =>
      actions?.length
        ? and(eq(auditLog.entity, entity), inArray(auditLog.action, actions))
        : eq(auditLog.entity, entity),
    ) as SQL[];
    return this.db
      .select()
      .from(auditLog)
      .where(and(gte(auditLog.at, since), or(...match)))
      .orderBy(asc(auditLog.id));
  }

  /** Entries of these entity ids written before `before`, oldest first. */
  before(entity: string, entityIds: string[], before: Date) {
    if (!entityIds.length) return Promise.resolve([]);
    return this.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, entity), inArray(auditLog.entityId, entityIds), lt(auditLog.at, before)))
      .orderBy(asc(auditLog.id));
  }
}
