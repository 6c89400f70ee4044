import { daysBetween, type IsoDate, isIsoDate, type Message } from './messages.ts';

/**
 * 审批与要素保障 checklist: the approvals a project needs before and during construction and the
 * factor support (land, energy, environment capacity, funding) that most often blocks it.
 *
 * The values are the same as the `project_approvals.kind/status` enums in the schema; they are
 * repeated here because this layer must not import the database.
 */
export const APPROVAL_KIND_VALUES = [
  'land',
  'energy',
  'environment',
  'funding',
  'planning',
  'construction_permit',
  'other',
] as const;
export type ApprovalKind = (typeof APPROVAL_KIND_VALUES)[number];

export const APPROVAL_STATUS_VALUES = ['not_started', 'in_progress', 'done', 'blocked', 'not_needed'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUS_VALUES)[number];

export const APPROVAL_KIND_NAMES: Record<ApprovalKind, { zh: string; en: string }> = {
  land: { zh: '用地', en: 'Land' },
  energy: { zh: '能耗', en: 'Energy' },
  environment: { zh: '环境容量', en: 'Environment' },
  funding: { zh: '资金', en: 'Funding' },
  planning: { zh: '规划', en: 'Planning' },
  construction_permit: { zh: '施工许可', en: 'Construction permit' },
  other: { zh: '其他', en: 'Other' },
};

export const APPROVAL_STATUS_NAMES: Record<ApprovalStatus, { zh: string; en: string }> = {
  not_started: { zh: '未启动', en: 'Not started' },
  in_progress: { zh: '办理中', en: 'In progress' },
  done: { zh: '已办结', en: 'Done' },
  blocked: { zh: '受阻', en: 'Blocked' },
  not_needed: { zh: '无需办理', en: 'Not needed' },
};

/**
 * Kinds whose outcome is an official document with a number (文号 / 证号): 用地预审意见或不动产权证,
 * 节能审查意见, 环评批复, 建设工程规划许可证, 施工许可证. Marking one of them done without its number
 * is refused, because the number is what an inspector checks. Funding (资金落实) and "other" items
 * end in a bank letter or a meeting decision, which often has no number, so theirs is optional.
 */
export const PERMIT_KINDS: ReadonlySet<ApprovalKind> = new Set([
  'land',
  'energy',
  'environment',
  'planning',
  'construction_permit',
]);

export interface ChecklistTemplateItem {
  kind: ApprovalKind;
  title: string;
  /** The department that usually issues it in a Chinese prefecture-level city. */
  department: string;
  quantityUnit: string | null;
}

/**
 * Decision: the default checklist of a project created from the plan is the six items every
 * investment project in Shanxi goes through, in the order they are usually done (the 投资项目
 * 审批 sequence: land pre-review, energy review and EIA before the planning and construction
 * permits; funding in parallel). Departments are the usual issuing bodies after the 2018 reform
 * (自然资源局 for land and planning, 发改委 for energy, 生态环境局 for EIA, 住建局 for the
 * construction permit, 财政局 / the owner for funding). Items that do not apply are set to
 * "not needed" rather than deleted, so the checklist stays comparable across projects.
 */
export const DEFAULT_CHECKLIST: readonly ChecklistTemplateItem[] = [
  { kind: 'land', title: '用地预审与选址意见（土地）', department: '市自然资源和规划局', quantityUnit: '亩' },
  { kind: 'energy', title: '节能审查（能评）', department: '市发展和改革委员会', quantityUnit: '吨标准煤' },
  { kind: 'environment', title: '环境影响评价批复（环评）', department: '市生态环境局', quantityUnit: null },
  { kind: 'funding', title: '建设资金落实', department: '市财政局', quantityUnit: '万元' },
  { kind: 'planning', title: '建设工程规划许可证', department: '市自然资源和规划局', quantityUnit: null },
  { kind: 'construction_permit', title: '建筑工程施工许可证', department: '市住房和城乡建设局', quantityUnit: null },
];

