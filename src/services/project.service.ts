import type {
  LightState,
  ListQuery,
  NewProject,
  ProjectFilter,
  ProjectListRow,
  ProjectPatch,
  Schedule,
  ScheduledRow,
} from '../db/repositories/project.repository.ts';
import type { PlanItemRow, ProjectRow, RegionRow } from '../db/schema.ts';
import {
  checkTransition,
  DEFAULT_LIGHT_BANDS,
  defaultChecklist,
  isIsoDate,
  LIBRARIES,
  type Library,
  MILESTONE_NAMES,
  type Milestone,
  type Milestones,
  monthsElapsed,
  type ProjectChange,
  problemStatus,
  validateCreditCode,
  validateProjectCode,
  warningLight,
} from '../domain/projects/index.ts';
import { LantuError } from '../errors.ts';
import { projectListWorkbook } from '../reports/project-list.xlsx.ts';
import type { Repositories, ServiceContext } from './context.ts';
import {
  CACHED_PAGE_MAX,
  countOnce,
  projectListCacheFor,
  projectListKey,
  readTogether,
  refreshLightsOnce,
} from './project-list-cache.ts';

/** The service's clock: injected so tests (and demo loading) can fix "today". */
export type Clock = () => Date;

/** Today as `YYYY-MM-DD` in China Standard Time, where the offices work (a date, not an instant). */
export function isoToday(clock: Clock): string {
  return CST_DATE.format(clock());
}
// built once: a new Intl.DateTimeFormat per call cost more than a cached list page (issue 6 bench)
const CST_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** Milestone ↔ column. */
export const MILESTONE_COLUMNS = {
  signed: 'signedOn',
  started: 'startedOn',
  completed: 'completedOn',
  in_production: 'inProductionOn',
  at_capacity: 'atCapacityOn',
} as const satisfies Record<Milestone, keyof ProjectRow>;

export function milestonesOf(p: ProjectRow): Milestones {
  const m: Milestones = {};
  for (const k of Object.keys(MILESTONE_COLUMNS) as Milestone[]) {
    const v = p[MILESTONE_COLUMNS[k]];
    if (v) m[k] = v;
  }
  return m;
}

/** Fields a person may set by form, API or Excel; library and milestones change only through transitions. */
export interface ProjectFields {
  code?: string | null | undefined;
  name?: string | undefined;
  programme?: string | null | undefined;
  regionCode?: string | null | undefined;
  zone?: string | null | undefined;
  industry?: string | null | undefined;
  chain?: string | null | undefined;
  ownerName?: string | null | undefined;
  ownerCreditCode?: string | null | undefined;
  totalInvestment?: number | null | undefined;
  skipsSigning?: boolean | undefined;
  plannedStartOn?: string | null | undefined;
  plannedProductionOn?: string | null | undefined;
  plannedCapacityOn?: string | null | undefined;
  responsibleUnit?: string | null | undefined;
  liaisonLeaders?: string[] | undefined;
  serviceUnit?: string | null | undefined;
  sourceText?: string | null | undefined;
}

export interface FieldError {
  field: string;
  zh: string;
  en: string;
}

export interface TransitionInput {
  version: number;
  library?: Library | undefined;
  milestones?: Partial<Record<Milestone, string | null>> | undefined;
  capacityRate?: number | null | undefined;
  reason?: string | undefined;
  allowSkip?: boolean | undefined;
}

/** Region look-up by code or name, full (临猗县) or short (临猗). */
export class RegionIndex {
  private readonly byName = new Map<string, RegionRow>();
  readonly byCode = new Map<string, RegionRow>();
  constructor(regions: RegionRow[]) {
    for (const r of regions) {
      this.byCode.set(r.code, r);
      this.byName.set(r.name, r);
    }
    for (const r of regions) {
      const short = r.name.replace(/(自治县|县|市|区)$/, '');
      // 绛县 → 绛 would be ambiguous inside 新绛; only short names of two characters or more
      if (short.length >= 2 && !this.byName.has(short)) this.byName.set(short, r);
    }
  }
  find(codeOrName: string | null | undefined): RegionRow | undefined {
    if (!codeOrName) return undefined;
    const s = codeOrName.trim();
    return this.byCode.get(s) ?? this.byName.get(s);
  }
}

