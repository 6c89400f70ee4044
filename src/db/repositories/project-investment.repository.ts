import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  type ProjectInvestmentRow,
  type ProjectInvestmentVersionRow,
  projectInvestments,
  projectInvestmentVersions,
} from '../schema.ts';
import { bumpProjectsVersion } from './project.repository.ts';

export type NewProjectInvestment = typeof projectInvestments.$inferInsert;
export type NewInvestmentVersion = typeof projectInvestmentVersions.$inferInsert;

export class ProjectInvestmentRepository {
  constructor(private readonly db: Db) {}

  listByProject(projectId: number): Promise<ProjectInvestmentRow[]> {
    return this.db
      .select()
      .from(projectInvestments)
      .where(eq(projectInvestments.projectId, projectId))
      .orderBy(asc(projectInvestments.year), asc(projectInvestments.month));
  }

  /** Every month of one year up to `throughMonth` (all months when omitted), ordered by project (for aggregateInvestment). */
  listForYear(year: number, throughMonth = 12, projectIds?: number[]): Promise<ProjectInvestmentRow[]> {
    const w = [eq(projectInvestments.year, year), lte(projectInvestments.month, throughMonth)];
    if (projectIds) w.push(inArray(projectInvestments.projectId, projectIds.length ? projectIds : [-1]));
    return this.db
      .select()
      .from(projectInvestments)
      .where(and(...w))
      .orderBy(asc(projectInvestments.projectId), asc(projectInvestments.month));
  }

  /** The figures the KPIs need for one year, nothing else (lean: the ranking reads every project's months). */
  figuresForYear(
    year: number,
  ): Promise<Array<{ projectId: number; month: number; planned: number; completed: number }>> {
    return this.db
      .select({
        projectId: projectInvestments.projectId,
        month: projectInvestments.month,
        planned: projectInvestments.planned,
        completed: projectInvestments.completed,
      })
      .from(projectInvestments)
      .where(eq(projectInvestments.year, year))
      .orderBy(asc(projectInvestments.projectId), asc(projectInvestments.month));
  }

  async find(projectId: number, year: number, month: number): Promise<ProjectInvestmentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(projectInvestments)
      .where(
        and(
          eq(projectInvestments.projectId, projectId),
          eq(projectInvestments.year, year),
          eq(projectInvestments.month, month),
        ),
      );
    return row;
  }

  async insert(row: NewProjectInvestment): Promise<ProjectInvestmentRow> {
    const [inserted] = await this.db.insert(projectInvestments).values(row).returning();
    // the list's lights are summed from the months (project list cache, issue 6)
    await bumpProjectsVersion(this.db, [row.projectId]);
    return inserted as ProjectInvestmentRow;
  }

  async insertMany(rows: NewProjectInvestment[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000)
      await this.db.insert(projectInvestments).values(rows.slice(i, i + 1000));
    if (rows.length)
      await bumpProjectsVersion(
        this.db,
        rows.map((r) => r.projectId),
      );
  }

  async updateVersioned(
    id: number,
    version: number,
    patch: Partial<Pick<NewProjectInvestment, 'planned' | 'completed' | 'progressText' | 'state' | 'updatedBy'>>,
  ): Promise<ProjectInvestmentRow | undefined> {
    const [row] = await this.db
      .update(projectInvestments)
      .set({ ...patch, version: sql`${projectInvestments.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(projectInvestments.id, id), eq(projectInvestments.version, version)))
      .returning();
    if (row) await bumpProjectsVersion(this.db, [row.projectId]);
    return row;
  }

  /** Every approved version of the project's months, oldest first per month (the report history). */
  versionsByProject(projectId: number): Promise<ProjectInvestmentVersionRow[]> {
    const v = projectInvestmentVersions;
    return this.db
      .select()
      .from(v)
      .where(eq(v.projectId, projectId))
      .orderBy(asc(v.year), asc(v.month), asc(v.version));
  }

  versions(investmentId: number): Promise<ProjectInvestmentVersionRow[]> {
    const v = projectInvestmentVersions;
    return this.db.select().from(v).where(eq(v.investmentId, investmentId)).orderBy(asc(v.version));
  }

  async latestVersion(investmentId: number): Promise<ProjectInvestmentVersionRow | undefined> {
    const v = projectInvestmentVersions;
    const [row] = await this.db
      .select()
      .from(v)
      .where(eq(v.investmentId, investmentId))
      .orderBy(desc(v.version))
      .limit(1);
    return row;
  }

  async insertVersion(row: NewInvestmentVersion): Promise<ProjectInvestmentVersionRow> {
    const [inserted] = await this.db.insert(projectInvestmentVersions).values(row).returning();
    return inserted as ProjectInvestmentVersionRow;
  }
}