/** The default checklist as new rows of one project, every item not started. */
export function defaultChecklist(projectId: number, actor: string) {
  return DEFAULT_CHECKLIST.map((t) => ({
    projectId,
    kind: t.kind,
    title: t.title,
    department: t.department,
    quantityUnit: t.quantityUnit,
    status: 'not_started' as ApprovalStatus,
    updatedBy: actor,
  }));
}

export interface ApprovalInput {
  kind: ApprovalKind;
  title: string;
  status: ApprovalStatus;
  permitNo?: string | null | undefined;
  department?: string | null | undefined;
  dueOn?: string | null | undefined;
  doneOn?: string | null | undefined;
  quantity?: number | null | undefined;
  quantityUnit?: string | null | undefined;
  note?: string | null | undefined;
}

export interface FieldViolation extends Message {
  field: string;
}

/**
 * The rules of one checklist item; returns every broken rule (empty when the item is valid).
 * `today` bounds the done date: a permit cannot have been issued in the future.
 */
export function checkApproval(item: ApprovalInput, today: IsoDate): FieldViolation[] {
  const out: FieldViolation[] = [];
  const v = (field: string, code: string, zh: string, en: string) => out.push({ field, code, zh, en });
  if (!APPROVAL_KIND_VALUES.includes(item.kind)) {
    v('kind', 'APPROVAL_KIND', `事项类别“${item.kind}”无效`, `unknown kind “${item.kind}”`);
  }
  if (!APPROVAL_STATUS_VALUES.includes(item.status)) {
    v('status', 'APPROVAL_STATUS', `状态“${item.status}”无效`, `unknown status “${item.status}”`);
  }
  if (!item.title.trim()) v('title', 'APPROVAL_TITLE', '事项名称不能为空', 'the item needs a title');
  for (const f of ['dueOn', 'doneOn'] as const) {
    const d = item[f];
    if (d && !isIsoDate(d))
      v(f, 'APPROVAL_DATE', `日期“${d}”无效，应为 YYYY-MM-DD`, `date “${d}” is not valid (YYYY-MM-DD)`);
  }
  if (item.status === 'done') {
    if (!item.doneOn) {
      v('doneOn', 'APPROVAL_DONE_DATE', '标记为已办结须填写办结日期', 'an item marked done needs the date it was done');
    } else if (isIsoDate(item.doneOn) && item.doneOn > today) {
      v('doneOn', 'APPROVAL_DONE_FUTURE', `办结日期${item.doneOn}晚于今天`, `done date ${item.doneOn} is after today`);
    }
    if (PERMIT_KINDS.has(item.kind) && !item.permitNo?.trim()) {
      v(
        'permitNo',
        'APPROVAL_PERMIT_NO',
        `“${item.title}”已办结须填写批复文号或证号`,
        `“${item.title}” is done, so its permit or approval number is required`,
      );
    }
  } else if (item.doneOn) {
    v(
      'doneOn',
      'APPROVAL_DONE_DATE_STATUS',
      '只有已办结的事项才有办结日期',
      'only an item marked done has a done date',
    );
  }
  if (item.quantity !== null && item.quantity !== undefined && (!Number.isFinite(item.quantity) || item.quantity < 0)) {
    v('quantity', 'APPROVAL_QUANTITY', '数量应为非负数', 'the quantity must be a non-negative number');
  }
  return out;
}

export interface ApprovalState {
  status: ApprovalStatus;
  dueOn: string | null;
  doneOn: string | null;
}

export interface ApprovalAlert {
  blocked: boolean;
  overdue: boolean;
  daysOverdue: number;
  zh: string;
  en: string;
}

/**
 * Is the item a factor blocker on `asOf`? Blocked (受阻) items are, and so is any item still open
 * past its due date. An item done after `asOf` was still open on `asOf`, so a past quarter's list
 * shows what was overdue then. For a past date, pass the item as it was then (`approvalsAsOf`).
 */
