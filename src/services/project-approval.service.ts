import type { ApprovalPatch, ApprovalWithProject } from '../db/repositories/project-approval.repository.ts';
import type { ProjectApprovalRow } from '../db/schema.ts';
import {
  type ApprovalAlert,
  type ApprovalChange,
  type ApprovalInput,
  type ApprovalKind,
  type ApprovalStatus,
  approvalAlert,
  approvalsAsOf,
  checkApproval,
  defaultChecklist,
  type FieldViolation,
  isIsoDate,
  quarterEnd,
} from '../domain/projects/index.ts';
import { LantuError } from '../errors.ts';
import type { Repositories, ServiceContext } from './context.ts';
import { type Clock, isoToday } from './project.service.ts';

/** Fields a person sets on a checklist item (absent = unchanged on update). */
export interface ApprovalFields {
  kind?: ApprovalKind | undefined;
  title?: string | undefined;
  status?: ApprovalStatus | undefined;
  permitNo?: string | null | undefined;
  department?: string | null | undefined;
  dueOn?: string | null | undefined;
  doneOn?: string | null | undefined;
  quantity?: number | null | undefined;
  quantityUnit?: string | null | undefined;
  note?: string | null | undefined;
}

/** `{year, quarter}` (the quarter's last day) or `{asOf}` (a date); the default is today. */
export type BlockerQuery = { year: number; quarter: 1 | 2 | 3 | 4 } | { asOf: string } | Record<string, never>;

export interface FactorBlocker {
  project: {
    id: number;
    name: string;
    regionCode: string | null;
    regionName: string | null;
    /** 责任单位 of the project (the county government or the city department that owns it). */
    responsibleUnit: string | null;
    library: string;
    liaisonLeaders: string[];
  };
  /** The blocked or overdue items, each with the department that has to act. */
  items: Array<{ approval: ProjectApprovalRow; alert: ApprovalAlert }>;
}

/**
 * Gives each of `projectIds` that has no checklist yet the default checklist, inside the caller's
 * transaction (project creation calls it so a new project never lacks its checklist).
 */
export async function addDefaultChecklists(repos: Repositories, projectIds: number[], actor: string): Promise<number> {
  const have = await repos.approvals.projectsWithItems(projectIds);
  const rows = projectIds.filter((id) => !have.has(id)).flatMap((id) => defaultChecklist(id, actor));
  await repos.approvals.insertMany(rows);
  return rows.length;
}

/**
 * 审批与要素保障 checklist of a project: create, edit, delete items under the domain rules, every
 * change audited (entity `project_approval`, `after.projectId` set so the project's history finds it),
 * stale edits refused (409). `listFactorBlockers` feeds the bulletin's red/yellow lists.
 */
