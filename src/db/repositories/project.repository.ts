import { and, asc, type Column, count, desc, eq, gte, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { Light, LightBands } from '../../domain/projects/warning.ts';
import type { Db } from '../client.ts';
import {
  auditLog,
  dataVersions,
  type ProjectRow,
  projectInvestments,
  projectLightDirty,
  projectLights,
  projects,
  regions,
} from '../schema.ts';

export type NewProject = typeof projects.$inferInsert;
export type ProjectPatch = Partial<Omit<NewProject, 'id' | 'version' | 'createdAt' | 'updatedAt'>>;
export type ProjectListRow = ProjectRow & { regionName: string | null };

export interface ProjectFilter {
  library?: ProjectRow['library'] | undefined;
  /** A county code, or a city code meaning the city and all its counties. */
  regionCode?: string | undefined;
  zone?: string | undefined;
  chain?: string | undefined;
  /** Name, code, owner or programme contains this text. */
  q?: string | undefined;
  leader?: string | undefined;
  planId?: number | undefined;
  /** Only projects whose warning light (on the list's {@link Schedule}) has this colour. */
  light?: Light | undefined;
}

/**
 * The year a warning light looks at: its planned investment, what was completed through
 * `monthsElapsed`, and milestone lateness on `today`. The light itself is the pure rule in
 * src/domain/projects/warning.ts; SQL here only mirrors its colour so a list can be filtered and
 * sorted by it without loading every project.
 */
export interface Schedule {
  year: number;
  monthsElapsed: number;
  today: string;
  bands: LightBands;
}

export const PROJECT_SORTS = ['id', 'name', 'investment', 'library', 'region', 'light', 'updated'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export interface ListQuery {
  limit: number;
  offset: number;
  sort?: ProjectSort | undefined;
  order?: 'asc' | 'desc' | undefined;
}

/** A list row with the year's investment sums the light needs (万元). */
export type ScheduledRow = ProjectListRow & { plannedYear: number; completedYtd: number };

/** Projects per region and library, for the pipeline funnel. */
export interface PipelineGroup {
  regionCode: string | null;
  regionName: string | null;
  library: ProjectRow['library'];
  projects: number;
  investment: number;
}

/** The `data_versions` row the project list cache is keyed by (src/services/project-list-cache.ts). */
export const PROJECTS_DATA_VERSION = 'projects';

/**
 * Bumps the projects data version. Called right AFTER each write to projects, their investments,
 * problems and approvals, on the same connection or transaction: inside a transaction both commit
 * together; outside one the write commits first, so a reader that already sees the new version also
 * sees the write (a reader that sees the old version with the new data only fills an entry nobody
 * asks for again). `lightsOf` names the projects whose stored light the write may move (their dates
 * or months): they are marked dirty BEFORE the bump, so a reader of the new version always finds the
 * mark and refreshes them first (see ProjectRepository.refreshLights).
 */
export async function bumpProjectsVersion(db: Db, lightsOf: readonly number[] = []): Promise<void> {
  const ids = [...new Set(lightsOf)];
  for (let i = 0; i < ids.length; i += 5000) {
    await db
      .insert(projectLightDirty)
      .values(ids.slice(i, i + 5000).map((projectId) => ({ projectId })))
      .onConflictDoNothing();
  }
  await db
    .insert(dataVersions)
    .values({ name: PROJECTS_DATA_VERSION, version: 1 })
    .onConflictDoUpdate({
      target: dataVersions.name,
      set: { version: sql`${dataVersions.version} + 1`, updatedAt: sql`now()` },
    });
}

/**
 * The `data_versions` row recording the day the stored lights were computed for, as the number
 * yyyymmdd, under a name carrying the bands (other bands, other lights).
 */
function lightsMarker(s: Schedule): string {
  const b = s.bands;
  return `project-lights|${b.investmentYellowPp},${b.investmentRedPp},${b.milestoneYellowDays},${b.milestoneRedDays}`;
}
const dayNumber = (iso: string) => Number(iso.replaceAll('-', ''));

/** What a list request learns in one round trip: the data version and whether stored lights are current. */
export interface LightState {
  dataVersion: number;
  /** Stored lights are for this schedule's day and bands, and no project is waiting for a refresh. */
  fresh: boolean;
  /** The stored lights' day is another (or none): the next refresh recomputes every project. */
  wholeTable: boolean;
}

const LIGHT_LEVEL: Record<Light, number> = { green: 0, yellow: 1, red: 2 };

/**
 * Recomputes the stored lights of these projects (all without `ids`) for `s`: the year's sums from a
 * grouped subquery and the colour from the same SQL as the list's ad-hoc light. Rows in id order so
 * two refreshes running at once lock them in the same order.
 */
async function upsertLights(db: Db, s: Schedule, ids?: number[]): Promise<number> {
  const repo = new ProjectRepository(db);
  const inIds = ids ? inArray(projectInvestments.projectId, ids) : undefined;
  const sums = db
    .select({
      projectId: projectInvestments.projectId,
      planned: sql<number>`sum(${projectInvestments.planned})`.as('planned_year'),
      done: sql<number>`coalesce(sum(${projectInvestments.completed}) filter (where ${projectInvestments.month} <= ${s.monthsElapsed}), 0)`.as(
        'completed_ytd',
      ),
    })
    .from(projectInvestments)
    .where(and(eq(projectInvestments.year, s.year), inIds))
    .groupBy(projectInvestments.projectId)
    .as('sums');
  const planned = sql`coalesce(${sums.planned}, 0)::float8`;
  const done = sql`coalesce(${sums.done}, 0)::float8`;
  const select = db
    .select({
      projectId: projects.id,
      asOf: sql<string>`${s.today}::text`.as('as_of'),
      level: sql<number>`${repo.lightLevelOf(s, planned, done)}`.as('level'),
      plannedYear: sql<number>`${planned}`.as('planned_year'),
      completedYtd: sql<number>`${done}`.as('completed_ytd'),
    })
    .from(projects)
    .leftJoin(sums, eq(sums.projectId, projects.id))
    .where(ids ? inArray(projects.id, ids) : undefined)
    .orderBy(asc(projects.id));
  const out = await db
    .insert(projectLights)
    .select(select)
    .onConflictDoUpdate({
      target: projectLights.projectId,
      set: {
        asOf: sql`excluded.as_of`,
        level: sql`excluded.level`,
        plannedYear: sql`excluded.planned_year`,
        completedYtd: sql`excluded.completed_ytd`,
      },
    })
    .returning({ id: projectLights.projectId });
  return out.length;
}

/** What the light query's join needs of a dynamic select builder (either join). */
interface Joinable {
  leftJoin(table: unknown, on: SQL | undefined): unknown;
  leftJoinLateral(table: unknown, on: SQL): unknown;
}

/** A filter whose region is resolved to the codes it covers. */
type Resolved = ProjectFilter & { regionCodes?: string[] };

export class ProjectRepository {
  constructor(private readonly db: Db) {}

  /**
   * A county stands for itself, a city for itself and its counties. The codes are looked up first and
   * given to the list as literals: `region_code in (select …)` leaves the planner guessing half the
   * table, and at 100 k projects it then scans everything instead of using the region index.
   */
  private async resolve(f: ProjectFilter): Promise<Resolved> {
    if (!f.regionCode || (f as Resolved).regionCodes) return f;
    const rows = await this.db
      .select({ code: regions.code })
      .from(regions)
      .where(or(eq(regions.code, f.regionCode), eq(regions.parentCode, f.regionCode)));
    return { ...f, regionCodes: rows.length ? rows.map((r) => r.code) : [f.regionCode] };
  }

  /** The filter's conditions on `projects` alone (the light needs the schedule join, see {@link lightLevel}). */
  private where(f: Resolved): SQL | undefined {
    const w: SQL[] = [];
    if (f.library) w.push(eq(projects.library, f.library));
    if (f.regionCodes) w.push(inArray(projects.regionCode, f.regionCodes));
    else if (f.regionCode) {
      w.push(
        or(
          eq(projects.regionCode, f.regionCode),
          sql`${projects.regionCode} in (select ${regions.code} from ${regions} where ${regions.parentCode} = ${f.regionCode})`,
        ) as SQL,
      );
    }
    if (f.zone) w.push(eq(projects.zone, f.zone));
    if (f.chain) w.push(eq(projects.chain, f.chain));
    if (f.planId) w.push(eq(projects.planId, f.planId));
    if (f.leader) w.push(sql`${projects.liaisonLeaders} @> ${JSON.stringify([f.leader])}::jsonb`);
    if (f.q) {
      const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // Chinese has no letter case: without a Latin letter a plain LIKE finds the same rows, about
      // four times faster than ILIKE's case folding over 100 k names
      const match = /[A-Za-z]/.test(f.q) ? ilike : like;
      w.push(
        or(
          match(projects.name, pattern),
          match(projects.code, pattern),
          match(projects.ownerName, pattern),
          match(projects.programme, pattern),
        ) as SQL,
      );
    }
    return w.length ? and(...w) : undefined;
  }

  private orderBy(q: ListQuery, level?: SQL): SQL[] {
    const dir = q.order === 'desc' ? desc : asc;
    const tail = q.order === 'desc' ? desc(projects.id) : asc(projects.id);
    switch (q.sort) {
      case 'name':
        return [dir(projects.name), tail];
      case 'investment':
        // projects without a figure last either way
        return [sql`${projects.totalInvestment} ${sql.raw(q.order === 'desc' ? 'desc' : 'asc')} nulls last`, tail];
      case 'library':
        return [
          dir(sql`array_position(array['conceived','reserve','construction','in_effect'], ${projects.library})`),
          tail,
        ];
      case 'region':
        return [sql`${projects.regionCode} ${sql.raw(q.order === 'desc' ? 'desc' : 'asc')} nulls last`, tail];
      case 'light':
        // worst first is the natural reading; `asc` gives green first
        return level ? [dir(level), tail] : [tail];
      case 'updated':
        return [dir(projects.updatedAt), tail];
      default:
        return [tail];
    }
  }

  /**
   * The year's planned investment and the investment completed through the schedule's month, per
   * project, as a subquery (restricted to the filtered projects so a county's list does not sum the city).
   */
  private schedule(s: Schedule, f: Resolved) {
    const w = this.where(f);
    return this.db
      .select({
        projectId: projectInvestments.projectId,
        planned: sql<number>`sum(${projectInvestments.planned})`.as('planned_year'),
        done: sql<number>`coalesce(sum(${projectInvestments.completed}) filter (where ${projectInvestments.month} <= ${s.monthsElapsed}), 0)`.as(
          'completed_ytd',
        ),
      })
      .from(projectInvestments)
      .where(
        and(
          eq(projectInvestments.year, s.year),
          w ? sql`${projectInvestments.projectId} in (select ${projects.id} from ${projects} where ${w})` : undefined,
        ),
      )
      .groupBy(projectInvestments.projectId)
      .as('sched');
  }

  /** The same sums for the one project of the outer row (a LATERAL subquery; one row, nulls without months). */
  private scheduleOf(s: Schedule) {
    return this.db
      .select({
        planned: sql<number>`sum(${projectInvestments.planned})`.as('planned_year'),
        done: sql<number>`coalesce(sum(${projectInvestments.completed}) filter (where ${projectInvestments.month} <= ${s.monthsElapsed}), 0)`.as(
          'completed_ytd',
        ),
      })
      .from(projectInvestments)
      .where(and(eq(projectInvestments.projectId, projects.id), eq(projectInvestments.year, s.year)))
      .as('sched');
  }

  /**
   * The light's colour as 0/1/2 in SQL, the same rule as warningLight(): the investment lag in
   * percentage points rounded like round(x, 1) (half away from zero, + ε) and graded inclusive at the
   * lower edge, and the worst overdue planned milestone in days; the worse of the two.
   */
  lightLevelOf(s: Schedule, planned: SQL, done: SQL): SQL<number> {
    return this.lightLevel(s, planned, done);
  }

  private lightLevel(s: Schedule, planned: SQL, done: SQL): SQL<number> {
    const b = s.bands;
    const lag = sql`((${s.monthsElapsed}::float8 / 12::float8) - ${done} / ${planned}) * 100::float8`;
    const rounded = sql`(sign(${lag}) * floor(abs(${lag}) * 10::float8 + ${Number.EPSILON}::float8 + 0.5::float8) / 10::float8)`;
    const inv = sql`case when ${planned} > 0 then (case when ${rounded} >= ${b.investmentRedPp}::float8 then 2 when ${rounded} >= ${b.investmentYellowPp}::float8 then 1 else 0 end) else 0 end`;
    const late = (planned: Column, actual: Column) =>
      sql`case when ${planned} is not null and ${planned} <= ${s.today} and ${actual} is null then (${s.today}::date - ${planned}::date) else 0 end`;
    const days = sql`greatest(${late(projects.plannedStartOn, projects.startedOn)}, ${late(projects.plannedProductionOn, projects.inProductionOn)}, ${late(projects.plannedCapacityOn, projects.atCapacityOn)})`;
    const ms = sql`case when ${days} >= ${b.milestoneRedDays} then 2 when ${days} >= ${b.milestoneYellowDays} then 1 else 0 end`;
    return sql<number>`greatest(${inv}, ${ms})`;
  }

  /**
   * The projects data version and whether the stored lights serve `s` as they are: one statement,
   * read BEFORE the page like the version alone (see project-list-cache.ts).
   */
  async lightState(s: Schedule): Promise<LightState> {
    const rows = (await this.db.execute(sql`
      select (select ${dataVersions.version} from ${dataVersions} where ${dataVersions.name} = ${PROJECTS_DATA_VERSION}) as v,
             (select ${dataVersions.version} from ${dataVersions} where ${dataVersions.name} = ${lightsMarker(s)}) as day,
             exists (select 1 from ${projectLightDirty}) as dirty`)) as unknown as {
      rows: Array<{ v: string | number | null; day: string | number | null; dirty: boolean }>;
    };
    const r = rows.rows[0];
    const wholeTable = Number(r?.day ?? 0) !== dayNumber(s.today);
    return { dataVersion: Number(r?.v ?? 0), fresh: !wholeTable && !r?.dirty, wholeTable };
  }

  /**
   * Brings the stored lights to `s`'s day: every project when the day (or bands) changed, else the
   * projects marked dirty. One transaction: the marks are taken and the lights recomputed from data
   * committed no earlier than the marks (each statement of a READ COMMITTED transaction sees what was
   * committed before it), so a write committing meanwhile leaves its own mark for the next refresh.
   * Returns how many projects were recomputed.
   */
  async refreshLights(s: Schedule): Promise<number> {
    return this.db.transaction(async (tx) => {
      const state = await new ProjectRepository(tx).lightState(s);
      if (state.fresh) return 0;
      const taken = await tx.delete(projectLightDirty).returning({ id: projectLightDirty.projectId });
      let n = 0;
      if (state.wholeTable) {
        n = await upsertLights(tx, s);
        // fresh statistics at once: with the table's estimate of a few hundred rows the planner probes
        // every red light of the city for one county's count (100 ms instead of 5 at 100 k projects)
        await tx.execute(sql`analyze ${projectLights}`);
        await tx
          .insert(dataVersions)
          .values({ name: lightsMarker(s), version: dayNumber(s.today) })
          .onConflictDoUpdate({
            target: dataVersions.name,
            set: { version: dayNumber(s.today), updatedAt: sql`now()` },
          });
      } else {
        const ids = taken.map((t) => t.id).sort((a, b) => a - b);
        for (let i = 0; i < ids.length; i += 5000) n += await upsertLights(tx, s, ids.slice(i, i + 5000));
      }
      return n;
    });
  }

  /** The projects data version (0 before the first write): one primary-key read. */
  async dataVersion(): Promise<number> {
    const [row] = await this.db
      .select({ v: dataVersions.version })
      .from(dataVersions)
      .where(eq(dataVersions.name, PROJECTS_DATA_VERSION));
    return Number(row?.v ?? 0);
  }

  async list(filter: ProjectFilter, page: ListQuery): Promise<ProjectListRow[]> {
    const f = await this.resolve(filter);
    const rows = await this.db
      .select({ p: projects, regionName: regions.name })
      .from(projects)
      .leftJoin(regions, eq(regions.code, projects.regionCode))
      .where(this.where(f))
      .orderBy(...this.orderBy(page))
      .limit(page.limit)
      .offset(page.offset);
    return rows.map((r) => ({ ...r.p, regionName: r.regionName }));
  }

  async count(filter: ProjectFilter): Promise<number> {
    const f = await this.resolve(filter);
    const [row] = await this.db.select({ n: count() }).from(projects).where(this.where(f));
    return Number(row?.n ?? 0);
  }

  /**
   * A page of projects with the year's investment sums, and the total. Without a light filter or
   * sort the page is read first and only its rows are summed (an index look-up per row), so a page
   * of a 100 k list costs the same as one of the demo's; filtering or sorting by light sums the
   * year's rows of every filtered project in one statement.
   */
  async listScheduled(
    filter: ProjectFilter,
    q: ListQuery,
    s: Schedule,
    /** The filter's total when the caller already knows it (same filter, same data version): no count. */
    knownTotal?: number | Promise<number>,
    /** The stored lights are current for `s` (see {@link lightState}): read them instead of summing months. */
    stored = false,
  ): Promise<{ rows: ScheduledRow[]; total: number }> {
    // the region's codes are looked up once, not once per statement below
    const f = await this.resolve(filter);
    if (stored) return this.listStored(f, q, knownTotal);
    if (!f.light && q.sort !== 'light') {
      // at 100 k projects the count is the dearest statement of a plain page; a caller paging the same
      // filter passes it back (ProjectService.list keeps it per filter and data version)
      const [rows, total] = await Promise.all([this.list(f, q), knownTotal ?? this.count(f)]);
      const sums = await this.sums(
        rows.map((r) => r.id),
        s,
      );
      return {
        rows: rows.map((r) => ({ ...r, ...(sums.get(r.id) ?? { plannedYear: 0, completedYtd: 0 }) })),
        total,
      };
    }
    // A narrowed list (a county, zone, chain, text, leader or plan: a few thousand projects) sums each
    // project's year through the (project, year, month) index, a lateral look-up per project: at 100 k
    // projects a county's light page took ≈550 ms with the grouped subquery (the planner hashes all
    // 1 M rows of the year) and ≈185 ms this way (EXPLAIN ANALYZE on PostgreSQL, 7,143 projects).
    // The whole city, or a library alone, still sums the year's rows in one grouped pass.
    const narrow = Boolean(f.regionCodes || f.regionCode || f.zone || f.chain || f.q || f.leader || f.planId);
    const lateral = this.scheduleOf(s);
    const grouped = this.schedule(s, f);
    const sched = narrow ? lateral : grouped;
    // the two joins give differently typed builders; the selection is explicit either way, so the
    // builder's own type is kept
    const join = <T>(b: T): T => {
      const j = b as unknown as Joinable;
      return (narrow
        ? j.leftJoinLateral(lateral, sql`true`)
        : j.leftJoin(grouped, eq(grouped.projectId, projects.id))) as unknown as T;
    };
    const planned = sql`coalesce(${sched.planned}, 0)`;
    const done = sql`coalesce(${sched.done}, 0)`;
    const level = this.lightLevel(s, planned, done);
    const where = and(this.where(f), f.light ? sql`${level} = ${LIGHT_LEVEL[f.light]}` : undefined);
    const rows = await join(
      this.db
        .select({
          p: projects,
          regionName: regions.name,
          planned: sql<number>`${planned}::float8`,
          done: sql<number>`${done}::float8`,
          total: sql<number>`count(*) over ()`,
        })
        .from(projects)
        .leftJoin(regions, eq(regions.code, projects.regionCode))
        .$dynamic(),
    )
      .where(where)
      .orderBy(...this.orderBy(q, level))
      .limit(q.limit)
      .offset(q.offset);
    let total = Number(rows[0]?.total ?? 0);
    if (rows.length === 0 && q.offset > 0) {
      // past the last page: the window count has no row to ride on
      const [c] = await join(this.db.select({ n: count() }).from(projects).$dynamic()).where(where);
      total = Number(c?.n ?? 0);
    }
    return {
      rows: rows.map((r) => ({
        ...r.p,
        regionName: r.regionName,
        plannedYear: Number(r.planned),
        completedYtd: Number(r.done),
      })),
      total,
    };
  }

  /**
   * The filter's total where it is a count of its own: with a light filter only from the stored lights
   * (`stored`); the per-request light path counts in its page statement instead.
   */
  async total(filter: ProjectFilter, stored: boolean): Promise<number> {
    const f = await this.resolve(filter);
    if (!f.light) return this.count(f);
    if (!stored) throw new Error('a light filter without stored lights is counted by its page statement');
    const [c] = await this.db
      .select({ n: count() })
      .from(projects)
      .innerJoin(projectLights, eq(projectLights.projectId, projects.id))
      .where(and(this.where(f), eq(projectLights.level, LIGHT_LEVEL[f.light])));
    return Number(c?.n ?? 0);
  }

  /**
   * A page from the stored lights: one statement for the rows (the light filter and sort go through
   * the (level, project) index) and, unless the caller knows it, one count.
   */
  private async listStored(
    f: Resolved,
    q: ListQuery,
    knownTotal?: number | Promise<number>,
  ): Promise<{ rows: ScheduledRow[]; total: number }> {
    if (!f.light && q.sort !== 'light') {
      // the page from projects alone (a sort by name or investment need not join every filtered
      // project's light), then the lights of its rows by primary key
      const [rows, total] = await Promise.all([this.list(f, q), knownTotal ?? this.count(f)]);
      const ids = rows.map((r) => r.id);
      const lights = ids.length
        ? await this.db
            .select({
              id: projectLights.projectId,
              planned: projectLights.plannedYear,
              done: projectLights.completedYtd,
            })
            .from(projectLights)
            .where(inArray(projectLights.projectId, ids))
        : [];
      const byId = new Map(lights.map((l) => [l.id, l]));
      return {
        rows: rows.map((r) => ({
          ...r,
          plannedYear: byId.get(r.id)?.planned ?? 0,
          completedYtd: byId.get(r.id)?.done ?? 0,
        })),
        total,
      };
    }
    const level = sql<number>`${projectLights.level}`;
    const where = and(this.where(f), f.light ? eq(projectLights.level, LIGHT_LEVEL[f.light]) : undefined);
    const page = this.db
      .select({
        p: projects,
        regionName: regions.name,
        planned: projectLights.plannedYear,
        done: projectLights.completedYtd,
      })
      .from(projects)
      .innerJoin(projectLights, eq(projectLights.projectId, projects.id))
      .leftJoin(regions, eq(regions.code, projects.regionCode))
      .where(where)
      .orderBy(...this.orderBy(q, level))
      .limit(q.limit)
      .offset(q.offset);
    const [rows, total] = await Promise.all([page, knownTotal ?? this.total(f, true)]);
    return {
      rows: rows.map((r) => ({ ...r.p, regionName: r.regionName, plannedYear: r.planned, completedYtd: r.done })),
      total,
    };
  }

  /** The year's planned and completed-to-date investment of these projects (one grouped statement). */
  async sums(ids: number[], s: Schedule): Promise<Map<number, { plannedYear: number; completedYtd: number }>> {
    const out = new Map<number, { plannedYear: number; completedYtd: number }>();
    if (ids.length === 0) return out;
    const rows = await this.db
      .select({
        id: projectInvestments.projectId,
        planned: sql<number>`sum(${projectInvestments.planned})::float8`,
        done: sql<number>`coalesce(sum(${projectInvestments.completed}) filter (where ${projectInvestments.month} <= ${s.monthsElapsed}), 0)::float8`,
      })
      .from(projectInvestments)
      .where(and(inArray(projectInvestments.projectId, ids), eq(projectInvestments.year, s.year)))
      .groupBy(projectInvestments.projectId);
    for (const r of rows) out.set(r.id, { plannedYear: Number(r.planned), completedYtd: Number(r.done) });
    return out;
  }

  /** Projects and total investment per region and library (the funnel), under the filter. */
  async pipeline(filter: ProjectFilter, s: Schedule, stored = false): Promise<PipelineGroup[]> {
    const f = await this.resolve(filter);
    let where = this.where(f);
    let from = this.db
      .select({
        regionCode: projects.regionCode,
        regionName: regions.name,
        library: projects.library,
        projects: sql<number>`count(*)::int`,
        investment: sql<number>`coalesce(sum(${projects.totalInvestment}), 0)::float8`,
      })
      .from(projects)
      .leftJoin(regions, eq(regions.code, projects.regionCode))
      .$dynamic();
    if (f.light && stored) {
      from = from.innerJoin(projectLights, eq(projectLights.projectId, projects.id));
      where = and(where, eq(projectLights.level, LIGHT_LEVEL[f.light]));
    } else if (f.light) {
      const sched = this.schedule(s, f);
      from = from.leftJoin(sched, eq(sched.projectId, projects.id));
      const level = this.lightLevel(s, sql`coalesce(${sched.planned}, 0)`, sql`coalesce(${sched.done}, 0)`);
      where = and(where, sql`${level} = ${LIGHT_LEVEL[f.light]}`);
    }
    const rows = await from.where(where).groupBy(projects.regionCode, regions.name, projects.library);
    return rows.map((r) => ({ ...r, projects: Number(r.projects), investment: Number(r.investment) }));
  }

  /** Distinct zones and chains with their project counts (the list's filter choices). */
  async facets(): Promise<{ zones: Array<{ value: string; n: number }>; chains: Array<{ value: string; n: number }> }> {
    const of = async (col: typeof projects.zone | typeof projects.chain) => {
      const rows = await this.db
        .select({ value: col, n: sql<number>`count(*)::int` })
        .from(projects)
        .where(sql`${col} is not null`)
        .groupBy(col)
        .orderBy(asc(col));
      return rows.map((r) => ({ value: r.value as string, n: Number(r.n) }));
    };
    const [zones, chains] = await Promise.all([of(projects.zone), of(projects.chain)]);
    return { zones, chains };
  }

  /** Every project of the filter, unpaged (KPIs, exports). */
  async all(filter: ProjectFilter = {}): Promise<ProjectRow[]> {
    const f = await this.resolve(filter);
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
    await bumpProjectsVersion(this.db, inserted ? [inserted.id] : []);
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
    if (out.length)
      await bumpProjectsVersion(
        this.db,
        out.map((r) => r.id),
      );
    return out;
  }

  async updateVersioned(id: number, version: number, patch: ProjectPatch): Promise<ProjectRow | undefined> {
    const [row] = await this.db
      .update(projects)
      .set({ ...patch, version: sql`${projects.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(projects.id, id), eq(projects.version, version)))
      .returning();
    if (row) await bumpProjectsVersion(this.db, [id]);
    return row;
  }

  /** Demo loading only: sets fields without a version bump or audit (示例数据, never a person's edit). */
  async updateDemo(id: number, patch: ProjectPatch): Promise<void> {
    await this.db.update(projects).set(patch).where(eq(projects.id, id));
    await bumpProjectsVersion(this.db, [id]);
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
              inArray(auditLog.entity, [
                'project_investment',
                'project_problem',
                'project_approval',
                'project_attachment',
              ]),
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