const nameKey = (name: string) => name.replace(/\s+/g, '').replace(/(建设)?(项目|工程)$/, '');
/** The extractor's rule for "the same project named in two boxes" (src/extract/projects.ts). */
const sameProject = (a: string, b: string) =>
  a === b || (a.length >= 10 && b.includes(a)) || (b.length >= 10 && a.includes(b));

interface PlanProjectDraft {
  row: NewProject;
  box: string;
  key: string;
  mergedBoxes: string[];
  mergedKeys: string[];
}

export class ProjectService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly clock: Clock = () => new Date(),
  ) {}

  today(): string {
    return isoToday(this.clock);
  }

  async regionIndex(repos: Repositories = this.ctx.repos): Promise<RegionIndex> {
    return new RegionIndex(await repos.regions.list());
  }

  /**
   * The plan's live project items as new project rows (conceived library), duplicates merged: an
   * item's county (临猗县 or 临猗) gives its region; an item naming no county is a city-level project
   * (the plan's region). An item that another, earlier box already names (the extractor's `alsoIn`) is not a second
   * project; its box is recorded on the first one's programme ("另见专栏15").
   */
  async draftsFromPlan(repos: Repositories, planId: number): Promise<PlanProjectDraft[]> {
    const plan = await repos.plans.get(planId);
    if (!plan) throw new LantuError('NOT_FOUND', { zh: `规划 ${planId}`, en: `plan ${planId}` });
    const items = (await repos.planItems.list(planId, 'project')).filter((i) => i.state !== 'deleted');
    const regions = await this.regionIndex(repos);
    const drafts: PlanProjectDraft[] = [];
    for (const item of items) {
      const d = data(item);
      const name = String(d.name ?? item.label).trim();
      const box = String(d.box ?? '');
      const alsoIn = Array.isArray(d.alsoIn) ? (d.alsoIn as string[]) : [];
      const key = nameKey(name);
      const first = alsoIn.length
        ? drafts.find((x) => x.box !== box && alsoIn.includes(x.box) && sameProject(x.key, key))
        : undefined;
      if (first) {
        if (!first.mergedBoxes.includes(box)) first.mergedBoxes.push(box);
        first.mergedKeys.push(item.key);
        continue;
      }
      const county = regions.find(typeof d.county === 'string' ? d.county : null);
      const group = typeof d.group === 'string' && d.group ? d.group : null;
      // a box grouped by industry cluster (专栏4 十大产业集群: "新材料产业集群。北方铜业…") names the
      // cluster each project serves: it is the project's chain for 链长制 and the chain KPIs
      const chain = group && /(集群|产业链)$/.test(group) ? group : null;
      const source = d.source as { text?: string } | undefined;
      drafts.push({
        box,
        key,
        mergedBoxes: [],
        mergedKeys: [],
        row: {
          planId,
          itemKey: item.key,
          name,
          programme: [box, d.boxTitle, group ? `· ${group}` : null].filter(Boolean).join(' '),
          regionCode: county?.code ?? plan.regionCode,
          zone: typeof d.zone === 'string' && d.zone ? d.zone : null,
          chain,
          library: 'conceived',
          sourceText: item.sourceText ?? source?.text ?? null,
          isDemo: plan.isDemo,
        },
      });
    }
    for (const d of drafts) {
      if (d.mergedBoxes.length) d.row.programme = `${d.row.programme}（另见${d.mergedBoxes.join('、')}）`;
    }
    return drafts;
  }

  /** Idempotent: items that already have a project are left alone. */
  async fromPlan(planId: number, actor: string): Promise<{ created: number; existing: number; merged: number }> {
    return this.ctx.transaction(async (repos) => {
      const drafts = await this.draftsFromPlan(repos, planId);
      const have = await repos.projects.itemKeys(planId);
      const fresh = drafts.filter((d) => !have.has(d.row.itemKey as string));
      const rows = await repos.projects.insertMany(fresh.map((d) => d.row));
      await repos.projects.recordAudit(
        rows.map((r) => ({
          actor,
          action: 'create',
          entity: 'project',
          entityId: String(r.id),
          before: null,
          after: { from: 'plan', planId, itemKey: r.itemKey, name: r.name, programme: r.programme },
        })),
      );
      // every project from the plan starts with the usual approvals checklist (decision: domain/projects/approvals.ts)
      await repos.approvals.insertMany(rows.flatMap((r) => defaultChecklist(r.id, actor)));
      const merged = drafts.reduce((n, d) => n + d.mergedKeys.length, 0);
      return { created: rows.length, existing: drafts.length - fresh.length, merged };
    });
  }

  /** Checks the fields a person entered; returns every problem (the Excel import reports them by column). */
  checkFields(
    f: ProjectFields,
    regions: RegionIndex,
    creating: boolean,
  ): { errors: FieldError[]; patch: ProjectPatch } {
    const errors: FieldError[] = [];
    const patch: ProjectPatch = {};
    const err = (field: string, zh: string, en: string) => errors.push({ field, zh, en });
    const text = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : v.trim() || null);
    if (f.name !== undefined || creating) {
      const name = (f.name ?? '').trim();
      if (!name) err('name', '项目名称不能为空', 'the project name is required');
      else if (name.length > 200) err('name', '项目名称过长', 'the project name is too long');
      else patch.name = name;
    }
    if (f.code !== undefined) {
      const code = text(f.code);
      if (code) {
        const r = validateProjectCode(code, { maxYear: Number(this.today().slice(0, 4)) });
        if (r.ok) patch.code = r.normalized;
        else err('code', r.error.zh, r.error.en);
      } else patch.code = null;
    }
    if (f.ownerCreditCode !== undefined) {
      const code = text(f.ownerCreditCode);
      if (code) {
        const r = validateCreditCode(code);
        if (r.ok) patch.ownerCreditCode = r.normalized;
        else err('ownerCreditCode', r.error.zh, r.error.en);
      } else patch.ownerCreditCode = null;
    }
    if (f.regionCode !== undefined) {
      const v = text(f.regionCode);
      const region = v ? regions.find(v) : undefined;
      if (v && !region) err('regionCode', `行政区划“${v}”不存在`, `unknown region “${v}”`);
      else patch.regionCode = region?.code ?? null;
    }
    if (f.totalInvestment !== undefined) {
      const v = f.totalInvestment;
      if (v !== null && (!Number.isFinite(v) || v < 0)) {
        err('totalInvestment', '总投资应为非负数（万元）', 'total investment must be a non-negative number (10k yuan)');
      } else patch.totalInvestment = v;
    }
    for (const k of ['plannedStartOn', 'plannedProductionOn', 'plannedCapacityOn'] as const) {
      if (f[k] === undefined) continue;
      const v = text(f[k]);
      if (v && !isIsoDate(v)) err(k, `日期“${v}”无效，应为 YYYY-MM-DD`, `date “${v}” is not valid (YYYY-MM-DD)`);
      else patch[k] = v;
    }
    for (const k of [
      'programme',
      'zone',
      'industry',
      'chain',
      'ownerName',
      'responsibleUnit',
      'serviceUnit',
      'sourceText',
    ] as const) {
      if (f[k] !== undefined) patch[k] = text(f[k]);
    }
    if (f.skipsSigning !== undefined) patch.skipsSigning = f.skipsSigning;
    if (f.liaisonLeaders !== undefined) {
      patch.liaisonLeaders = [...new Set(f.liaisonLeaders.map((s) => s.trim()).filter(Boolean))];
    }
    return { errors, patch };
  }

  async create(input: ProjectFields & { planId?: number | null; library?: Library }, actor: string) {
    return this.ctx.transaction(async (repos) => {
      const { errors, patch } = this.checkFields(input, await this.regionIndex(repos), true);
      if (errors.length) throw invalid(errors);
      if (input.planId && !(await repos.plans.get(input.planId))) {
        throw new LantuError('NOT_FOUND', { zh: `规划 ${input.planId}`, en: `plan ${input.planId}` });
      }
      const library = input.library ?? 'conceived';
      const blank = { id: 'new', library: 'conceived' as Library, milestones: {} };
      const violations = checkTransition(blank, { library, allowSkip: true }, this.today());
      if (violations.length) throw refused(violations);
      const row = await repos.projects.insert({
        ...(patch as NewProject),
        planId: input.planId ?? null,
        library,
      });
      await repos.audit.record({ actor, action: 'create', entity: 'project', entityId: String(row.id), after: patch });
      await repos.approvals.insertMany(defaultChecklist(row.id, actor));
      return row;
    });
  }

  async update(id: number, version: number, fields: ProjectFields, actor: string) {
    return this.ctx.transaction(async (repos) => {
      const before = await this.must(repos, id);
      const { errors, patch } = this.checkFields(fields, await this.regionIndex(repos), false);
      if (errors.length) throw invalid(errors);
      const changed = changedFields(before, patch);
      if (Object.keys(changed.after).length === 0) {
        if (before.version !== version) throw stale(before);
        return before;
      }
      // a person's edit makes the project real data, no longer 示例数据
      const after = await repos.projects.updateVersioned(id, version, { ...patch, isDemo: false });
      if (!after) throw stale(before);
      await repos.audit.record({ actor, action: 'update', entity: 'project', entityId: String(id), ...changed });
      return after;
    });
  }

  /** Moves a project between libraries and records milestone dates, under the lifecycle rules. */
  async transition(id: number, input: TransitionInput, actor: string) {
    return this.ctx.transaction(async (repos) => {
      const before = await this.must(repos, id);
      if (before.version !== input.version) throw stale(before);
      const change: ProjectChange = {
        library: input.library,
        milestones: input.milestones,
        capacityRate: input.capacityRate,
        reason: input.reason,
        allowSkip: input.allowSkip,
      };
      const state = {
        id: String(id),
        library: before.library,
        skipsSigning: before.skipsSigning,
        milestones: milestonesOf(before),
        capacityRate: before.capacityRate,
      };
      const violations = checkTransition(state, change, this.today());
      if (violations.length) throw refused(violations);
      const patch: ProjectPatch = { isDemo: false };
      if (input.library) patch.library = input.library;
      for (const [k, v] of Object.entries(input.milestones ?? {}) as [Milestone, string | null][]) {
        patch[MILESTONE_COLUMNS[k]] = v;
      }
      if (input.capacityRate !== undefined) patch.capacityRate = input.capacityRate;
      const after = await repos.projects.updateVersioned(id, input.version, patch);
      if (!after) throw stale(before);
      await repos.audit.record({
        actor,
        action: 'transition',
        entity: 'project',
        entityId: String(id),
        before: { library: before.library, milestones: state.milestones, capacityRate: before.capacityRate },
        after: {
          library: after.library,
          milestones: milestonesOf(after),
          capacityRate: after.capacityRate,
          reason: input.reason ?? null,
          allowSkip: input.allowSkip ?? false,
        },
      });
      return after;
    });
  }

  async get(id: number): Promise<ProjectListRow> {
    const row = await this.ctx.repos.projects.get(id);
    if (!row) throw new LantuError('NOT_FOUND', { zh: `项目 ${id}`, en: `project ${id}` });
    return row;
  }

  /** The light's year on `asOf` (default today): its planned investment and the months reported so far. */
  schedule(asOf?: string): Schedule {
    const today = asOf ?? this.today();
    return {
      year: Number(today.slice(0, 4)),
      monthsElapsed: monthsElapsed(today),
      today,
      bands: DEFAULT_LIGHT_BANDS,
    };
  }

  /**
   * The data version, and whether stored lights can serve this schedule: only today's (another day's
   * lights are summed per request, as they were before the table existed).
   */
  private async lightState(schedule: Schedule): Promise<LightState> {
    if (schedule.today !== this.today()) {
      return { dataVersion: await this.ctx.repos.projects.dataVersion(), fresh: false, wholeTable: false };
    }
    return readTogether(this.ctx.database, `lights|${schedule.today}`, () =>
      this.ctx.repos.projects.lightState(schedule),
    );
  }

  /**
   * Brings today's stored lights up to date. The server calls it at start and every few minutes, so
   * the first list request of a day (or after a large import) does not wait for the recomputation.
   */
  async refreshTodayLights(): Promise<number> {
    const schedule = this.schedule();
    const state = await this.ctx.repos.projects.lightState(schedule);
    if (state.fresh) return 0;
    return refreshLightsOnce(this.ctx.database, () => this.ctx.repos.projects.refreshLights(schedule));
  }

  /** Refreshes today's stored lights if they are behind (one refresh at a time per process); false for another day. */
  private async storedLights(schedule: Schedule, state: LightState): Promise<boolean> {
    if (schedule.today !== this.today()) return false;
    if (!state.fresh) await refreshLightsOnce(this.ctx.database, () => this.ctx.repos.projects.refreshLights(schedule));
    return true;
  }

  /**
   * A page of the project list, each row with its warning light (the same rule and inputs as the
   * project's detail) computed from two statements, never one request per row.
   */
  async list(filter: ProjectFilter, page: number, pageSize: number, opts: ListOptions = {}): Promise<ProjectListPage> {
    const schedule = this.schedule(opts.asOf);
    const q: ListQuery = { limit: pageSize, offset: (page - 1) * pageSize, sort: opts.sort, order: opts.order };
    // the version is read BEFORE the page: a write committing in between can only put newer rows
    // under the older version's key, never older rows under the newer one (see project-list-cache.ts)
    const cacheable = pageSize <= CACHED_PAGE_MAX;
    const state = await this.lightState(schedule);
    const dataVersion = cacheable ? state.dataVersion : -1;
    const cache = projectListCacheFor(this.ctx.database);
    const key = projectListKey({ filter, query: q, asOf: schedule.today, dataVersion });
    if (cacheable) {
      const hit = cache.get(key) as ProjectListPage | undefined;
      if (hit) return hit;
    }
    // the filter's total is the same on every page (and, without a light filter, on every day)
    const totalKey = `total|${projectListKey({ filter, query: { limit: 0, offset: 0 }, asOf: filter.light ? schedule.today : '', dataVersion })}`;
    const cached = cacheable ? (cache.get(totalKey) as number | undefined) : undefined;
    const stored = await this.storedLights(schedule, state);
    // requests for pages of one filter arriving together (after a write emptied the cache for them)
    // share one count
    const knownTotal =
      cached ??
      (cacheable && (stored || !filter.light)
        ? countOnce(this.ctx.database, totalKey, () => this.ctx.repos.projects.total(filter, stored))
        : undefined);
    const { rows, total } = await this.ctx.repos.projects.listScheduled(filter, q, schedule, knownTotal, stored);
    if (cacheable && cached === undefined) cache.set(totalKey, total);
    const out: ProjectListPage = {
      items: rows.map((r) => withLight(r, schedule)),
      total,
      page,
      pageSize,
      asOf: schedule.today,
      dataVersion,
    };
    if (cacheable) cache.set(key, out);
    return out;
  }

  /**
   * The list as an Excel file: every project of the filter (in the list's order) with its light and
   * reasons. Refused above {@link EXPORT_MAX_ROWS} rows, asking for a narrower filter.
   */
  async exportList(filter: ProjectFilter, opts: ListOptions = {}): Promise<{ bytes: Buffer; rows: number }> {
    const schedule = this.schedule(opts.asOf);
    const stored = await this.storedLights(schedule, await this.lightState(schedule));
    const { rows, total } = await this.ctx.repos.projects.listScheduled(
      filter,
      { limit: EXPORT_MAX_ROWS, offset: 0, sort: opts.sort, order: opts.order },
      schedule,
      undefined,
      stored,
    );
    if (total > EXPORT_MAX_ROWS) {
      throw new LantuError(
        'EXPORT_TOO_LARGE',
        {
          zh: `筛选结果共 ${total} 个项目，超过一次导出上限 ${EXPORT_MAX_ROWS} 个，请按县、库或预警灯缩小范围`,
          en: `${total} projects match, more than the ${EXPORT_MAX_ROWS} one export may hold; narrow the filter by county, library or light`,
        },
        { total, max: EXPORT_MAX_ROWS },
      );
    }
    const items = rows.map((r) => withLight(r, schedule));
    const bytes = await projectListWorkbook(items, { asOf: schedule.today, filter: { ...filter }, total });
    return { bytes, rows: items.length };
  }

  /**
   * The pipeline funnel of the filter's projects (the library filter itself is ignored so every stage
   * stays clickable): projects and investment now in each library, those that reached at least that
   * stage (the funnel's width), and the same per county.
   */
  async pipeline(filter: ProjectFilter, asOf?: string) {
    const { library: _ignored, ...rest } = filter;
    const schedule = this.schedule(asOf);
    const stored = rest.light ? await this.storedLights(schedule, await this.lightState(schedule)) : false;
    const groups = await this.ctx.repos.projects.pipeline(rest, schedule, stored);
    const stages = funnelStages(groups);
    const byRegion = new Map<string, { code: string | null; name: string | null; groups: typeof groups }>();
    for (const g of groups) {
      const key = g.regionCode ?? '';
      const entry = byRegion.get(key) ?? { code: g.regionCode, name: g.regionName, groups: [] };
      entry.groups.push(g);
      byRegion.set(key, entry);
    }
    const regions = [...byRegion.values()]
      .map((r) => ({ code: r.code, name: r.name, stages: funnelStages(r.groups) }))
      .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? ''));
    return { stages, regions, total: stages[0]?.reached ?? 0 };
  }

  facets() {
    return this.ctx.repos.projects.facets();
  }

  /** The project with its months, problems (with escalation), warning light and change history. */
  async detail(id: number, asOf?: string) {
    const project = await this.get(id);
    const today = asOf ?? this.today();
    const [investments, problems, history] = await Promise.all([
      this.ctx.repos.investments.listByProject(id),
      this.ctx.repos.problems.listByProject(id),
      // the project's own changes and those of its months and problems, newest first
      this.ctx.repos.projects.changesSince([id], new Date(0)),
    ]);
    const schedule = this.schedule(today);
    const thisYear = investments.filter((i) => i.year === schedule.year);
    const planned = thisYear.reduce((s, i) => s + i.planned, 0);
    const done = thisYear.filter((i) => i.month <= schedule.monthsElapsed).reduce((s, i) => s + i.completed, 0);
    const light = projectLight(project, planned, done, schedule);
    return {
      project,
      investments,
      problems: problems.map((p) => ({
        problem: p,
        status: p.deadline
          ? problemStatus(
              { id: String(p.id), projectId: String(id), deadline: p.deadline, closedOn: p.closedOn },
              today,
            )
          : null,
      })),
      light,
      asOf: today,
      history,
    };
  }

  history(id: number) {
    return this.ctx.repos.audit.list('project', String(id));
  }

  leaders() {
    return this.ctx.repos.projects.leaders();
  }

  /**
   * 一联五: a leader's projects, their open problems and what changed since the start of the
   * previous quarter (from the audit log).
   */
  async forLeader(name: string, since?: Date) {
    const projects = await this.ctx.repos.projects.list({ leader: name }, { limit: 500, offset: 0 });
    const ids = projects.map((p) => p.id);
    const today = this.today();
    const open = await this.ctx.repos.problems.list({ projectIds: ids, openOnly: true });
    const from = since ?? previousQuarterStart(today);
    const changes = await this.ctx.repos.projects.changesSince(ids, from);
    return {
      leader: name,
      since: from,
      projects,
      openProblems: open.map((p) => ({
        problem: p,
        status: p.deadline
          ? problemStatus(
              { id: String(p.id), projectId: String(p.projectId), deadline: p.deadline, closedOn: null },
              today,
            )
          : null,
      })),
      changes,
    };
  }

  async must(repos: Repositories, id: number): Promise<ProjectRow> {
    const row = await repos.projects.get(id);
    if (!row) throw new LantuError('NOT_FOUND', { zh: `项目 ${id}`, en: `project ${id}` });
    return row;
  }
}