export function approvalAlert(item: ApprovalState, asOf: IsoDate): ApprovalAlert {
  const openOnDate = item.status !== 'not_needed' && !(item.status === 'done' && item.doneOn && item.doneOn <= asOf);
  const days = openOnDate && item.dueOn && isIsoDate(item.dueOn) ? Math.max(0, daysBetween(item.dueOn, asOf)) : 0;
  const blocked = item.status === 'blocked';
  const overdue = days > 0;
  const parts: Message[] = [];
  if (blocked) parts.push({ code: 'blocked', zh: '要素保障受阻', en: 'blocked' });
  if (overdue) {
    parts.push({
      code: 'overdue',
      zh: `应于${item.dueOn}办结，已超期${days}天`,
      en: `due ${item.dueOn}, ${days} days overdue`,
    });
  }
  return {
    blocked,
    overdue,
    daysOverdue: days,
    zh: parts.map((p) => p.zh).join('，'),
    en: parts.map((p) => p.en).join(', '),
  };
}

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'] as const;

/** The last day of a quarter, `YYYY-MM-DD`. */
export function quarterEnd(year: number, quarter: 1 | 2 | 3 | 4): IsoDate {
  return `${year}-${QUARTER_END[quarter - 1]}`;
}

/** The fields of a checklist item that make its state on a date (what `approvalAlert` and the lists show). */
export interface ApprovalRecord {
  id: number;
  projectId: number;
  kind: ApprovalKind;
  title: string;
  status: ApprovalStatus;
  permitNo: string | null;
  department: string | null;
  dueOn: string | null;
  doneOn: string | null;
  quantity: number | null;
  quantityUnit: string | null;
  note: string | null;
}

/**
 * One audit entry written after the date being looked at: a change of a checklist item (entity
 * `project_approval`) or the creation of a project (entity `project`, action `create`).
 */
