import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { demoPhoto } from '../../src/services/project-detail-demo.service.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';
import { multipart } from '../helpers/multipart.ts';

/**
 * Issue 6, the project page's data: the approvals / factor-support checklist (default items, validation,
 * stale edits, audit, factor blockers for the bulletin), the monthly report cycle (submit, send back,
 * approve, correct as version n+1 with the old version kept) and progress photos (type by magic bytes,
 * size limit, nothing saved on a refused upload, bytes served with their type). Real demo data, real
 * database, on PGlite and PostgreSQL.
 */

interface Approval {
  id: number;
  kind: string;
  title: string;
  status: string;
  permitNo: string | null;
  department: string | null;
  dueOn: string | null;
  doneOn: string | null;
  needsPermitNo: boolean;
  alert: { blocked: boolean; overdue: boolean; daysOverdue: number; zh: string; en: string };
  version: number;
}

const THIS_YEAR = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4),
);
/** Last year: all its months have come, whenever the suite runs (a future month takes no completed investment). */
const YEAR = THIS_YEAR - 1;
const NEXT_YEAR = THIS_YEAR + 1;

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`approvals, monthly reports and photos on ${target.name}`, () => {
    let started: Started;
    let app: FastifyInstance;
    let drop: () => Promise<void>;
    let projectId: number;

    beforeAll(async () => {
      const db = await target.create();
      drop = db.drop;
      started = await startServices({ ...db, maxUploadBytes: 50 * 1024 * 1024, loadDemo: true });
      app = await buildApp({ ctx: started.ctx, maxUploadBytes: 50 * 1024 * 1024 });
      const created = await app.inject({
        method: 'POST',
        url: '/api/projects',
        payload: { name: '测试新材料产业园项目', regionCode: '140821', responsibleUnit: '临猗县人民政府' },
      });
      expect(created.statusCode).toBe(201);
      projectId = created.json().project.id;
    });
    afterAll(async () => {
      await app?.close();
      await started?.database.close();
      await drop?.();
    });

    const checklist = async (id: number): Promise<Approval[]> => {
      const r = await app.inject(`/api/projects/${id}/approvals`);
      expect(r.statusCode).toBe(200);
      return r.json().items;
    };
    const count = async (table: string): Promise<number> => {
      const r = await started.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
      return Number((r as unknown as { rows: Array<{ n: number }> }).rows[0]!.n);
    };

    it('gives a new project the default checklist of six items, with departments', async () => {
      const items = await checklist(projectId);
      expect(items.map((i) => i.kind)).toEqual([
        'land',
        'energy',
        'environment',
        'funding',
        'planning',
        'construction_permit',
      ]);
      expect(items.every((i) => i.status === 'not_started' && i.department)).toBe(true);
      expect(items.find((i) => i.kind === 'environment')!.department).toBe('市生态环境局');
      expect(items.find((i) => i.kind === 'funding')!.needsPermitNo).toBe(false);
      expect(items.find((i) => i.kind === 'construction_permit')!.needsPermitNo).toBe(true);
    });

    it('gives a project imported from a CSV list the default checklist too', async () => {
      const csv = '项目名称,行政区划代码,所处库\n临猗县测试冷链物流园项目,140821,conceived\n';
      const r = await app.inject(
        multipart('/api/plans/1/projects/import', {}, { name: 'list.csv', bytes: new TextEncoder().encode(csv) }),
      );
      expect(r.statusCode).toBe(200);
      expect(r.json().created).toBe(1);
      const found = (await app.inject(`/api/projects?q=${encodeURIComponent('测试冷链物流园')}`)).json().items;
      expect(found).toHaveLength(1);
      expect((await checklist(found[0].id)).map((i) => i.status)).toEqual(Array(6).fill('not_started'));
    });

    it('gives demo projects a checklist that fits their stage, some blocked (示例数据)', async () => {
      const rows = (await started.database.db.execute(
        sql`select p.library, a.status, a.permit_no, a.done_on, p.started_on, a.note from project_approvals a
            join projects p on p.id = a.project_id where p.is_demo`,
      )) as unknown as {
        rows: Array<{
          library: string;
          status: string;
          permit_no: string | null;
          done_on: string | null;
          started_on: string | null;
          note: string | null;
        }>;
      };
      const all = rows.rows;
      expect(all.length).toBeGreaterThan(600 * 6 - 1);
      const construction = all.filter((r) => r.library === 'construction');
      expect(construction.every((r) => r.status === 'done' && r.done_on! <= r.started_on!)).toBe(true);
      expect(construction.filter((r) => r.permit_no).length).toBe((construction.length / 6) * 5);
      expect(all.filter((r) => r.library === 'conceived').every((r) => r.status === 'not_started')).toBe(true);
      const blocked = all.filter((r) => r.status === 'blocked');
      expect(blocked.length).toBeGreaterThan(3);
      expect(blocked.every((r) => r.library === 'reserve' && r.note?.startsWith('示例数据'))).toBe(true);
    });

    it('refuses done without a date or without the permit number, bilingually, and saves nothing', async () => {
      const item = (await checklist(projectId)).find((i) => i.kind === 'construction_permit')!;
      const noDate = await app.inject({
        method: 'PATCH',
        url: `/api/approvals/${item.id}`,
        payload: { version: item.version, status: 'done', permitNo: '140821202401010101' },
      });
      expect(noDate.statusCode).toBe(400);
      expect(noDate.json().error.messageZh).toContain('须填写办结日期');
      expect(noDate.json().error.messageEn).toContain('needs the date it was done');
      const noPermit = await app.inject({
        method: 'PATCH',
        url: `/api/approvals/${item.id}`,
        payload: { version: item.version, status: 'done', doneOn: '2026-03-02' },
      });
      expect(noPermit.statusCode).toBe(400);
      expect(noPermit.json().error.messageZh).toContain('批复文号或证号');
      expect(noPermit.json().error.data.errors.map((e: { code: string }) => e.code)).toEqual(['APPROVAL_PERMIT_NO']);
      const future = await app.inject({
        method: 'PATCH',
        url: `/api/approvals/${item.id}`,
        payload: { version: item.version, status: 'done', doneOn: '2099-01-01', permitNo: 'X' },
      });
      expect(future.statusCode).toBe(400);
      const after = (await checklist(projectId)).find((i) => i.id === item.id)!;
      expect(after).toMatchObject({ status: 'not_started', version: item.version, doneOn: null });
      // funding needs no number
      const funding = (await checklist(projectId)).find((i) => i.kind === 'funding')!;
      const ok = await app.inject({
        method: 'PATCH',
        url: `/api/approvals/${funding.id}`,
        payload: { version: funding.version, status: 'done', doneOn: '2026-01-10', quantity: 12000 },
      });
      expect(ok.statusCode).toBe(200);
    });

    it('marks a permit done with its number, refuses the stale edit with 409, and audits every change', async () => {
      const item = (await checklist(projectId)).find((i) => i.kind === 'construction_permit')!;
      const done = await app.inject({
        method: 'PATCH',
        url: `/api/approvals/${item.id}`,
        payload: {
          version: item.version,
          status: 'done',
          doneOn: '2026-03-02',
          permitNo: ' 140821202603020101 ',
          department: '临猗县行政审批服务管理局',
        },
      });
      expect(done.statusCode).toBe(200);
      expect(done.json().item).toMatchObject({
        status: 'done',
        doneOn: '2026-03-02',
        permitNo: '140821202603020101',
        department: '临猗县行政审批服务管理局',
        version: item.version + 1,
        statusLabel: { zh: '已办结', en: 'Done' },
      });
      const stale = await app.inject({
        method: 'PATCH',
        url: `/api/approvals/${item.id}`,
        payload: { version: item.version, note: '另一人的修改' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('STALE_VERSION');
      expect(stale.json().error.data.currentVersion).toBe(item.version + 1);
      // leaving "done" clears the date, so the item is valid in one edit
      const back = await app.inject({
        method: 'PATCH',
        url: `/api/approvals/${item.id}`,
        payload: { version: item.version + 1, status: 'in_progress' },
      });
      expect(back.json().item).toMatchObject({ status: 'in_progress', doneOn: null });
      const audit = await started.ctx.repos.audit.list('project_approval', String(item.id));
      expect(audit.map((a) => a.action)).toEqual(['update', 'update']);
      expect(audit[1]!.after).toMatchObject({ projectId, status: 'done', permitNo: '140821202603020101' });
      expect(audit[1]!.before).toMatchObject({ status: 'not_started', permitNo: null });
      // add and delete an item of its own
      const added = await app.inject({
        method: 'POST',
        url: `/api/projects/${projectId}/approvals`,
        payload: { kind: 'other', title: '水土保持方案批复', department: '县水利局', dueOn: '2026-05-01' },
      });
      expect(added.statusCode).toBe(201);
      const a = added.json().item;
      expect((await checklist(projectId)).length).toBe(7);
      const del = await app.inject({ method: 'DELETE', url: `/api/approvals/${a.id}?version=${a.version}` });
      expect(del.statusCode).toBe(200);
      expect((await checklist(projectId)).length).toBe(6);
      expect((await started.ctx.repos.audit.list('project_approval', String(a.id))).map((x) => x.action)).toEqual([
        'delete',
        'create',
      ]);
    });

    it('lists factor blockers for the bulletin: blocked or overdue items with the responsible unit', async () => {
      const items = await checklist(projectId);
      const land = items.find((i) => i.kind === 'land')!;
      const energy = items.find((i) => i.kind === 'energy')!;
      await app.inject({
        method: 'PATCH',
        url: `/api/approvals/${land.id}`,
        payload: { version: land.version, status: 'blocked', note: '用地指标未落实' },
      });
      await app.inject({
        method: 'PATCH',
        url: `/api/approvals/${energy.id}`,
        payload: { version: energy.version, status: 'in_progress', dueOn: '2025-06-30' },
      });
      const r = await app.inject('/api/factor-blockers');
      expect(r.statusCode).toBe(200);
      const mine = r.json().projects.find((p: { project: { id: number } }) => p.project.id === projectId);
      expect(mine.project).toMatchObject({ responsibleUnit: '临猗县人民政府', regionName: '临猗县' });
      expect(mine.items.map((i: Approval) => i.kind).sort()).toEqual(['energy', 'land']);
      const e = mine.items.find((i: Approval) => i.kind === 'energy');
      expect(e.department).toBe('市发展和改革委员会');
      expect(e.alert).toMatchObject({ overdue: true, blocked: false });
      expect(e.alert.zh).toContain('应于2025-06-30办结');
      // as of 2025 Q2's last day the energy item was not overdue yet; and the project, made today, had no
      // checklist then, so the land item blocked today is not listed either (approval-history.test.ts)
      const q2 = await started.ctx.repos.approvals.candidatesAsOf('2025-06-30');
      expect(q2.some((c) => c.approval.id === energy.id)).toBe(false);
      const svc = await app.inject('/api/factor-blockers?year=2025&quarter=2');
      expect(svc.json().asOf).toBe('2025-06-30');
      const mineQ2 = svc.json().projects.find((p: { project: { id: number } }) => p.project.id === projectId);
      expect(mineQ2).toBeUndefined();
      // the demo's blocked reserve projects are there too, each with a unit
      expect(r.json().projects.length).toBeGreaterThan(3);
      expect(
        r.json().projects.every((p: { project: { responsibleUnit: string | null } }) => p.project.responsibleUnit),
      ).toBe(true);
    });

    it('runs a month through submit, send back, approve; a correction is version 2 and version 1 stays', async () => {
      const base = `/api/projects/${projectId}/investments/${YEAR}`;
      const reports = async () => (await app.inject(`/api/projects/${projectId}/reports`)).json().items;
      await app.inject({ method: 'PUT', url: `${base}/1`, payload: { planned: 800, completed: 600 } });
      const put = await app.inject({
        method: 'PUT',
        url: `${base}/2`,
        payload: { planned: 1000, completed: 900, progressText: '基础施工完成60%' },
      });
      let inv = put.json().investment;
      const submitted = await app.inject({
        method: 'POST',
        url: `${base}/2/submit`,
        payload: { version: inv.version },
      });
      inv = submitted.json().investment;
      expect(inv.state).toBe('submitted');
      const noReason = await app.inject({
        method: 'POST',
        url: `${base}/2/return`,
        payload: { version: inv.version, reason: '  ' },
      });
      expect(noReason.statusCode).toBe(400);
      const returned = await app.inject({
        method: 'POST',
        url: `${base}/2/return`,
        payload: { version: inv.version, reason: '完成投资与财务凭证不符' },
      });
      inv = returned.json().investment;
      expect(inv.state).toBe('returned');
      let feb = (await reports()).find((r: { investment: { month: number } }) => r.investment.month === 2);
      expect(feb.pendingReason).toBe('完成投资与财务凭证不符');
      inv = (
        await app.inject({
          method: 'PUT',
          url: `${base}/2`,
          payload: { planned: 1000, completed: 850, progressText: '基础施工完成60%', version: inv.version },
        })
      ).json().investment;
      inv = (await app.inject({ method: 'POST', url: `${base}/2/submit`, payload: { version: inv.version } })).json()
        .investment;
      inv = (await app.inject({ method: 'POST', url: `${base}/2/approve`, payload: { version: inv.version } })).json()
        .investment;
      expect(inv).toMatchObject({ state: 'approved', frozen: true });
      feb = (await reports()).find((r: { investment: { month: number } }) => r.investment.month === 2);
      expect(feb).toMatchObject({ reportVersion: 1, pendingReason: null });
      expect(feb.figures).toMatchObject({ thisMonth: 850, yearToDate: 1450, sinceStart: 1450 });
      expect(feb.figures.provenance.months).toEqual([`${YEAR}-01`, `${YEAR}-02`]);
      expect(feb.figures.provenance.unapprovedMonths).toEqual([`${YEAR}-01`]);

      const frozen = await app.inject({ method: 'PUT', url: `${base}/2`, payload: { planned: 1000, completed: 870 } });
      expect(frozen.json().error.code).toBe('INVESTMENT_FROZEN');
      const correction = { planned: 1000, completed: 870, progressText: '基础施工完成65%' };
      const noWhy = await app.inject({
        method: 'POST',
        url: `${base}/2/correct`,
        payload: { ...correction, version: inv.version, reason: '' },
      });
      expect(noWhy.statusCode).toBe(400);
      const staleFix = await app.inject({
        method: 'POST',
        url: `${base}/2/correct`,
        payload: { ...correction, version: inv.version - 1, reason: '统计核定' },
      });
      expect(staleFix.statusCode).toBe(409);
      const fixed = await app.inject({
        method: 'POST',
        url: `${base}/2/correct`,
        payload: { ...correction, version: inv.version, reason: '统计局核定数调整' },
      });
      expect(fixed.statusCode).toBe(200);
      expect(fixed.json().investment).toMatchObject({ state: 'approved', completed: 870 });
      expect(fixed.json().version).toMatchObject({ version: 2, reason: '统计局核定数调整', completed: 870 });
      feb = (await reports()).find((r: { investment: { month: number } }) => r.investment.month === 2);
      expect(feb.reportVersion).toBe(2);
      expect(feb.versions.map((v: { version: number; completed: number }) => [v.version, v.completed])).toEqual([
        [1, 850],
        [2, 870],
      ]);
      expect(feb.versions[0].progressText).toBe('基础施工完成60%');
      expect(feb.figures.yearToDate).toBe(1470);
      const same = await app.inject({
        method: 'POST',
        url: `${base}/2/correct`,
        payload: { ...correction, version: fixed.json().investment.version, reason: '再次核定' },
      });
      expect(same.statusCode).toBe(400);
      const history = (await app.inject(`/api/projects/${projectId}`)).json().history;
      expect(history[0]).toMatchObject({ action: 'correct', after: { reportVersion: 2, reason: '统计局核定数调整' } });
    });

    it('keeps version 1 of a demo month approved before versions existed, and of a reopened month', async () => {
      const [row] = (
        (await started.database.db.execute(
          sql`select project_id, year, month, version, completed from project_investments where state = 'approved' order by id limit 1`,
        )) as unknown as {
          rows: Array<{ project_id: number; year: number; month: number; version: number; completed: number }>;
        }
      ).rows;
      const url = `/api/projects/${row!.project_id}/investments/${row!.year}/${row!.month}`;
      const reportOf = async () =>
        (
          (await app.inject(`/api/projects/${row!.project_id}/reports`)).json().items as Array<{
            investment: { year: number; month: number };
            versions: Array<{ version: number; completed: number; implicit: boolean; reason: string | null }>;
          }>
        ).find((r) => r.investment.year === row!.year && r.investment.month === row!.month)!;
      expect((await reportOf()).versions).toMatchObject([{ version: 1, implicit: true }]);
      const reopened = await app.inject({
        method: 'POST',
        url: `${url}/reopen`,
        payload: { version: row!.version, reason: '补录遗漏的设备购置' },
      });
      expect(reopened.statusCode).toBe(200);
      const edited = await app.inject({
        method: 'PUT',
        url,
        payload: { planned: 100, completed: row!.completed + 50 },
      });
      const approved = await app.inject({
        method: 'POST',
        url: `${url}/approve`,
        payload: { version: edited.json().investment.version },
      });
      expect(approved.statusCode).toBe(200);
      const versions = (await reportOf()).versions;
      expect(versions.map((v) => [v.version, v.completed, v.implicit, v.reason])).toEqual([
        [1, row!.completed, false, null],
        [2, row!.completed + 50, false, '补录遗漏的设备购置'],
      ]);
    });

    it('stores a PNG photo for a month and serves its bytes with its type', async () => {
      const png = demoPhoto('TEST', 0.4, 7);
      const before = await count('project_attachments');
      const r = await app.inject(
        multipart(
          `/api/projects/${projectId}/reports/${YEAR}/2/photos`,
          { caption: '2月现场' },
          {
            name: 'site.jpg', // the name lies; the bytes decide
            bytes: png,
            type: 'image/jpeg',
          },
        ),
      );
      expect(r.statusCode).toBe(201);
      const photo = r.json().photo;
      expect(photo).toMatchObject({ mimeType: 'image/png', byteSize: png.length, caption: '2月现场', month: 2 });
      expect(await count('project_attachments')).toBe(before + 1);
      const got = await app.inject(photo.url);
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe('image/png');
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(got.rawPayload, Buffer.from(png))).toBe(0);
      const feb = (await app.inject(`/api/projects/${projectId}/reports`))
        .json()
        .items.find((x: { investment: { month: number } }) => x.investment.month === 2);
      expect(feb.photos.map((p: { id: number }) => p.id)).toEqual([photo.id]);
      // the month is approved: its photo cannot be deleted
      const del = await app.inject({ method: 'DELETE', url: `/api/attachments/${photo.id}` });
      expect(del.statusCode).toBe(409);
      // JPEG and WebP by their magic bytes
      const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
      const webp = new Uint8Array([...Buffer.from('RIFF'), 4, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]);
      for (const [bytes, type] of [
        [jpeg, 'image/jpeg'],
        [webp, 'image/webp'],
      ] as const) {
        const up = await app.inject(
          multipart(`/api/projects/${projectId}/reports/${YEAR}/1/photos`, {}, { name: 'x.bin', bytes }),
        );
        expect(up.json().photo.mimeType).toBe(type);
      }
    });

    it('refuses a wrong type, a file over 10 MB, an empty file and a future month, saving nothing', async () => {
      const url = `/api/projects/${projectId}/reports/${YEAR}/2/photos`;
      const photos = await count('project_attachments');
      const audits = await count('audit_log');
      const text = await app.inject(
        multipart(
          url,
          {},
          { name: 'photo.png', bytes: new TextEncoder().encode('not a photo at all'), type: 'image/png' },
        ),
      );
      expect(text.statusCode).toBe(415);
      expect(text.json().error.code).toBe('UNSUPPORTED_FORMAT');
      expect(text.json().error.messageZh).toContain('不是 JPEG、PNG 或 WebP 照片');
      expect(text.json().error.messageEn).toContain('not a JPEG, PNG or WebP photo');
      const gif = await app.inject(
        multipart(url, {}, { name: 'a.gif', bytes: new TextEncoder().encode('GIF89a....') }),
      );
      expect(gif.statusCode).toBe(415);
      const big = new Uint8Array(10 * 1024 * 1024 + 1);
      big.set([0xff, 0xd8, 0xff, 0xe0]);
      const tooBig = await app.inject(multipart(url, {}, { name: 'big.jpg', bytes: big, type: 'image/jpeg' }));
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json().error.code).toBe('UPLOAD_TOO_LARGE');
      expect(tooBig.json().error.messageZh).toContain('超过 10.0 MB 上限');
      const empty = await app.inject(multipart(url, {}, { name: 'e.jpg', bytes: new Uint8Array(0) }));
      expect(empty.statusCode).toBe(400);
      const future = await app.inject(
        multipart(
          `/api/projects/${projectId}/reports/${NEXT_YEAR}/12/photos`,
          {},
          {
            name: 'p.png',
            bytes: demoPhoto('F', 0.1, 1),
          },
        ),
      );
      expect(future.statusCode).toBe(400);
      expect(await count('project_attachments')).toBe(photos);
      expect(await count('audit_log')).toBe(audits);
    });

    it('has demo progress photos on the largest construction projects', async () => {
      const rows = (
        (await started.database.db.execute(
          sql`select a.id, a.mime_type, p.library from project_attachments a join projects p on p.id = a.project_id where a.uploaded_by = 'demo'`,
        )) as unknown as { rows: Array<{ id: number; mime_type: string; library: string }> }
      ).rows;
      expect(rows.length).toBe(6);
      expect(rows.every((r) => r.mime_type === 'image/png' && r.library === 'construction')).toBe(true);
      const got = await app.inject(`/api/attachments/${rows[0]!.id}/content`);
      expect(got.headers['content-type']).toBe('image/png');
      expect(got.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    });
  });
}
