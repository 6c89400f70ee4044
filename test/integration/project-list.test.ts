import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';

/**
 * The project list at scale (issue 6) on the demo's 630 projects: paging and sorting on the server,
 * every filter, the warning light in each row (equal to the detail's, and the SQL light filter equal
 * to the rule), the pipeline funnel and the Excel export of the filtered list.
 */
interface Light {
  light: 'green' | 'yellow' | 'red';
  investmentLagPp: number | null;
  milestoneLagDays: number;
  reasons: Array<{ code: string; light: string; zh: string; en: string }>;
}
interface Row {
  id: number;
  name: string;
  code: string | null;
  ownerName: string | null;
  library: string;
  region: { code: string; name: string } | null;
  zone: string | null;
  totalInvestment: number | null;
  light: Light;
  schedule: { year: number; monthsElapsed: number; plannedYear: number; completedYtd: number };
}
interface Page {
  items: Row[];
  total: number;
  page: number;
  pageSize: number;
  asOf: string;
}
interface Stage {
  library: string;
  projects: number;
  investment: number;
  reached: number;
  reachedInvestment: number;
}

/** The demo's "today": its investment months run to 2024, so lights on this day use both rules. */
const AS_OF = '2024-12-31';
const LINYI = '140821';
const LIGHTS = ['green', 'yellow', 'red'] as const;

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`project list on ${target.name}`, () => {
    let started: Started;
    let app: FastifyInstance;
    let drop: () => Promise<void>;

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

    const list = async (query: string): Promise<Page> => {
      const res = await app.inject(`/api/projects?asOf=${AS_OF}&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    /** Every row of a filter, page by page. */
    const all = async (query: string): Promise<Row[]> => {
      const out: Row[] = [];
      for (let p = 1; ; p++) {
        const r = await list(`${query}&pageSize=200&page=${p}`);
        out.push(...r.items);
        if (out.length >= r.total || r.items.length === 0) return out;
      }
    };

    it('pages on the server: disjoint pages in id order, the total, an empty page past the end', async () => {
      const p1 = await list('pageSize=20&page=1');
      const p2 = await list('pageSize=20&page=2');
      expect(p1.total).toBe(630);
      expect(p1.items).toHaveLength(20);
      expect(p2.items).toHaveLength(20);
      const ids = [...p1.items, ...p2.items].map((r) => r.id);
      expect(new Set(ids).size).toBe(40);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(p1.asOf).toBe(AS_OF);
      const past = await list('pageSize=20&page=100');
      expect(past.items).toEqual([]);
      expect(past.total).toBe(630);
      const pastRed = await list('pageSize=20&page=100&light=red');
      expect(pastRed.items).toEqual([]);
      expect(pastRed.total).toBe((await list('light=red&pageSize=1')).total);
    });

    it('sorts by investment, name, library and light, ties by id', async () => {
      const inv = (await list('sort=investment&order=desc&pageSize=100')).items.map((r) => r.totalInvestment);
      const known = inv.filter((v): v is number => v !== null);
      expect(known.length).toBeGreaterThan(50);
      expect(known).toEqual([...known].sort((a, b) => b - a));
      const lib = (await all('sort=library&order=asc')).map((r) => r.library);
      const order = ['conceived', 'reserve', 'construction', 'in_effect'];
      expect(lib.map((l) => order.indexOf(l))).toEqual(lib.map((l) => order.indexOf(l)).sort((a, b) => a - b));
      const byLight = await all('sort=light&order=desc');
      const rank = { red: 2, yellow: 1, green: 0 };
      const ranks = byLight.map((r) => rank[r.light.light]);
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
      expect(byLight).toHaveLength(630);
      const names = (await list('sort=name&order=asc&pageSize=30')).items.map((r) => r.name);
      expect(names.length).toBe(30);
    });

    it('filters by library, county, zone, text and leader; the filters combine', async () => {
      const construction = await all('library=construction');
      expect(construction.length).toBeGreaterThan(20);
      expect(construction.every((r) => r.library === 'construction')).toBe(true);
      const linyi = await all(`region=${LINYI}`);
      expect(linyi.length).toBeGreaterThan(10);
      expect(linyi.every((r) => r.region?.code === LINYI)).toBe(true);
      const both = await all(`region=${LINYI}&library=construction`);
      expect(both.map((r) => r.id)).toEqual(linyi.filter((r) => r.library === 'construction').map((r) => r.id));
      const zone = linyi.find((r) => r.zone)?.zone ?? construction.find((r) => r.zone)?.zone;
      expect(zone).toBeTruthy();
      const inZone = await all(`zone=${encodeURIComponent(zone as string)}`);
      expect(inZone.length).toBeGreaterThan(0);
      expect(inZone.every((r) => r.zone === zone)).toBe(true);
      const q = await all(`q=${encodeURIComponent('蒲州故城')}`);
      expect(q.length).toBe(3);
      expect(q.every((r) => r.name.includes('蒲州故城'))).toBe(true);
      const q2 = await all(`q=${encodeURIComponent('蒲州故城')}&library=${q[0]!.library}`);
      expect(q2.map((r) => r.id)).toEqual(q.filter((r) => r.library === q[0]!.library).map((r) => r.id));
      // Latin letters match in either case (ILIKE); Chinese alone takes the plain LIKE
      const ppp = await all('q=ppp');
      expect(ppp.length).toBeGreaterThan(0);
      expect(ppp.some((r) => r.name.includes('PPP'))).toBe(true);
      // % and _ are text, not patterns
      expect((await list('q=%25')).total).toBe(0);
      const city = await list('region=140800&pageSize=1');
      expect(city.total).toBe(630);
    });

    it('gives every row its light; the light filter (SQL) agrees with the rule for all 630 projects', async () => {
      const byColour = await Promise.all(LIGHTS.map((l) => all(`light=${l}`)));
      for (const [i, rows] of byColour.entries()) {
        expect(rows.every((r) => r.light.light === LIGHTS[i])).toBe(true);
      }
      expect(byColour.reduce((n, rows) => n + rows.length, 0)).toBe(630);
      // all three colours occur on the demo's last day, from both parts of the rule
      for (const rows of byColour) expect(rows.length).toBeGreaterThan(5);
      const reasons = byColour.flat().flatMap((r) => r.light.reasons.map((x) => x.code));
      expect(reasons).toContain('INVESTMENT_BEHIND_SCHEDULE');
      expect(reasons).toContain('MILESTONE_LATE');
      // the filter's light combines with the others
      const redLinyi = await all(`light=red&region=${LINYI}`);
      expect(redLinyi.map((r) => r.id)).toEqual(byColour[2]!.filter((r) => r.region?.code === LINYI).map((r) => r.id));
    });

    it('a row’s light equals its detail’s light, reasons and inputs included', async () => {
      const sample = (
        await Promise.all(LIGHTS.map((l) => list(`light=${l}&pageSize=12&sort=investment&order=desc`)))
      ).flatMap((p) => p.items);
      expect(sample.length).toBe(36);
      for (const row of sample) {
        const detail = (await app.inject(`/api/projects/${row.id}?asOf=${AS_OF}`)).json();
        expect(row.light, row.name).toEqual(detail.light);
        const year = detail.investments.filter((i: { year: number }) => i.year === 2024);
        const planned = year.reduce((s: number, i: { planned: number }) => s + i.planned, 0);
        expect(row.schedule.plannedYear).toBeCloseTo(planned, 6);
        expect(row.schedule).toMatchObject({ year: 2024, monthsElapsed: 11 });
      }
    });

    it('draws the funnel per county: stages narrow, match the list, ignore the library filter', async () => {
      const res = await app.inject(`/api/projects/pipeline?asOf=${AS_OF}&library=reserve`);
      expect(res.statusCode).toBe(200);
      const f = res.json() as { total: number; stages: Stage[]; regions: Array<{ code: string; stages: Stage[] }> };
      expect(f.total).toBe(630);
      expect(f.stages.map((s) => s.library)).toEqual(['conceived', 'reserve', 'construction', 'in_effect']);
      const reached = f.stages.map((s) => s.reached);
      expect(reached).toEqual([...reached].sort((a, b) => b - a));
      for (const s of f.stages) expect(s.projects).toBe((await list(`library=${s.library}&pageSize=1`)).total);
      const linyi = f.regions.find((r) => r.code === LINYI);
      const linyiList = await all(`region=${LINYI}`);
      expect(linyi?.stages[0]?.reached).toBe(linyiList.length);
      const inv = linyiList
        .filter((r) => r.library === 'construction')
        .reduce((s, r) => s + (r.totalInvestment ?? 0), 0);
      expect(linyi?.stages[2]?.investment).toBeCloseTo(inv, 6);
      // the county's own funnel equals its row of the city's
      const county = (await app.inject(`/api/projects/pipeline?region=${LINYI}`)).json() as { stages: Stage[] };
      expect(county.stages).toEqual(linyi?.stages);
      const red = (await app.inject(`/api/projects/pipeline?asOf=${AS_OF}&light=red`)).json() as { total: number };
      expect(red.total).toBe((await list('light=red&pageSize=1')).total);
    });

    it('exports the filtered list to Excel: the same rows in the same order, with their lights', async () => {
      const query = `asOf=${AS_OF}&light=yellow&sort=investment&order=desc`;
      const rows = await all(`light=yellow&sort=investment&order=desc`);
      const res = await app.inject(`/api/projects/export.xlsx?${query}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(String(res.headers['content-disposition'])).toContain('.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('项目列表');
      expect(ws).toBeDefined();
      const header = (ws!.getRow(1).values as unknown[]).slice(1);
      expect(header).toContain('预警灯');
      const col = (name: string) => header.indexOf(name) + 1;
      const got: Array<{ id: number; light: string; reasons: string }> = [];
      ws!.eachRow((r, n) => {
        if (n > 1) {
          got.push({
            id: Number(r.getCell(col('项目编号')).value),
            light: String(r.getCell(col('预警灯')).value),
            reasons: String(r.getCell(col('预警原因')).value ?? ''),
          });
        }
      });
      expect(got.map((g) => g.id)).toEqual(rows.map((r) => r.id));
      expect(got.every((g) => g.light === '黄灯')).toBe(true);
      expect(got[0]!.reasons).toBe(rows[0]!.light.reasons.map((r) => r.zh).join('；'));
      const about = wb.getWorksheet('说明');
      expect(String(about!.getCell('B2').value)).toContain('light=yellow');
    });

    it('refuses a bad filter with a bilingual message', async () => {
      const res = await app.inject('/api/projects?light=purple');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      const bad = await app.inject('/api/projects/export.xlsx?region=12');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.messageZh).toContain('行政区划代码');
    });
  });
}
