import { and, asc, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type ProjectProblemRow, projectProblems } from '../schema.ts';
import { bumpProjectsVersion } from './project.repository.ts';

export type NewProjectProblem = typeof projectProblems.$inferInsert;

export class ProjectProblemRepository {
  constructor(private readonly db: Db) {}

  listByProject(projectId: number): Promise<ProjectProblemRow[]> {
    return this.db
      .select()
      .from(projectProblems)
      .where(eq(projectProblems.projectId, projectId))
      .orderBy(asc(projectProblems.id));
  }

  /**
   * Problems raised by `asOf`, past their deadline on that day and not closed by then: the candidates of the
   * overdue list, read without going through every project.
   */
  overdueOn(asOf: string): Promise<ProjectProblemRow[]> {
    return this.db
      .select()
      .from(projectProblems)
      .where(
        and(
          lte(projectProblems.raisedOn, asOf),
          lt(projectProblems.deadline, asOf),
          or(isNull(projectProblems.closedOn), gt(projectProblems.closedOn, asOf)),
        ),
      )
      .orderBy(asc(projectProblems.id));
  }

  /** Problems of many projects (all of them when `projectIds` is omitted); `openOnly` leaves out closed ones. */
  list(opts: { projectIds?: number[]; openOnly?: boolean } = {}): Promise<ProjectProblemRow[]> {
    const w = [];
    if (opts.projectIds) w.push(inArray(projectProblems.projectId, opts.projectIds.length ? opts.projectIds : [-1]));
    if (opts.openOnly) w.push(isNull(projectProblems.closedOn));
    return this.db
      .select()
      .from(projectProblems)
      .where(w.length ? and(...w) : undefined)
      .orderBy(asc(projectProblems.id));
  }

  async get(id: number): Promise<ProjectProblemRow | undefined> {
    const [row] = await this.db.select().from(projectProblems).where(eq(projectProblems.id, id));
    return row;
  }

  async insert(row: NewProjectProblem): Promise<ProjectProblemRow> {
    const [inserted] = await this.db.insert(projectProblems).values(row).returning();
    await bumpProjectsVersion(this.db);
    return inserted as ProjectProblemRow;
  }

  async insertMany(rows: NewProjectProblem[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insert(projectProblems).values(rows.slice(i, i + 500));
    if (rows.length) await bumpProjectsVersion(this.db);
  }

  async updateVersioned(
    id: number,
    version: number,
    patch: Partial<Pick<NewProjectProblem, 'closedOn' | 'closeEvidence' | 'deadline' | 'owner' | 'title' | 'kind'>>,
  ): Promise<ProjectProblemRow | undefined> {
    const [row] = await this.db
      .update(projectProblems)
      .set({ ...patch, version: sql`${projectProblems.version} + 1` })
      .where(and(eq(projectProblems.id, id), eq(projectProblems.version, version)))
      .returning();
    if (row) await bumpProjectsVersion(this.db);
    return row;
  }
}