export interface ApprovalChange {
  /** The audit entry's id: the order in which the changes were made. */
  seq: number;
  entity: string;
  action: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** A checklist item as it was on a date, beside its row today (undefined when it was deleted since). */
export interface ApprovalAsOf<R extends ApprovalRecord> {
  item: ApprovalRecord;
  current: R | undefined;
  /** True when a change after the date touched it: `item` was rolled back from today's row or a deletion. */
  changed: boolean;
}

const RECORD_FIELDS = [
  'kind',
  'title',
  'status',
  'permitNo',
  'department',
  'dueOn',
  'doneOn',
  'quantity',
  'quantityUnit',
  'note',
] as const satisfies ReadonlyArray<keyof ApprovalRecord>;

function asObject(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** The value of `field` recorded in an audit snapshot, or undefined when absent or not of the field's type. */
function recordedValue(field: (typeof RECORD_FIELDS)[number], v: unknown): unknown {
  if (v === undefined) return undefined;
  switch (field) {
    case 'kind':
      return APPROVAL_KIND_VALUES.includes(v as ApprovalKind) ? v : undefined;
    case 'status':
      return APPROVAL_STATUS_VALUES.includes(v as ApprovalStatus) ? v : undefined;
    case 'title':
      return typeof v === 'string' ? v : undefined;
    case 'quantity':
      return v === null || (typeof v === 'number' && Number.isFinite(v)) ? v : undefined;
    default:
      return v === null || typeof v === 'string' ? v : undefined;
  }
}

/** `state` with every field recorded in `snapshot` put back. */
function withRecorded(state: ApprovalRecord, snapshot: unknown): ApprovalRecord {
  const o = asObject(snapshot);
  if (!o) return state;
  const next: Record<string, unknown> = { ...state };
  for (const f of RECORD_FIELDS) {
    if (!(f in o)) continue;
    const v = recordedValue(f, o[f]);
    if (v !== undefined) next[f] = v;
  }
  return next as unknown as ApprovalRecord;
}

/** The project of an audit entry of the checklist (`after.projectId` or `before.projectId`). */
function entryProjectId(e: ApprovalChange): number | undefined {
  for (const side of [e.after, e.before]) {
    const p = asObject(side)?.projectId;
    if (typeof p === 'number' && Number.isInteger(p)) return p;
  }
  return undefined;
}

function pickRecord(r: ApprovalRecord): ApprovalRecord {
  return {
    id: r.id,
    projectId: r.projectId,
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

/** The base a deleted item's snapshot is laid on (every field of a snapshot overrides it). */
const EMPTY_RECORD: ApprovalRecord = {
  id: 0,
  projectId: 0,
  kind: 'other',
  title: '',
  status: 'not_started',
  permitNo: null,
  department: null,
  dueOn: null,
  doneOn: null,
  quantity: null,
  quantityUnit: null,
  note: null,
};

/**
 * The checklist items as they were at the end of a past day, from today's rows and the audit entries
 * written after that day (`later`, any order). Each item changed since is rolled back change by
 * change, newest first, to the state before its earliest later change:
 *
 * - a later `create` of the item: it did not exist then;
 * - a later `delete`: it existed, in the delete's `before` (a full snapshot), less any later updates
 *   made before the deletion;
 * - a later `update`: its `before` holds the old value of every field that update changed (and only
 *   those), so undoing the updates newest first leaves each field at the value it had before its
 *   earliest later change; a field no later update recorded keeps today's value. That is exact for
 *   the shapes `ProjectApprovalService` writes, which hold every field of `ApprovalRecord`; a field an
 *   entry lacks or holds in an unexpected shape falls back to the later state (today's row).
 * - a later `create` of the item's project (entity `project`), or a later `create_defaults` for it
 *   (which only adds the default checklist to a project that has none): the project's checklist items
 *   created since did not exist then. Default items are inserted in bulk without an entry of their
 *   own, so this is how they are known to be new; an item deleted before the `create_defaults` existed.
 *
 * Items no entry touched since (demo rows inserted in bulk, untouched items) keep today's state.
 * `current` needs to hold at least today's rows of the items of interest and of every item a later
 * entry names that still exists; a later `update` of an item absent from `current` (and not deleted
 * since) cannot be rolled back and is left out. Returns the items sorted by id.
 */
export function approvalsAsOf<R extends ApprovalRecord>(
  current: readonly R[],
  later: readonly ApprovalChange[],
): Array<ApprovalAsOf<R>> {
  const byId = new Map<number, ApprovalChange[]>();
  const projectCreated = new Set<number>();
  const defaultsAdded = new Map<number, number>();
  for (const e of [...later].sort((a, b) => a.seq - b.seq)) {
    if (e.entity === 'project') {
      const id = Number(e.entityId);
      if (e.action === 'create' && Number.isInteger(id)) projectCreated.add(id);
      continue;
    }
    if (e.entity !== 'project_approval') continue;
    if (e.action === 'create_defaults') {
      const pid = entryProjectId(e) ?? Number(e.entityId.replace(/^project:/, ''));
      if (Number.isInteger(pid) && !defaultsAdded.has(pid)) defaultsAdded.set(pid, e.seq);
      continue;
    }
    const id = Number(e.entityId);
    if (!Number.isInteger(id)) continue;
    const list = byId.get(id);
    if (list) list.push(e);
    else byId.set(id, [e]);
  }
  const rows = new Map<number, R>(current.map((r) => [r.id, r]));
  const ids = [...new Set([...rows.keys(), ...byId.keys()])].sort((a, b) => a - b);
  const out: Array<ApprovalAsOf<R>> = [];
  for (const id of ids) {
    const cur = rows.get(id);
    const entries = byId.get(id) ?? [];
    if (entries[0]?.action === 'create') continue;
    const deletion = entries.find((e) => e.action === 'delete');
    let item: ApprovalRecord;
    if (deletion) {
      const snap = asObject(deletion.before);
      const projectId = entryProjectId(deletion);
      // A deletion without the item's project, kind, title and status cannot be put back.
      if (!snap || projectId === undefined || !['kind', 'title', 'status'].every((f) => f in snap)) continue;
      item = { ...withRecorded(EMPTY_RECORD, snap), id, projectId };
    } else if (cur) {
      item = pickRecord(cur);
    } else {
      continue;
    }
    const undo = deletion ? entries.slice(0, entries.indexOf(deletion)) : entries;
    for (const e of [...undo].reverse()) if (e.action === 'update') item = withRecorded(item, e.before);
    if (projectCreated.has(item.projectId)) continue;
    const defaultsAt = defaultsAdded.get(item.projectId);
    if (defaultsAt !== undefined && (!deletion || deletion.seq > defaultsAt)) continue;
    out.push({ item, current: deletion ? undefined : cur, changed: entries.length > 0 });
  }
  return out;
}