export class ProjectApprovalService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly clock: Clock = () => new Date(),
  ) {}

  today(): string {
    return isoToday(this.clock);
  }

  /** The checklist with each item's alert (blocked / overdue) as of `asOf` (default today). */
  async list(projectId: number, asOf?: string) {
    await this.mustProject(this.ctx.repos, projectId);
    const day = asOf ?? this.today();
    const rows = await this.ctx.repos.approvals.listByProject(projectId);
    return { asOf: day, items: rows.map((approval) => ({ approval, alert: approvalAlert(approval, day) })) };
  }

  alert(row: ProjectApprovalRow, asOf?: string): ApprovalAlert {
    return approvalAlert(row, asOf ?? this.today());
  }

  async create(projectId: number, input: ApprovalFields & { kind: ApprovalKind; title: string }, actor: string) {
    return this.ctx.transaction(async (repos) => {
      await this.mustProject(repos, projectId);
      const item = normalise({ status: 'not_started', ...input } as ApprovalInput);
      this.validate(item);
      const row = await repos.approvals.insert({ projectId, ...item, updatedBy: actor });
      await repos.audit.record({
        actor,
        action: 'create',
        entity: 'project_approval',
        entityId: String(row.id),
        before: null,
        after: snapshot(row),
      });
      return row;
    });
  }

  /** Adds the default checklist to a project that has none (projects made before checklists existed, imports). */
  async addDefaults(projectId: number, actor: string) {
    return this.ctx.transaction(async (repos) => {
      await this.mustProject(repos, projectId);
      const added = await addDefaultChecklists(repos, [projectId], actor);
      if (added) {
        await repos.audit.record({
          actor,
          action: 'create_defaults',
          entity: 'project_approval',
          entityId: `project:${projectId}`,
          before: null,
          after: { projectId, items: added },
        });
      }
      return { added, items: await repos.approvals.listByProject(projectId) };
    });
  }

  async update(id: number, version: number, fields: ApprovalFields, actor: string) {
    return this.ctx.transaction(async (repos) => {
      const before = await this.must(repos, id);
      if (before.version !== version) throw stale(before);
      const merged = normalise({ ...rowInput(before), ...definedOnly(fields) });
      // Leaving "done" drops the done date, so moving an item back to in progress needs no second edit.
      if (fields.status !== undefined && fields.status !== 'done' && fields.doneOn === undefined) merged.doneOn = null;
      this.validate(merged);
      const patch: ApprovalPatch = {};
      for (const [k, v] of Object.entries(merged) as Array<[keyof ApprovalInput, unknown]>) {
        if (JSON.stringify(before[k] ?? null) !== JSON.stringify(v ?? null)) (patch as Record<string, unknown>)[k] = v;
      }
      if (Object.keys(patch).length === 0) return before;
      const after = await repos.approvals.updateVersioned(id, version, { ...patch, updatedBy: actor });
      if (!after) throw stale(before);
      // `before` holds the old value of every field this edit changes (and `after` the new one): the
      // factor-blocker list of a past date undoes later edits with it (approvalsAsOf), so keep it whole.
      const changedBefore = Object.fromEntries(
        Object.keys(patch).map((k) => [k, before[k as keyof ProjectApprovalRow] ?? null]),
      );
      await repos.audit.record({
        actor,
        action: 'update',
        entity: 'project_approval',
        entityId: String(id),
        before: { projectId: before.projectId, title: before.title, ...changedBefore },
        after: { projectId: before.projectId, title: after.title, ...patch },
      });
      return after;
    });
  }

  async remove(id: number, version: number, actor: string) {
    return this.ctx.transaction(async (repos) => {
      const before = await this.must(repos, id);
      if (before.version !== version) throw stale(before);
      const gone = await repos.approvals.deleteVersioned(id, version);
      if (!gone) throw stale(before);
      await repos.audit.record({
        actor,
        action: 'delete',
        entity: 'project_approval',
        entityId: String(id),
        before: snapshot(before),
        after: { projectId: before.projectId, deleted: true },
      });
      return gone;
    });
  }

  /**
   * 要素保障受阻项目 for the bulletin's red/yellow lists: every project with a checklist item that is
   * blocked, or still open past its due date, on the given day — `{year, quarter}` means the quarter's
   * last day, `{asOf}` that date, nothing means today. Each project carries its responsible unit
   * (责任单位), region and liaison leaders; each item its department (the unit that has to act), due
   * date, days overdue and a bilingual reason. Projects are ordered by region code then id; items by id.
   *
   * Items are judged as they were at the end of that day (Asia/Shanghai): every change to an item is
   * audited, so the changes made after the day are undone (`approvalsAsOf`): an item blocked since is
   * not listed, one unblocked or deleted since is, items added since (and the checklists of projects
   * created since) are not. Items no audited change touched since keep today's state — the demo's
   * rows, inserted in bulk, among them. A reconstructed item carries the version it had then and the
   * time and actor of its last audited change up to that day. The project's own fields (name, unit,
   * leaders) are today's, and the items of a project deleted since are gone with it.
   */
  async listFactorBlockers(query: BlockerQuery = {}): Promise<{ asOf: string; projects: FactorBlocker[] }> {
    const asOf = resolveAsOf(query, this.today());
    const repos = this.ctx.repos;
    // Changes written from the next day's midnight in China Standard Time on (UTC+8, no daylight
    // saving): the first instant after `${asOf}T23:59:59.999+08:00`, so microsecond timestamps are exact.
    const dayEnd = new Date(Date.parse(`${asOf}T00:00:00+08:00`) + 86_400_000);
    const [later, candidates] = await Promise.all([
      repos.audit.since(dayEnd, [{ entity: 'project_approval' }, { entity: 'project', actions: ['create'] }]),
      repos.approvals.candidatesAsOf(asOf),
    ]);
    const touched = [
      ...new Set(
        later
          .filter((e) => e.entity === 'project_approval')
          .flatMap((e) => (/^\d+$/.test(e.entityId) ? [Number(e.entityId)] : [])),
      ),
    ];
    const byId = new Map<number, ApprovalWithProject>(candidates.map((c) => [c.approval.id, c]));
    for (const r of await repos.approvals.withProjectByIds(touched.filter((id) => !byId.has(id)))) {
      byId.set(r.approval.id, r);
    }
    const changes: ApprovalChange[] = later.map((e) => ({ seq: e.id, ...e }));
    const states = approvalsAsOf(
      [...byId.values()].map((c) => c.approval),
      changes,
    ).flatMap((s) => {
      const alert = approvalAlert(s.item, asOf);
      return alert.blocked || alert.overdue ? [{ ...s, alert }] : [];
    });

    // What a reconstructed item showed then: version 1 plus the updates up to the day (every version
    // bump is an audited update), the time and actor of its last audited change up to the day, else
    // its creation time. An item deleted since has no row left: its creation time is taken as that of
    // its first audited entry, else the day's end (an upper bound either way; only shown, never used).
    const changed = states.filter((s) => s.changed);
    const earlier = await repos.audit.before(
      'project_approval',
      changed.map((s) => String(s.item.id)),
      dayEnd,
    );
    const project = new Map([...byId.values()].map((r) => [r.project.id, r.project]));
    const missing = [...new Set(states.map((s) => s.item.projectId))].filter((id) => !project.has(id));
    for (const p of await repos.approvals.projectSummaries(missing)) project.set(p.id, p);

    const byProject = new Map<number, FactorBlocker>();
    for (const s of states) {
      const p = project.get(s.item.projectId);
      if (!p) continue;
      let approval: ProjectApprovalRow;
      if (s.changed) {
        const mine = earlier.filter((e) => e.entityId === String(s.item.id));
        const last = mine.at(-1);
        const createdAt = s.current?.createdAt ?? mine[0]?.at ?? new Date(dayEnd.getTime() - 1);
        approval = {
          ...s.item,
          version: 1 + mine.filter((e) => e.action === 'update').length,
          updatedBy: last?.actor ?? null,
          createdAt,
          updatedAt: last?.at ?? createdAt,
        };
      } else {
        approval = s.current as ProjectApprovalRow;
      }
      let entry = byProject.get(p.id);
      if (!entry) {
        entry = { project: p, items: [] };
        byProject.set(p.id, entry);
      }
      entry.items.push({ approval, alert: s.alert });
    }
    const projects = [...byProject.values()].sort(
      (a, b) => (a.project.regionCode ?? '').localeCompare(b.project.regionCode ?? '') || a.project.id - b.project.id,
    );
    return { asOf, projects };
  }

  private validate(item: ApprovalInput) {
    const violations = checkApproval(item, this.today());
    if (violations.length) throw invalid(violations);
  }

  private async must(repos: Repositories, id: number): Promise<ProjectApprovalRow> {
    const row = await repos.approvals.get(id);
    if (!row) throw new LantuError('NOT_FOUND', { zh: `审批事项 ${id}`, en: `checklist item ${id}` });
    return row;
  }

  private async mustProject(repos: Repositories, projectId: number) {
    const p = await repos.projects.get(projectId);
    if (!p) throw new LantuError('NOT_FOUND', { zh: `项目 ${projectId}`, en: `project ${projectId}` });
    return p;
  }
}

