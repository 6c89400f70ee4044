import { execFileSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';
import { paragraphs, readDocx, tables, textOf } from '../unit/reports/docx-xml.ts';

interface Entry {
  key: string;
  projectId: number | null;
  project: string;
  county: string;
  responsibleUnit: string;
  reason: string;
  source: 'system' | 'manual';
  basis: { code: string; text: string }[];
}

function libreOfficeInstalled(): boolean {
  try {
    execFileSync('libreoffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

const URL = '/api/bulletins/2024/3';

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`quarterly bulletin on ${target.name}`, () => {
    let started: Started;
    let app: FastifyInstance;
    let drop: () => Promise<void>;
    let problemProjectId: number;

    beforeAll(async () => {
      const db = await target.create();
      drop = db.drop;
      started = await startServices({ ...db, maxUploadBytes: 10 * 1024 * 1024, loadDemo: true });
      app = await buildApp({ ctx: started.ctx, maxUploadBytes: 10 * 1024 * 1024 });
      // A county project on neither list gets an open problem past its deadline at the quarter's end:
      // the draft must put it on the red list for that reason.
      const draft = (await app.inject({ method: 'POST', url: '/api/bulletins/2023/4/draft' })).json();
      const listed = new Set<number>(
        [...draft.content.redList, ...draft.content.yellowList].map((e: Entry) => e.projectId as number),
      );
      const all = await started.ctx.repos.projects.all({ regionCode: '140800' });
      const quiet = all.find((p) => p.regionCode !== '140800' && p.responsibleUnit && !listed.has(p.id));
      if (!quiet) throw new Error('no project off both lists');
      problemProjectId = quiet.id;
      await started.ctx.repos.problems.insert({
        projectId: quiet.id,
        title: '测试：施工用电未接入',
        kind: '配套',
        owner: quiet.responsibleUnit,
        raisedOn: '2024-07-01',
        deadline: '2024-08-15',
      });
    });
    afterAll(async () => {
      await app?.close();
      await started?.database.close();
      await drop?.();
    });

    it('has no bulletin before it is drafted', async () => {
      const res = await app.inject(URL);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.messageZh).toContain('2024年第3季度通报尚未起草');
    });

    it('drafts the bulletin from the quarter: ranking, figures with provenance, red and yellow lists', async () => {
      const res = await app.inject({ method: 'POST', url: `${URL}/draft` });
      expect(res.statusCode).toBe(201);
      const b = res.json();
      expect(b).toMatchObject({ year: 2024, quarter: 3, state: 'draft', version: 1, issuedAt: null });
      const c = b.content;
      expect(c.title).toBe('关于2024年第三季度全市重点项目“五个一”推进情况的通报');
      expect(c.issuerMark).toBe('运城市重点项目建设领导小组办公室文件');
      expect(c.hasDemoData).toBe(true);

      // the ranking is the quarter service's, county by county
      const ranking = (await app.inject('/api/quarters/2024/3/ranking?by=county')).json();
      expect(c.rankings.county.map((r: { region: { name: string }; rank: number }) => [r.region.name, r.rank])).toEqual(
        ranking.entries.map((e: { region: { name: string }; rank: number }) => [e.region.name, e.rank]),
      );
      expect(c.rankings.county).toHaveLength(13);
      expect(c.rankings.zone.length).toBeGreaterThan(0);

      // figures: the start rate is the city-wide KPI, its ids the projects behind the numerator
      const f = Object.fromEntries(c.figures.map((x: { key: string }) => [x.key, x]));
      expect(f.startRate.rule).toMatch(/^kpi\.startRate/);
      expect(f.startRate.value).toBeCloseTo(f.startRate.inputs.numerator / f.startRate.inputs.denominator, 10);
      expect(f.startRate.projectIds).toHaveLength(f.startRate.inputs.numerator);
      const signedInQ3 = (await started.ctx.repos.projects.all({ regionCode: '140800' })).filter(
        (p) => p.signedOn !== null && p.signedOn >= '2024-07-01' && p.signedOn <= '2024-09-30',
      );
      expect(f.signedCount.value).toBe(signedInQ3.length);
      expect(c.paragraphs.find((p: { id: string }) => p.id === 'overview').text).toContain(
        `全市新签约项目${signedInQ3.length}个`,
      );

      // every listed project has its county, responsible unit and reason
      expect(c.redList.length).toBeGreaterThan(0);
      expect(c.yellowList.length).toBeGreaterThan(0);
      for (const e of [...c.redList, ...c.yellowList] as Entry[]) {
        expect(e.county).not.toBe('');
        expect(e.responsibleUnit).not.toBe('');
        expect(e.reason).not.toBe('');
        expect(e.basis.length).toBeGreaterThan(0);
      }
      const mine = (c.redList as Entry[]).find((e) => e.projectId === problemProjectId);
      expect(mine?.basis.map((x) => x.code)).toContain('PROBLEM_OVERDUE');
      expect(mine?.reason).toContain('测试：施工用电未接入，办理时限2024-08-15，已超期46天');
    });

    it('edits paragraphs and list entries with the version; a stale version is refused with 409', async () => {
      const before = (await app.inject(URL)).json();
      const [removed, ...red] = before.content.redList as Entry[];
      const res = await app.inject({
        method: 'PATCH',
        url: URL,
        payload: {
          version: 1,
          docNumber: '运重项办〔2024〕18号',
          paragraphs: { requirements: '各地要对照通报逐项整改。\n红色预警项目于11月底前销号。' },
          redList: [
            ...red,
            {
              project: '人工补充的项目',
              county: '盐湖区',
              responsibleUnit: '盐湖区人民政府',
              reason: '观摩中发现现场停工',
            },
          ],
        },
      });
      expect(res.statusCode).toBe(200);
      const b = res.json();
      expect(b.version).toBe(2);
      expect(b.content.docNumber).toBe('运重项办〔2024〕18号');
      const list = b.content.redList as Entry[];
      expect(list).toHaveLength(before.content.redList.length);
      expect(list.some((e) => e.key === removed?.key)).toBe(false);
      expect(list.at(-1)).toMatchObject({ key: 'm1', source: 'manual', projectId: null, project: '人工补充的项目' });
      // kept entries keep the system's basis
      expect(list[0]).toEqual(red[0]);

      const stale = await app.inject({ method: 'PATCH', url: URL, payload: { version: 1, title: '旧版本的修改' } });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('STALE_VERSION');
      // regenerating needs the current version too: it would replace the edits
      const regen = await app.inject({ method: 'POST', url: `${URL}/draft`, payload: {} });
      expect(regen.statusCode).toBe(409);
      expect((await app.inject(URL)).json().content.title).toBe('关于2024年第三季度全市重点项目“五个一”推进情况的通报');
    });

    it('refuses an empty entry with a bilingual error and writes nothing', async () => {
      const res = await app.inject({
        method: 'PATCH',
        url: URL,
        payload: { version: 2, yellowList: [{ project: '  ', county: '', responsibleUnit: '', reason: 'x' }] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect((await app.inject(URL)).json().version).toBe(2);
    });

    it('issues the bulletin; then edits are refused in Chinese and English', async () => {
      const res = await app.inject({ method: 'POST', url: `${URL}/issue`, payload: { version: 2 } });
      expect(res.statusCode).toBe(200);
      const b = res.json();
      expect(b).toMatchObject({ state: 'issued', version: 3, issuedBy: '系统管理员' });
      expect(b.issuedAt).not.toBeNull();
      // 成文日期 becomes the issue date (the office's date, China Standard Time)
      expect(b.content.signedOn).toBe(
        new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
      );

      const edit = await app.inject({ method: 'PATCH', url: URL, payload: { version: 3, title: '印发后修改' } });
      expect(edit.statusCode).toBe(409);
      const err = edit.json().error;
      expect(err.code).toBe('BULLETIN_ISSUED');
      expect(err.messageZh).toContain('通报已印发，不能再修改');
      expect(err.messageEn).toContain('The bulletin has been issued and can no longer be changed');
      const again = await app.inject({ method: 'POST', url: `${URL}/issue`, payload: { version: 3 } });
      expect(again.json().error.code).toBe('BULLETIN_ISSUED');
      const regen = await app.inject({ method: 'POST', url: `${URL}/draft`, payload: { version: 3 } });
      expect(regen.json().error.code).toBe('BULLETIN_ISSUED');

      const history = await started.ctx.repos.audit.list('bulletin', '2024Q3');
      expect(history.map((h) => h.action)).toEqual(['bulletin.issue', 'bulletin.edit', 'bulletin.draft']);
    });

    it('downloads the issued bulletin as Word with the red header, the edits and the lists', async () => {
      const res = await app.inject(`${URL}/bulletin.docx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
        '关于2024年第三季度全市重点项目“五个一”推进情况的通报.docx',
      );
      const parts = await readDocx(res.rawPayload);
      const ps = paragraphs(parts.document).map((p) => p.text);
      expect(ps[0]).toBe('运城市重点项目建设领导小组办公室文件');
      expect(ps).toContain('运重项办〔2024〕18号');
      expect(ps).toContain('红色预警项目于11月底前销号。');
      const b = (await app.inject(URL)).json();
      const ts = tables(parts.document);
      expect(ts).toHaveLength(4); // counties, zones, red, yellow
      expect(ts[0]).toHaveLength(14);
      expect(ts[2]).toHaveLength(b.content.redList.length + 1);
      expect(ts[2]?.at(-1)?.slice(1)).toEqual(['人工补充的项目', '盐湖区', '盐湖区人民政府', '观摩中发现现场停工']);
      expect(ts[3]).toHaveLength(b.content.yellowList.length + 1);
      expect(textOf(parts.document)).toContain('示例数据');
    });

    it('serves the PDF through LibreOffice, or says in both languages that it is not installed', async () => {
      const res = await app.inject(`${URL}/bulletin.pdf`);
      if (libreOfficeInstalled()) {
        expect(res.statusCode).toBe(200);
        expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      } else {
        expect(res.statusCode).toBe(503);
        expect(res.json().error.code).toBe('REPORT_PDF_UNAVAILABLE');
      }
    }, 200_000);

    it('lists the bulletins', async () => {
      const items = (await app.inject('/api/bulletins')).json().items;
      expect(items.map((i: { year: number; quarter: number; state: string }) => [i.year, i.quarter, i.state])).toEqual([
        [2023, 4, 'draft'],
        [2024, 3, 'issued'],
      ]);
    });

    it('drafts a quarter once when two people press the button together', async () => {
      const [a, b] = await Promise.all([
        app.inject({ method: 'POST', url: '/api/bulletins/2024/1/draft' }),
        app.inject({ method: 'POST', url: '/api/bulletins/2024/1/draft' }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
      expect([a, b].find((r) => r.statusCode === 409)?.json().error.code).toBe('STALE_VERSION');
      expect((await app.inject('/api/bulletins/2024/1')).json()).toMatchObject({ version: 1, state: 'draft' });
    });
  });
}
