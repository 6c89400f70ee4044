import { describe, expect, it } from 'vitest';
import {
  type ApprovalChange,
  type ApprovalRecord,
  approvalAlert,
  approvalsAsOf,
} from '../../../../src/domain/projects/index.ts';

/**
 * The checklist as it was at the end of a past day, from today's rows and the audit entries written
 * after it, in the shapes ProjectApprovalService records: create → `after` the whole item, update →
 * `before`/`after` the changed fields (with projectId and title), delete → `before` the whole item,
 * create_defaults → `after: {projectId, items}`; a project's creation is entity `project`.
 */

type Row = ApprovalRecord & { version: number };

const row = (id: number, fields: Partial<Row> = {}): Row => ({
  id,
  projectId: 1,
  kind: 'land',
  title: '用地预审与选址意见（土地）',
  status: 'not_started',
  permitNo: null,
  department: '市自然资源和规划局',
  dueOn: null,
  doneOn: null,
  quantity: null,
  quantityUnit: '亩',
  note: null,
  version: 1,
  ...fields,
});

const whole = (r: Row) => {
  const { id: _id, version: _v, ...rest } = r;
  return rest;
};

let seq = 100;
const entry = (action: string, entityId: number | string, before: unknown, after: unknown): ApprovalChange => ({
  seq: seq++,
  entity: 'project_approval',
  action,
  entityId: String(entityId),
  before,
  after,
});
const update = (r: Row, before: Partial<Row>, after: Partial<Row>) =>
  entry('update', r.id, { projectId: r.projectId, title: r.title, ...before }, { projectId: r.projectId, ...after });

const states = (current: Row[], later: ApprovalChange[]) =>
  Object.fromEntries(approvalsAsOf(current, later).map((s) => [s.item.id, s]));