function resolveAsOf(query: BlockerQuery, today: string): string {
  if ('asOf' in query && query.asOf !== undefined) {
    if (!isIsoDate(query.asOf)) {
      throw new LantuError('VALIDATION_FAILED', {
        zh: `日期“${query.asOf}”无效`,
        en: `date “${query.asOf}” is not valid`,
      });
    }
    return query.asOf;
  }
  if ('year' in query && 'quarter' in query) {
    if (![1, 2, 3, 4].includes(query.quarter) || !Number.isInteger(query.year)) {
      throw new LantuError('VALIDATION_FAILED', { zh: '季度无效', en: 'the quarter is not valid' });
    }
    return quarterEnd(query.year, query.quarter);
  }
  return today;
}

const trimOrNull = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null ? null : v.trim() || null;

function normalise(i: ApprovalInput): ApprovalInput {
  return {
    kind: i.kind,
    title: i.title.trim(),
    status: i.status,
    permitNo: trimOrNull(i.permitNo) ?? null,
    department: trimOrNull(i.department) ?? null,
    dueOn: trimOrNull(i.dueOn) ?? null,
    doneOn: trimOrNull(i.doneOn) ?? null,
    quantity: i.quantity ?? null,
    quantityUnit: trimOrNull(i.quantityUnit) ?? null,
    note: trimOrNull(i.note) ?? null,
  };
}

function definedOnly(f: ApprovalFields): Partial<ApprovalInput> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Partial<ApprovalInput>;
}

function rowInput(r: ProjectApprovalRow): ApprovalInput {
  return {
    kind: r.kind,
    title: r.title,
    status: r.status,
    permitNo: r.permitNo,
    department: r.department,
    dueOn: r.dueOn,
    doneOn: r.doneOn,
    quantity: r.quantity,
    quantityUnit: r.quantityUnit,
    note: r.note,
  };
}

/** The whole item in an audit entry (create's `after`, delete's `before`): a deleted item is put back from it. */
function snapshot(r: ProjectApprovalRow) {
  return { projectId: r.projectId, ...rowInput(r) };
}

function invalid(violations: FieldViolation[]): LantuError {
  return new LantuError(
    'VALIDATION_FAILED',
    { zh: violations.map((v) => v.zh).join('；'), en: violations.map((v) => v.en).join('; ') },
    { errors: violations },
  );
}

function stale(r: ProjectApprovalRow): LantuError {
  return new LantuError(
    'STALE_VERSION',
    { zh: `审批事项“${r.title}”已被他人修改`, en: `checklist item “${r.title}” was changed by someone else` },
    { currentVersion: r.version },
  );
}