export interface ListOptions {
  sort?: ListQuery['sort'];
  order?: ListQuery['order'];
  /** The day the lights are judged on (default today), as on the detail. */
  asOf?: string | undefined;
}

/** One export holds at most this many rows: ExcelJS builds the workbook in memory. */
export const EXPORT_MAX_ROWS = 20_000;

/**
 * The warning light of a project from the year's investment sums: the one rule for the detail, the
 * list and the export (src/domain/projects/warning.ts), so the three never disagree.
 */
export function projectLight(project: ProjectRow, planned: number, done: number, schedule: Schedule) {
  const m = milestonesOf(project);
  const plannedPairs: Array<[Milestone, string | null]> = [
    ['started', project.plannedStartOn],
    ['in_production', project.plannedProductionOn],
    ['at_capacity', project.plannedCapacityOn],
  ];
  const plannedMilestones = plannedPairs.flatMap(([k, d]) =>
    d !== null && d <= schedule.today ? [{ name: MILESTONE_NAMES[k], planned: d, actual: m[k] ?? null }] : [],
  );
  return warningLight(
    {
      plannedAnnualInvestment: planned,
      completedInvestmentYtd: done,
      monthsElapsed: schedule.monthsElapsed,
      milestones: plannedMilestones,
    },
    schedule.today,
    schedule.bands,
  );
}

