import { and, asc, count, desc, eq, gte, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { auditLog, type ProjectRow, projects, regions } from '../schema.ts';

export type NewProject = typeof projects.$inferInsert;
export type ProjectPatch = Partial<Omit<NewProject, 'id' | 'version' | 'createdAt' | 'updatedAt'>>;
export type ProjectListRow = ProjectRow & { regionName: string | null };

export interface ProjectFilter {
  library?: ProjectRow['library'] | undefined;
  /** A county code, or a city code meaning the city and all its counties. */
  regionCode?: string | undefined;
  zone?: string | undefined;
  /** Name, code, owner or programme contains this text. */
  q?: string | undefined;
  leader?: string | undefined;
  planId?: number | undefined;
}

export class ProjectRepository {
  constructor(private readonly db: Db) {}

  private where(f: ProjectFilter): SQL | undefined {
    const w: SQL[] = [];
    if (f.library) w.push(eq(projects.library, f.library));
    if (f.regionCode) {
      w.push(
        or(
          eq(projects.regionCode, f.regionCode),
          sql`${projects.regionCode} in (select ${regions.code} from ${regions} where ${regions.parentCode} = ${f.regionCode})`,
        ) as SQL,
      );
    }
    if (f.zone) w.push(eq(projects.zone, f.zone));
    if (f.planId) w.push(eq(projects.planId, f.planId));
    if (f.leader) w.push(sql`${projects.liaisonLeaders} @> ${JSON.stringify([f.leader])}::jsonb`);
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      w.push(
        or(
          ilike(projects.name, like),
          ilike(projects.code, like),
          ilike(projects.ownerName, like),
          ilike(projects.programme, like),
        ) as SQL,
      );
    }
    return w.length ? and(...w) : undefined;
  }

  async list(f: ProjectFilter, page: { limit: number; offset: number }): Promise<ProjectListRow[]> {
    const rows = await this.db
      .select({ p: projects, regionName: regions.name })
      .from(projects)
      .leftJoin(regions, eq(regions.code, projects.regionCode))
      .where(this.where(f))
      .orderBy(asc(projects.id))
      .limit(page.limit)
      .offset(page.offset);
    return rows.map((r) => ({ ...r.p, regionName: r.regionName }));
  }

  async count(f: ProjectFilter): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(projects).where(this.where(f));
    return Number(row?.n ?? 0);
  }

  /** Every project of the filter, unpaged (KPIs, exports). */
  all(f: ProjectFilter = {}): Promise<ProjectRow[]> {
    return this.db.select().from(projects).where(this.where(f)).orderBy(asc(projects.id));
  }

  async get(id: number): Promise<ProjectListRow | undefined> {
    const [r] = await this.db
      .select({ p: projects, regionName: regions.name })
      .from(projects)
      .leftJoin(regions, eq(regions.code, projects.regionCode))
      .where(eq(projects.id, id));
    return r ? { ...r.p, regionName: r.regionName } : undefined;
  }

  async getMany(ids: number[]): Promise<ProjectRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(projects).where(inArray(projects.id, ids));
  }

  /** Item keys of a plan's projects that already exist (fromPlan is idempotent). */
  async itemKeys(planId: number): Promise<Set<string>> {
    const rows = await this.db.select({ key: projects.itemKey }).from(projects).where(eq(projects.planId, planId));
    return new Set(rows.map((r) => r.key).filter((k): k is string => k !== null));
  }

  async insert(row: NewProject): Promise<ProjectRow> {
    const [inserted] = await this.db.insert(projects).values(row).returning();
    return inserted as ProjectRow;
  }

  /** Batched insert; rows that already exist for (plan, item key) are skipped. */
  async insertMany(rows: NewProject[]): Promise<ProjectRow[]> {
    const out: ProjectRow[] = [];
    for (let i = 0; i < rows.length; i += 200) {
      out.push(
        ...(await this.db
          .insert(projects)
          .values(rows.slice(i, i + 200))
          .onConflictDoNothing()
          .returning()),
      );
    }
    return out;
  }

  async updateVersioned(id: number, version: number, patch: ProjectPatch): Promise<ProjectRow | undefined> {
    const [row] = await this.db
      .update(projects)
      .set({ ...patch, version: sql`${projects.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(projects.id, id), eq(projects.version, version)))
      .returning();
    return row;
  }

  /** Demo loading only: sets fields without a version bump or audit (示例数据, never a person's edit). */
  async updateDemo(id: number, patch: ProjectPatch): Promise<void> {
    await this.db.update(projects).set(patch).where(eq(projects.id, id));
  }

  /** Distinct liaison leaders (一联五) with their project counts. */
  async leaders(): Promise<Array<{ name: string; n: number }>> {
    const rows = await this.db.select({ l: projects.liaisonLeaders }).from(projects);
    const n = new Map<string, number>();
    for (const r of rows) for (const name of r.l ?? []) n.set(name, (n.get(name) ?? 0) + 1);
    return [...n].map(([name, k]) => ({ name, n: k })).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Audit entries for many projects at once (plan import, Excel import); one statement per 500. */
  async recordAudit(entries: Array<typeof auditLog.$inferInsert>): Promise<void> {
    for (let i = 0; i < entries.length; i += 500) await this.db.insert(auditLog).values(entries.slice(i, i + 500));
  }

  /** Audit entries of these projects (and their investments and problems) since `since`, newest first. */
  async changesSince(projectIds: number[], since: Date) {
    if (projectIds.length === 0) return [];
    const ids = projectIds.map(String);
    return this.db
      .select()
      .from(auditLog)
      .where(
        and(
          gte(auditLog.at, since),
          or(
            and(eq(auditLog.entity, 'project'), inArray(auditLog.entityId, ids)),
            and(
              inArray(auditLog.entity, ['project_investment', 'project_problem']),
              sql`${auditLog.after}->>'projectId' in (${sql.join(
                ids.map((i) => sql`${i}`),
                sql`, `,
              )})`,
            ),
          ),
        ),
      )
      .orderBy(desc(auditLog.id))
      .limit(500);
  }
}