describe('approvalsAsOf', () => {
  it('keeps rows no later entry touched, exactly as they are today', () => {
    const a = row(1, { status: 'blocked', note: '示例数据：用地指标未落实' });
    const b = row(2, { kind: 'energy', status: 'in_progress', dueOn: '2024-06-30' });
    const out = approvalsAsOf([b, a], []);
    expect(out.map((s) => s.item.id)).toEqual([1, 2]);
    expect(out[0]).toMatchObject({ changed: false, current: a });
    expect(out[0]!.item).toEqual({ ...whole(a), id: 1 });
  });

  it('does not show as blocked then an item blocked after the day', () => {
    const a = row(1, { status: 'blocked', note: '用地指标未落实', version: 2 });
    const s = states(
      [a],
      [update(a, { status: 'not_started', note: null }, { status: 'blocked', note: '用地指标未落实' })],
    );
    expect(s[1]).toMatchObject({ changed: true, current: a });
    expect(s[1]!.item).toMatchObject({ status: 'not_started', note: null, department: '市自然资源和规划局' });
    expect(approvalAlert(s[1]!.item, '2025-03-31').blocked).toBe(false);
  });

  it('shows as blocked then an item unblocked after the day, undoing several edits newest first', () => {
    // today: done on 2026-10-09 with its number; after the day it went blocked → in progress → done
    const a = row(1, { status: 'done', doneOn: '2026-10-09', permitNo: '晋(2026)临猗县不动产权第001号', version: 4 });
    const later = [
      update(a, { note: null }, { note: '指标已调剂' }),
      update(a, { status: 'blocked' }, { status: 'in_progress' }),
      update(a, { status: 'in_progress', doneOn: null, permitNo: null }, { status: 'done', doneOn: '2026-10-09' }),
    ];
    const s = states([a], later);
    // each field goes back to the value before its earliest later change
    expect(s[1]!.item).toMatchObject({ status: 'blocked', doneOn: null, permitNo: null, note: null });
    expect(approvalAlert(s[1]!.item, '2025-03-31')).toMatchObject({ blocked: true, overdue: false });
  });

  it('rolls the due date back, so what was overdue then is overdue in the list again', () => {
    const a = row(1, { kind: 'energy', status: 'in_progress', dueOn: '2026-12-31', version: 2 });
    const s = states([a], [update(a, { dueOn: '2025-01-15' }, { dueOn: '2026-12-31' })]);
    expect(approvalAlert(s[1]!.item, '2025-03-31')).toMatchObject({ overdue: true, daysOverdue: 75 });
    expect(approvalAlert(a, '2025-03-31').overdue).toBe(false);
  });

  it('leaves out an item created after the day, even when it was changed or deleted since', () => {
    const a = row(7, { status: 'blocked' });
    const b = row(8, { status: 'blocked' });
    const later = [
      entry('create', 7, null, { ...whole(a), status: 'not_started' }),
      update(a, { status: 'not_started' }, { status: 'blocked' }),
      entry('create', 8, null, whole(b)),
      entry('delete', 8, whole(b), { projectId: 1, deleted: true }),
    ];
    expect(approvalsAsOf([a], later)).toEqual([]);
  });

  it('puts back an item deleted after the day, from the deletion, less the updates before it', () => {
    const gone = row(9, { kind: 'other', title: '水土保持方案批复', status: 'in_progress', note: '已补件' });
    const later = [
      update(gone, { status: 'blocked', note: null }, { status: 'in_progress', note: '已补件' }),
      entry('delete', 9, whole(gone), { projectId: 1, deleted: true }),
    ];
    const s = states([], later);
    expect(s[9]).toMatchObject({ changed: true, current: undefined });
    expect(s[9]!.item).toEqual({ ...whole(gone), id: 9, status: 'blocked', note: null });
  });

  it('leaves out the checklist of a project created after the day, and of one given its defaults then', () => {
    const created = row(20, { projectId: 5, status: 'blocked', version: 2 });
    const defaulted = row(30, { projectId: 6, status: 'blocked', version: 2 });
    const older = row(31, { projectId: 6, kind: 'funding', status: 'blocked' });
    const later: ApprovalChange[] = [
      { seq: seq++, entity: 'project', action: 'create', entityId: '5', before: null, after: { name: '新项目' } },
      update(created, { status: 'not_started' }, { status: 'blocked' }),
      // project 6 had one item at the day's end, deleted before its defaults were added
      entry('delete', 31, whole(older), { projectId: 6, deleted: true }),
      entry('create_defaults', 'project:6', null, { projectId: 6, items: 6 }),
      update(defaulted, { status: 'not_started' }, { status: 'blocked' }),
    ];
    const s = states([created, defaulted], later);
    expect(Object.keys(s)).toEqual(['31']);
    expect(s[31]!.item).toMatchObject({ projectId: 6, kind: 'funding', status: 'blocked' });
  });

  it('ignores other entities and actions, and takes the entries in their order whatever order they come in', () => {
    const a = row(1, { status: 'in_progress', version: 3 });
    const first = update(a, { status: 'blocked' }, { status: 'not_started' });
    const second = update(a, { status: 'not_started' }, { status: 'in_progress' });
    const noise: ApprovalChange[] = [
      { seq: seq++, entity: 'project', action: 'update', entityId: '1', before: { name: 'x' }, after: { name: 'y' } },
      { seq: seq++, entity: 'project_problem', action: 'create', entityId: '1', before: null, after: { projectId: 1 } },
    ];
    expect(states([a], [second, ...noise, first])[1]!.item.status).toBe('blocked');
  });

  it('falls back to the later state for a field an entry lacks or holds in an unknown shape', () => {
    const a = row(1, { status: 'blocked', dueOn: '2025-05-01', version: 2 });
    const s = states([a], [update(a, { status: 'unknown', dueOn: 20250101 } as never, { status: 'blocked' })]);
    expect(s[1]!.item).toMatchObject({ status: 'blocked', dueOn: '2025-05-01' });
    // a deletion that lacks the item's kind, title or status cannot be put back and is left out
    expect(approvalsAsOf([], [entry('delete', 4, { projectId: 1, status: 'blocked' }, null)])).toEqual([]);
  });
});