export type ListedProject = ReturnType<typeof withLight>;

/** A page of the list; cached pages are shared between requests, so callers never mutate one. */
export interface ProjectListPage {
  items: ListedProject[];
  total: number;
  page: number;
  pageSize: number;
  asOf: string;
  /** The projects data version the page was read at (its cache key); -1 for an uncached large page. */
  dataVersion: number;
}

/** A list row with its light and the light's inputs (provenance: which year, which months, which sums). */
function withLight(r: ScheduledRow, schedule: Schedule) {
  const { plannedYear, completedYtd, ...project } = r;
  return {
    project,
    light: projectLight(project, plannedYear, completedYtd, schedule),
    schedule: { year: schedule.year, monthsElapsed: schedule.monthsElapsed, plannedYear, completedYtd },
  };
}

/** Per library: projects now in it, and projects that reached at least it (the funnel narrows). */
function funnelStages(groups: Array<{ library: Library; projects: number; investment: number }>) {
  const now = LIBRARIES.map((l) => {
    const mine = groups.filter((g) => g.library === l);
    return {
      library: l,
      projects: mine.reduce((s, g) => s + g.projects, 0),
      investment: mine.reduce((s, g) => s + g.investment, 0),
    };
  });
  return now.map((st, i) => {
    const later = now.slice(i);
    return {
      ...st,
      reached: later.reduce((s, x) => s + x.projects, 0),
      reachedInvestment: later.reduce((s, x) => s + x.investment, 0),
    };
  });
}

