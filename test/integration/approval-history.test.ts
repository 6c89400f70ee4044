import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import type { BulletinListEntry } from '../../src/reports/bulletin.model.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { BulletinService } from '../../src/services/bulletin.service.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';

/**
 * Issue 6: the 要素保障受阻 list of a past quarter (GET /api/factor-blockers?year=&quarter=, the
 * bulletin's red list) shows each checklist item as it was at the end of the quarter's last day
 * (Asia/Shanghai), rebuilt from the audit log, not as it is today. Real demo data, real database, on
 * PGlite and PostgreSQL.
 *
 * Controlling time: the services stamp audit entries with the database's `now()`, so to place a change
 * in the past the test makes it through the API and then moves its audit entry's `at` back with SQL
 * (`backdate`) — the same entry the service wrote, with only its time changed.
 */

interface Item {
  id: number;
  kind: string;
  title: string;
  status: string;
  dueOn: string | null;
  note: string | null;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
  alert: { blocked: boolean; overdue: boolean; daysOverdue: number; zh: string };
}
interface Blockers {
  asOf: string;
  projects: Array<{ project: { id: number; name: string; responsibleUnit: string | null }; items: Item[] }>;
}

const THIS_YEAR = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4),
);
const THIS_QUARTER = (Math.floor(
  (Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(5, 7)) - 1) / 3,
) + 1) as 1 | 2 | 3 | 4;
const NEXT_YEAR = THIS_YEAR + 1;

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`factor blockers of a past quarter on ${target.name}`, () => {
    let started: Started;
    let app: FastifyInstance;
    let drop: () => Promise<void>;
    /** Created "in January 2025" (its creation entry moved back), its checklist changed since. */
    let projectId: number;
    /** Created today: none of its checklist existed in 2025. */
    let newProjectId: number;
    const ids = {} as Record<'land' | 'energy' | 'environment' | 'planning' | 'funding' | 'soil' | 'fresh', number>;

    const checklist = async (id: number): Promise<Item[]> =>
      (await app.inject(`/api/projects/${id}/approvals`)).json().items;
    const patch = async (item: Item, payload: Record<string, unknown>) => {
      const r = await app.inject({
        method: 'PATCH',
        url: `/api/approvals/${item.id}`,
        payload: { version: item.version, ...payload },
      });
      expect(r.statusCode).toBe(200);
      return r.json().item as Item;
    };
    /** Moves the newest audit entry of (entity, id, action) to `at`: the change is then one made at that time. */
    const backdate = async (entity: string, entityId: number, action: string, at: string) => {
      const r = (await started.database.db.execute(sql`
        update audit_log set at = ${at}::timestamptz
        where id = (select max(id) from audit_log where entity = ${entity} and entity_id = ${String(entityId)} and action = ${action})
        returning id`)) as unknown as { rows: unknown[] };
      expect(r.rows).toHaveLength(1);
    };
    const blockers = async (query: string): Promise<Blockers> => {
      const r = await app.inject(`/api/factor-blockers${query}`);
      expect(r.statusCode).toBe(200);
      return r.json();
    };
    const itemsOf = (b: Blockers, project: number) => b.projects.find((p) => p.project.id === project)?.items ?? [];

    beforeAll(async () => {
      const db = await target.create();
      drop = db.drop;
      started = await startServices({ ...db, maxUploadBytes: 10 * 1024 * 1024, loadDemo: true });
      app = await buildApp({ ctx: started.ctx, maxUploadBytes: 10 * 1024 * 1024 });

      const created = await app.inject({
        method: 'POST',
        url: '/api/projects',
        payload: { name: '测试历史要素项目', regionCode: '140821', responsibleUnit: '临猗县人民政府' },
      });
      expect(created.statusCode).toBe(201);
      projectId = created.json().project.id;
      await backdate('project', projectId, 'create', '2025-01-10T09:00:00+08:00');
      const items = await checklist(projectId);
      const of = (kind: string) => items.find((i) => i.kind === kind)!;

      // 用地: blocked on 2025-02-01, unblocked today
      let land = await patch(of('land'), { status: 'blocked', note: '用地指标未落实' });
      await backdate('project_approval', land.id, 'update', '2025-02-01T10:00:00+08:00');
      land = await patch(land, { status: 'in_progress', note: '指标已调剂' });
      ids.land = land.id;

      // 能评: blocked today
      ids.energy = (await patch(of('energy'), { status: 'blocked', note: '能耗指标不足' })).id;

      // 环评: due 2025-01-15 (set 2025-01-12), postponed today to next year's end
      let env = await patch(of('environment'), { status: 'in_progress', dueOn: '2025-01-15' });
      await backdate('project_approval', env.id, 'update', '2025-01-12T16:30:00+08:00');
      env = await patch(env, { dueOn: `${NEXT_YEAR}-12-31` });
      ids.environment = env.id;

      // 规划许可: blocked at the first instant of 2025-04-01 (China time): after Q1, within Q2
      const planning = await patch(of('planning'), { status: 'blocked' });
      await backdate('project_approval', planning.id, 'update', '2025-04-01T00:00:00+08:00');
      ids.planning = planning.id;

      // 资金: blocked at the last millisecond of 2025-03-31 (China time): within Q1
      const funding = await patch(of('funding'), { status: 'blocked', note: '配套资金未到位' });
      await backdate('project_approval', funding.id, 'update', '2025-03-31T23:59:59.999+08:00');
      ids.funding = funding.id;

      // 水土保持: added blocked on 2025-02-15, deleted today
      const added = await app.inject({
        method: 'POST',
        url: `/api/projects/${projectId}/approvals`,
        payload: { kind: 'other', title: '水土保持方案批复', department: '县水利局', status: 'blocked' },
      });
      expect(added.statusCode).toBe(201);
      const soil = added.json().item as Item;
      await backdate('project_approval', soil.id, 'create', '2025-02-15T11:00:00+08:00');
      const del = await app.inject({ method: 'DELETE', url: `/api/approvals/${soil.id}?version=${soil.version}` });
      expect(del.statusCode).toBe(200);
      ids.soil = soil.id;

      // 防洪评价: added today, blocked
      const fresh = await app.inject({
        method: 'POST',
        url: `/api/projects/${projectId}/approvals`,
        payload: { kind: 'other', title: '洪水影响评价', department: '县水利局', status: 'blocked' },
      });
      expect(fresh.statusCode).toBe(201);
      ids.fresh = fresh.json().item.id;

      // a project created today, its land item blocked today
      const other = await app.inject({
        method: 'POST',
        url: '/api/projects',
        payload: { name: '测试今日新建项目', regionCode: '140821', responsibleUnit: '临猗县人民政府' },
      });
      newProjectId = other.json().project.id;
      await patch((await checklist(newProjectId)).find((i) => i.kind === 'land')!, { status: 'blocked' });
    }, 180_000);
    afterAll(async () => {
      await app?.close();
      await started?.database.close();
      await drop?.();
    });

    it('lists an item blocked today in today’s list only, and one unblocked today in the past quarter’s only', async () => {
      const today = await blockers('');
      const q1 = await blockers('?year=2025&quarter=1');
      expect(q1.asOf).toBe('2025-03-31');

      const nowIds = itemsOf(today, projectId).map((i) => i.id);
      expect(nowIds).toContain(ids.energy);
      expect(nowIds).not.toContain(ids.land);

      const then = itemsOf(q1, projectId);
      expect(then.map((i) => i.id)).not.toContain(ids.energy);
      const land = then.find((i) => i.id === ids.land)!;
      // as it was then: blocked with its note then, version 2 (one edit), last changed on 2025-02-01
      expect(land).toMatchObject({
        status: 'blocked',
        note: '用地指标未落实',
        version: 2,
        updatedAt: '2025-02-01T02:00:00.000Z',
        alert: { blocked: true, overdue: false },
      });
      expect(land.updatedBy).not.toBeNull();
      // the project's fields are there as for today's list
      expect(q1.projects.find((p) => p.project.id === projectId)!.project).toMatchObject({
        responsibleUnit: '临猗县人民政府',
      });
    });

    it('judges the due date as it was then, and a change on the day’s last millisecond as made that day', async () => {
      const then = itemsOf(await blockers('?year=2025&quarter=1'), projectId);
      const env = then.find((i) => i.id === ids.environment)!;
      expect(env).toMatchObject({ dueOn: '2025-01-15', alert: { overdue: true, daysOverdue: 75 } });
      expect(env.alert.zh).toContain('应于2025-01-15办结');
      expect(itemsOf(await blockers(''), projectId).map((i) => i.id)).not.toContain(ids.environment);

      expect(then.find((i) => i.id === ids.funding)).toMatchObject({ status: 'blocked', note: '配套资金未到位' });
      expect(then.map((i) => i.id)).not.toContain(ids.planning);
      const q2 = itemsOf(await blockers('?year=2025&quarter=2'), projectId);
      expect(q2.find((i) => i.id === ids.planning)).toMatchObject({ status: 'blocked' });
      // {asOf} is the same rule on any day
      expect((await blockers('?asOf=2025-03-31')).projects).toEqual((await blockers('?year=2025&quarter=1')).projects);
    });

    it('puts back an item deleted since, and leaves out items and projects created since', async () => {
      const q1 = await blockers('?year=2025&quarter=1');
      const then = itemsOf(q1, projectId);
      expect(then.find((i) => i.id === ids.soil)).toMatchObject({
        title: '水土保持方案批复',
        status: 'blocked',
        version: 1,
        updatedAt: '2025-02-15T03:00:00.000Z',
      });
      expect(then.map((i) => i.id)).not.toContain(ids.fresh);
      expect(q1.projects.map((p) => p.project.id)).not.toContain(newProjectId);
      expect(then.map((i) => i.id).sort((a, b) => a - b)).toEqual(
        [ids.land, ids.environment, ids.funding, ids.soil].sort((a, b) => a - b),
      );

      const today = await blockers('');
      const now = itemsOf(today, projectId).map((i) => i.id);
      expect(now).toContain(ids.fresh);
      expect(now).not.toContain(ids.soil);
      expect(today.projects.map((p) => p.project.id)).toContain(newProjectId);
    });

    it('keeps the demo’s blocked items (inserted in bulk, never audited) in the past quarter too', async () => {
      const r = (await started.database.db.execute(
        sql`select a.id from project_approvals a join projects p on p.id = a.project_id
            where p.is_demo and a.status = 'blocked' order by a.id`,
      )) as unknown as { rows: Array<{ id: number }> };
      const demo = r.rows.map((x) => Number(x.id));
      expect(demo.length).toBeGreaterThan(3);
      const listed = (b: Blockers) => new Set(b.projects.flatMap((p) => p.items.map((i) => i.id)));
      const q1 = listed(await blockers('?year=2025&quarter=1'));
      const today = listed(await blockers(''));
      expect(demo.every((id) => q1.has(id) && today.has(id))).toBe(true);
    });

    it('gives the bulletin of the past quarter the items as they were then', async () => {
      const bulletins = new BulletinService(started.ctx);
      const factors = (entries: BulletinListEntry[], project: number) =>
        (entries.find((e) => e.projectId === project)?.basis ?? [])
          .filter((b) => b.code.startsWith('FACTOR_'))
          .map((b) => `${b.code} ${b.text}`);
      const past = await bulletins.compose(2025, 1);
      const mine = factors(past.redList, projectId);
      expect(mine.some((t) => t.startsWith('FACTOR_BLOCKED') && t.includes('用地预审'))).toBe(true);
      expect(mine.some((t) => t.startsWith('FACTOR_BLOCKED') && t.includes('水土保持方案批复'))).toBe(true);
      expect(mine.some((t) => t.startsWith('FACTOR_OVERDUE') && t.includes('2025-01-15'))).toBe(true);
      expect(mine.some((t) => t.includes('节能审查') || t.includes('洪水影响评价'))).toBe(false);
      expect(factors(past.redList, newProjectId)).toEqual([]);

      const current = await bulletins.compose(THIS_YEAR, THIS_QUARTER);
      const now = factors(current.redList, projectId);
      expect(now.some((t) => t.startsWith('FACTOR_BLOCKED') && t.includes('节能审查'))).toBe(true);
      expect(now.some((t) => t.includes('用地预审') || t.includes('水土保持'))).toBe(false);
      expect(factors(current.redList, newProjectId).some((t) => t.startsWith('FACTOR_BLOCKED'))).toBe(true);
    });
  });
}
