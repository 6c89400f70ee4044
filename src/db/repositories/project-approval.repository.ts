import { and, asc, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type ProjectApprovalRow, projectApprovals, projects, regions } from '../schema.ts';
import { bumpProjectsVersion } from './project.repository.ts';

export type NewProjectApproval = typeof projectApprovals.$inferInsert;
export type ApprovalPatch = Partial<
  Pick<
    NewProjectApproval,
    | 'kind'
    | 'title'
    | 'status'
    | 'permitNo'
    | 'department'
    | 'dueOn'
    | 'doneOn'
    | 'quantity'
    | 'quantityUnit'
    | 'note'
    | 'updatedBy'
  >
>;

/** A checklist item with the project fields the factor-blocker list needs. */
export interface ApprovalWithProject {
  approval: ProjectApprovalRow;
  project: {
    id: number;
    name: string;
    regionCode: string | null;
    regionName: string | null;
    responsibleUnit: string | null;
    library: string;
    liaisonLeaders: string[];
  };
}

export class ProjectApprovalRepository {
  constructor(private readonly db: Db) {}

  listByProject(projectId: number): Promise<ProjectApprovalRow[]> {
    return this.db
      .select()
      .from(projectApprovals)
      .where(eq(projectApprovals.projectId, projectId))
      .orderBy(asc(projectApprovals.id));
  }

  async get(id: number): Promise<ProjectApprovalRow | undefined> {
    const [row] = await this.db.select().from(projectApprovals).where(eq(projectApprovals.id, id));
    return row;
  }

  async insert(row: NewProjectApproval): Promise<ProjectApprovalRow> {
    const [inserted] = await this.db.insert(projectApprovals).values(row).returning();
    await bumpProjectsVersion(this.db);
    return inserted as ProjectApprovalRow;
  }

  /**
   * Many items in one statement with one JSON parameter: a checklist per project for a whole plan is
   * thousands of rows, and binding twelve parameters a row is what costs on PGlite.
   */
  async insertMany(rows: NewProjectApproval[]): Promise<void> {
    if (!rows.length) return;
    const json = JSON.stringify(
      rows.map((r) => ({
        project_id: r.projectId,
        kind: r.kind,
        title: r.title,
        status: r.status ?? 'not_started',
        permit_no: r.permitNo ?? null,
        department: r.department ?? null,
        due_on: r.dueOn ?? null,
        done_on: r.doneOn ?? null,
        quantity: r.quantity ?? null,
        quantity_unit: r.quantityUnit ?? null,
        note: r.note ?? null,
        updated_by: r.updatedBy ?? null,
      })),
    );
    await this.db.execute(sql`
      insert into project_approvals
        (project_id, kind, title, status, permit_no, department, due_on, done_on, quantity, quantity_unit, note, updated_by)
      select project_id, kind, title, status, permit_no, department, due_on, done_on, quantity, quantity_unit, note, updated_by
      from jsonb_to_recordset(${json}::jsonb) as x(
        project_id integer, kind text, title text, status text, permit_no text, department text, due_on text,
        done_on text, quantity double precision, quantity_unit text, note text, updated_by text)`);
    await bumpProjectsVersion(this.db);
  }

  /** Projects among `projectIds` that have at least one checklist item. */
  async projectsWithItems(projectIds: number[]): Promise<Set<number>> {
    if (!projectIds.length) return new Set();
    const rows = await this.db
      .selectDistinct({ projectId: projectApprovals.projectId })
      .from(projectApprovals)
      .where(inArray(projectApprovals.projectId, projectIds));
    return new Set(rows.map((r) => r.projectId));
  }

  async updateVersioned(id: number, version: number, patch: ApprovalPatch): Promise<ProjectApprovalRow | undefined> {
    const [row] = await this.db
      .update(projectApprovals)
      .set({ ...patch, version: sql`${projectApprovals.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(projectApprovals.id, id), eq(projectApprovals.version, version)))
      .returning();
    if (row) await bumpProjectsVersion(this.db);
    return row;
  }

  async deleteVersioned(id: number, version: number): Promise<ProjectApprovalRow | undefined> {
    const [row] = await this.db
      .delete(projectApprovals)
      .where(and(eq(projectApprovals.id, id), eq(projectApprovals.version, version)))
      .returning();
    if (row) await bumpProjectsVersion(this.db);
    return row;
  }

  /**
   * Candidate factor blockers on `asOf`: items blocked now, or with a due date before `asOf` that were
   * not done by then (the pure rule `approvalAlert` makes the final call). One query, joined to the
   * project and its region, ordered by project then item.
   */
  candidatesAsOf(asOf: string): Promise<ApprovalWithProject[]> {
    const a = projectApprovals;
    return this.db
      .select({
        approval: a,
        project: {
          id: projects.id,
          name: projects.name,
          regionCode: projects.regionCode,
          regionName: regions.name,
          responsibleUnit: projects.responsibleUnit,
          library: projects.library,
          liaisonLeaders: projects.liaisonLeaders,
        },
      })
      .from(a)
      .innerJoin(projects, eq(projects.id, a.projectId))
      .leftJoin(regions, eq(regions.code, projects.regionCode))
      .where(
        or(
          eq(a.status, 'blocked'),
          and(
            isNotNull(a.dueOn),
            lt(a.dueOn, asOf),
            sql`${a.status} <> 'not_needed'`,
            or(sql`${a.status} <> 'done'`, sql`${a.doneOn} is null`, sql`${a.doneOn} > ${asOf}`),
          ),
        ),
      )
      .orderBy(asc(a.projectId), asc(a.id));
  }

  /** Today's rows of these items with their projects (the items a later change touched), by project then id. */
  withProjectByIds(ids: number[]): Promise<ApprovalWithProject[]> {
    if (!ids.length) return Promise.resolve([]);
    const a = projectApprovals;
    return this.db
      .select({ approval: a, project: projectSummary })
      .from(a)
      .innerJoin(projects, eq(projects.id, a.projectId))
      .leftJoin(regions, eq(regions.code, projects.regionCode))
      .where(inArray(a.id, ids))
      .orderBy(asc(a.projectId), asc(a.id));
  }

  /** The projects the factor-blocker list shows, by id (for items deleted since a past date). */
  projectSummaries(projectIds: number[]): Promise<Array<ApprovalWithProject['project']>> {
    if (!projectIds.length) return Promise.resolve([]);
    return this.db
      .select(projectSummary)
      .from(projects)
      .leftJoin(regions, eq(regions.code, projects.regionCode))
      .where(inArray(projects.id, projectIds))
      .orderBy(asc(projects.id));
  }
}

/** The project fields of `ApprovalWithProject`. */
const projectSummary = {
  id: projects.id,
  name: projects.name,
  regionCode: projects.regionCode,
  regionName: regions.name,
  responsibleUnit: projects.responsibleUnit,
  library: projects.library,
  liaisonLeaders: projects.liaisonLeaders,
};