function data(item: PlanItemRow): Record<string, unknown> {
  return (item.corrected ?? item.extracted ?? {}) as Record<string, unknown>;
}

/** First day of the quarter before the one `today` falls in (midnight UTC). */
export function previousQuarterStart(today: string): Date {
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const prevQ = q === 0 ? 3 : q - 1;
  const prevY = q === 0 ? y - 1 : y;
  return new Date(Date.UTC(prevY, prevQ * 3, 1));
}

function changedFields(before: ProjectRow, patch: ProjectPatch) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    const old = before[k as keyof ProjectRow];
    if (JSON.stringify(old ?? null) !== JSON.stringify(v ?? null)) {
      b[k] = old ?? null;
      a[k] = v ?? null;
    }
  }
  return { before: b, after: a };
}

export function invalid(errors: FieldError[]): LantuError {
  return new LantuError(
    'VALIDATION_FAILED',
    {
      zh: errors.map((e) => `${e.field}：${e.zh}`).join('；'),
      en: errors.map((e) => `${e.field}: ${e.en}`).join('; '),
    },
    { errors },
  );
}

function refused(violations: Array<{ code: string; zh: string; en: string }>): LantuError {
  return new LantuError(
    'TRANSITION_REFUSED',
    { zh: violations.map((v) => v.zh).join('；'), en: violations.map((v) => v.en).join('; ') },
    { violations },
  );
}

export function stale(p: ProjectRow): LantuError {
  return new LantuError(
    'STALE_VERSION',
    { zh: `项目“${p.name}”已被他人修改`, en: `project “${p.name}” was changed by someone else` },
    { currentVersion: p.version },
  );
}
