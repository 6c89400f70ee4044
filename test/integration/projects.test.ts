import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';
import { multipart } from '../helpers/multipart.ts';

interface Project {
  id: number;
  name: string;
  programme: string | null;
  library: string;
  region: { code: string; name: string } | null;
  totalInvestment: number | null;
  milestones: Record<string, string | null>;
  liaisonLeaders: string[];
  responsibleUnit: string | null;
  isDemo: boolean;
  sourceText: string | null;
  version: number;
}

const COUNTIES = [
  '140802',
  '140821',
  '140822',
  '140823',
  '140824',
  '140825',
  '140826',
  '140827',
  '140828',
  '140829',
  '140830',
  '140881',
  '140882',
];

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`project pipeline on ${target.name}`, () => {
    let started: Started;
    let app: FastifyInstance;
    let drop: () => Promise<void>;
    const planId = 1;

    beforeAll(async () => {
      const db = await target.create();
      drop = db.drop;
      started = await startServices({ ...db, maxUploadBytes: 10 * 1024 * 1024, loadDemo: true });
      app = await buildApp({ ctx: started.ctx, maxUploadBytes: 10 * 1024 * 1024 });
    });
    afterAll(async () => {
      await app?.close();
      await started?.database.close();
      await drop?.();
    });

    const list = async (query: string): Promise<{ items: Project[]; total: number }> =>
      (await app.inject(`/api/projects?${query}`)).json();
    const project = async (id: number): Promise<Project> => (await app.inject(`/api/projects/${id}`)).json().project;

    it('makes the demo plan’s project boxes into projects, merging the ones named in two boxes', async () => {
      const all = await list(`plan=${planId}&pageSize=1`);
      expect(all.total).toBeGreaterThan(600);
      // 专栏13 and 专栏15 both name the 蒲州故城 archaeological park: one project, both boxes recorded
      const puzhou = await list(`q=${encodeURIComponent('蒲州故城国家考古遗址公园')}`);
      expect(puzhou.items.map((p) => p.name)).toEqual(['永济市蒲津渡与蒲州故城国家考古遗址公园建设及环境整治工程']);
      expect(puzhou.items[0]!.programme).toContain('专栏13');
      expect(puzhou.items[0]!.programme).toContain('另见专栏15');
      expect(puzhou.items[0]!.region?.name).toBe('永济市');
      // a county named in the item becomes the region; 示例数据 is flagged
      const linyi = await list('region=140821&pageSize=500');
      expect(linyi.total).toBeGreaterThan(10);
      expect(linyi.items.every((p) => p.region?.code === '140821' && p.isDemo)).toBe(true);
      // running it again creates nothing: keyed by plan and item
      const again = await app.inject({ method: 'POST', url: `/api/plans/${planId}/projects/from-plan` });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ created: 0, existing: all.total, merged: 3 });
    });

    it('spreads demo progress over the libraries and uses the news headline figures', async () => {
      for (const lib of ['conceived', 'reserve', 'construction', 'in_effect']) {
        expect((await list(`library=${lib}&pageSize=1`)).total).toBeGreaterThan(0);
      }
      const projects = await started.ctx.repos.projects.all();
      const xian = projects.filter((p) => p.signedOn === '2023-08-08');
      expect(xian).toHaveLength(23);
      expect(Math.round(xian.reduce((s, p) => s + (p.totalInvestment ?? 0), 0))).toBe(1_346_600);
      expect(xian[0]!.sourceText).toContain('共签约项目23个');
      const h1 = projects.filter((p) => p.signedOn && p.signedOn >= '2023-01-01' && p.signedOn <= '2023-06-30');
      expect(h1).toHaveLength(301);
      expect(Math.round(h1.reduce((s, p) => s + (p.totalInvestment ?? 0), 0))).toBe(23_354_400);
    });

    it('refuses a transition that breaks the lifecycle rules, with the bilingual list, and accepts a valid one', async () => {
      const [p] = (await list('library=conceived&region=140821')).items;
      expect(p).toBeDefined();
      const url = `/api/projects/${p!.id}/transition`;
      const bad = await app.inject({
        method: 'POST',
        url,
        payload: { version: p!.version, library: 'construction', milestones: { started: '2099-01-01' } },
      });
      expect(bad.statusCode).toBe(422);
      const err = bad.json().error;
      expect(err.code).toBe('TRANSITION_REFUSED');
      const codes = err.data.violations.map((v: { code: string }) => v.code);
      expect(codes).toEqual(expect.arrayContaining(['LIBRARY_SKIP', 'DATE_IN_FUTURE', 'START_WITHOUT_SIGNING']));
      expect(err.data.violations[0].zh).toMatch(/[\u4e00-\u9fa5]/);
      expect(err.data.violations[0].en).toMatch(/[a-z]/);
      expect((await project(p!.id)).library).toBe('conceived');

      const ok = await app.inject({
        method: 'POST',
        url,
        payload: { version: p!.version, library: 'reserve', milestones: { signed: '2024-03-01' } },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().project).toMatchObject({
        library: 'reserve',
        milestones: { signed: '2024-03-01' },
        version: p!.version + 1,
        isDemo: false,
      });
      const region = ok.json().project.region;
      if (region) expect(region.name).not.toBe(region.code);
      // changing a recorded date needs a reason
      const noReason = await app.inject({
        method: 'POST',
        url,
        payload: { version: p!.version + 1, milestones: { signed: '2024-03-02' } },
      });
      expect(noReason.json().error.data.violations.map((v: { code: string }) => v.code)).toEqual([
        'MILESTONE_CHANGE_NEEDS_REASON',
      ]);
      const history = (await app.inject(`/api/projects/${p!.id}/history`)).json().items;
      expect(history[0]).toMatchObject({ action: 'transition', after: { library: 'reserve' } });
    });

    it('refuses a stale edit and audits the accepted one', async () => {
      const [p] = (await list('region=140822&pageSize=1')).items;
      const url = `/api/projects/${p!.id}`;
      const good = await app.inject({
        method: 'PATCH',
        url,
        payload: { version: p!.version, ownerName: '示例能源有限公司', ownerCreditCode: '91350100M000100Y43' },
      });
      expect(good.statusCode).toBe(200);
      const stale = await app.inject({ method: 'PATCH', url, payload: { version: p!.version, totalInvestment: 1 } });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('STALE_VERSION');
      const badCode = await app.inject({
        method: 'PATCH',
        url,
        payload: { version: p!.version + 1, ownerCreditCode: '91350100M000100Y44' },
      });
      expect(badCode.statusCode).toBe(400);
      expect(badCode.json().error.data.errors[0]).toMatchObject({ field: 'ownerCreditCode' });
      const detail = (await app.inject(url)).json();
      expect(detail.project.ownerName).toBe('示例能源有限公司');
      expect(detail.history[0]).toMatchObject({
        action: 'update',
        before: { ownerName: null },
        after: { ownerName: '示例能源有限公司', ownerCreditCode: '91350100M000100Y43' },
      });
      expect(['green', 'yellow', 'red']).toContain(detail.light.light);
    });

    it('freezes an approved month: a change is refused until the office reopens it with a reason', async () => {
      const [p] = (await list('library=construction&region=140823&pageSize=1')).items;
      const url = `/api/projects/${p!.id}/investments/2025/11`;
      const put = await app.inject({
        method: 'PUT',
        url,
        payload: { planned: 500, completed: 420, progressText: '主体结构施工' },
      });
      expect(put.statusCode).toBe(200);
      const inv = put.json().investment;
      expect(inv).toMatchObject({ state: 'draft', frozen: false, completed: 420 });
      const approved = await app.inject({ method: 'POST', url: `${url}/approve`, payload: { version: inv.version } });
      expect(approved.json().investment).toMatchObject({ state: 'approved', frozen: true });

      const change = await app.inject({ method: 'PUT', url, payload: { planned: 500, completed: 480 } });
      expect(change.statusCode).toBe(409);
      expect(change.json().error.code).toBe('INVESTMENT_FROZEN');
      expect(change.json().error.messageZh).toContain('重新打开');

      const noReason = await app.inject({
        method: 'POST',
        url: `${url}/reopen`,
        payload: { version: inv.version + 1, reason: '' },
      });
      expect(noReason.statusCode).toBe(400);
      const reopened = await app.inject({
        method: 'POST',
        url: `${url}/reopen`,
        payload: { version: inv.version + 1, reason: '统计局核定数调整' },
      });
      expect(reopened.json().investment.state).toBe('returned');
      const fixed = await app.inject({ method: 'PUT', url, payload: { planned: 500, completed: 480 } });
      expect(fixed.json().investment).toMatchObject({ completed: 480, state: 'draft' });
      const history = (await app.inject(`/api/projects/${p!.id}`)).json().history;
      expect(
        history
          .filter((h: { entity: string }) => h.entity === 'project_investment')
          .map((h: { action: string }) => h.action),
      ).toEqual(['update', 'reopen', 'approve', 'create']);
      const future = await app.inject({
        method: 'PUT',
        url: `/api/projects/${p!.id}/investments/2099/1`,
        payload: { planned: 1, completed: 1 },
      });
      expect(future.statusCode).toBe(422);
    });

    it('escalates an overdue problem county → city → leader, and closes it only with evidence', async () => {
      const [p] = (await list('region=140829&pageSize=1')).items;
      const created = await app.inject({
        method: 'POST',
        url: `/api/projects/${p!.id}/problems`,
        payload: { title: '110千伏变电站未接入', kind: '配套', raisedOn: '2025-01-01', deadline: '2025-01-10' },
      });
      expect(created.statusCode).toBe(201);
      const problem = created.json().problem;
      const levelOn = async (asOf: string) => {
        const items = (await app.inject(`/api/problems/overdue?region=140829&asOf=${asOf}`)).json().items;
        return items.find((i: { problem: { id: number } }) => i.problem.id === problem.id)?.problem.status;
      };
      expect(await levelOn('2025-01-10')).toBeUndefined();
      expect(await levelOn('2025-01-20')).toMatchObject({ level: 'county', daysOverdue: 10 });
      expect(await levelOn('2025-01-26')).toMatchObject({ level: 'city', daysOverdue: 16 });
      const atLeader = await levelOn('2025-03-01');
      expect(atLeader).toMatchObject({ level: 'leader', daysOverdue: 50 });
      expect(atLeader.zh).toContain('包联市领导');
      // the list names the county, the leaders and the responsible unit the office follows up with
      const listed = (await app.inject('/api/problems/overdue?region=140829&asOf=2025-03-01'))
        .json()
        .items.find((i: { problem: { id: number } }) => i.problem.id === problem.id);
      expect(listed.project).toMatchObject({
        id: p!.id,
        regionCode: '140829',
        regionName: '平陆县',
        liaisonLeaders: p!.liaisonLeaders,
        responsibleUnit: p!.responsibleUnit,
      });

      const noEvidence = await app.inject({
        method: 'POST',
        url: `/api/problems/${problem.id}/close`,
        payload: { version: problem.version, evidence: { text: ' ' } },
      });
      expect(noEvidence.statusCode).toBe(400);
      const closed = await app.inject({
        method: 'POST',
        url: `/api/problems/${problem.id}/close`,
        payload: { version: problem.version, closedOn: '2025-03-05', evidence: { text: '供电公司已送电，附验收单' } },
      });
      expect(closed.json().problem).toMatchObject({ closedOn: '2025-03-05', status: { overdue: false } });
      expect(await levelOn('2025-04-01')).toBeUndefined();
      const twice = await app.inject({
        method: 'POST',
        url: `/api/problems/${problem.id}/close`,
        payload: { version: problem.version + 1, evidence: { text: '再次' } },
      });
      expect(twice.json().error.code).toBe('PROBLEM_CLOSED');
    });

    it('ranks the 13 counties for 2023 Q3 with KPIs, scores and the previous quarter’s rank', async () => {
      const res = await app.inject('/api/quarters/2023/3/ranking?by=county');
      expect(res.statusCode).toBe(200);
      const r = res.json();
      expect(r.period).toEqual({ from: '2023-01-01', to: '2023-09-30', year: 2023, throughMonth: 9 });
      expect(r.tourScores).toBe(false);
      expect(r.entries).toHaveLength(13);
      expect(r.entries.map((e: { region: { code: string } }) => e.region.code).sort()).toEqual(COUNTIES);
      expect(r.entries[0].rank).toBe(1);
      const scores = r.entries.map((e: { score: number }) => e.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(new Set(scores).size).toBeGreaterThan(5);
      for (const e of r.entries) {
        expect(e.previousRank).toBeGreaterThanOrEqual(1);
        expect(e.previousRank).toBeLessThanOrEqual(13);
      }
      // each KPI is measured somewhere
      for (const k of ['landingRate', 'startRate', 'investmentCompletionRate', 'productionRate']) {
        expect(r.entries.some((e: { kpis: Record<string, number | null> }) => (e.kpis[k] ?? 0) > 0)).toBe(true);
      }
      // previousRank is the rank of 2023 Q2
      const q2 = (await app.inject('/api/quarters/2023/2/ranking?by=county')).json();
      const q2Rank = new Map(
        q2.entries.map((e: { region: { code: string }; rank: number }) => [e.region.code, e.rank]),
      );
      for (const e of r.entries) expect(e.previousRank).toBe(q2Rank.get(e.region.code));

      const zones = (await app.inject('/api/quarters/2023/3/ranking?by=zone')).json();
      expect(zones.entries.length).toBeGreaterThan(5);
      expect(zones.entries.map((e: { region: { name: string } }) => e.region.name)).toContain('运城开发区');
    });

    it('round-trips the project list template; an upload with one bad row saves nothing', async () => {
      const tpl = await app.inject(`/api/projects/template.xlsx?plan=${planId}&region=140830`);
      expect(tpl.statusCode).toBe(200);
      const before = (await list('region=140830&pageSize=500')).items;

      const upload = (buf: Buffer, name = 'projects.xlsx') =>
        app.inject(multipart(`/api/plans/${planId}/projects/import`, {}, { name, bytes: buf }));
      const same = await upload(tpl.rawPayload);
      expect(same.json()).toEqual({ created: 0, updated: 0, unchanged: before.length });

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('项目清单')!;
      const header = (ws.getRow(1).values as string[]).slice(1);
      const col = (h: string) => header.indexOf(h) + 1;
      ws.getRow(2).getCell(col('总投资（万元）')).value = 123456;
      const fresh = ws.addRow([]);
      fresh.getCell(col('项目名称')).value = '芮城县示例光伏储能一体化项目';
      fresh.getCell(col('行政区划代码')).value = '140830';
      fresh.getCell(col('所处库')).value = '储备库';
      fresh.getCell(col('项目代码')).value = '2024-140830-44-01-012345';
      const bad = ws.addRow([]);
      bad.getCell(col('项目名称')).value = '芮城县示例坏行项目';
      bad.getCell(col('统一社会信用代码')).value = '91350100M000100Y44';
      bad.getCell(col('计划开工日期')).value = '2024-02-30';
      const badBuf = Buffer.from(await wb.xlsx.writeBuffer());
      const refused = await upload(badBuf);
      expect(refused.statusCode).toBe(422);
      const errs = refused.json().error.data.errors;
      expect(errs).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ sheet: '项目清单', row: bad.number, column: '统一社会信用代码' }),
          expect.objectContaining({ sheet: '项目清单', row: bad.number, column: '计划开工日期' }),
        ]),
      );
      const after = (await list('region=140830&pageSize=500')).items;
      expect(after).toHaveLength(before.length);
      expect(after.find((p) => p.id === before[0]!.id)!.totalInvestment).toBe(before[0]!.totalInvestment);

      ws.spliceRows(bad.number, 1);
      const ok = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
      expect(ok.json()).toEqual({ created: 1, updated: 1, unchanged: before.length - 1 });
      const added = (await list('q=示例光伏储能')).items[0]!;
      expect(added).toMatchObject({ library: 'reserve', region: { code: '140830' } });
      // the downloaded file is now stale for the edited row: its 版本 no longer matches
      const stale = await upload(tpl.rawPayload);
      expect(stale.statusCode).toBe(422);
      expect(stale.json().error.data.errors[0]).toMatchObject({ column: '版本' });
    });

    it('shows a leader’s projects (一联五), open problems and recent changes', async () => {
      const leaders = (await app.inject('/api/leaders')).json().items;
      expect(leaders.length).toBeGreaterThanOrEqual(8);
      expect(leaders.every((l: { projects: number }) => l.projects >= 5)).toBe(true);
      const r = (await app.inject('/api/leaders/市长/projects?since=2020-01-01')).json();
      expect(r.projects.length).toBeGreaterThanOrEqual(5);
      expect(r.projects.every((p: Project) => p.liaisonLeaders.includes('市长'))).toBe(true);
      const [p] = r.projects;
      await app.inject({
        method: 'PATCH',
        url: `/api/projects/${p.id}`,
        payload: { version: p.version, responsibleUnit: '市工信局' },
      });
      const after = (await app.inject('/api/leaders/市长/projects')).json();
      expect(
        after.changes.some(
          (c: { entityId: string; action: string }) => c.entityId === String(p.id) && c.action === 'update',
        ),
      ).toBe(true);
    });
  });
}
