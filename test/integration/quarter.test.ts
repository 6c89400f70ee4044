import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { aggregateInvestment, computeKpisByGroupings, type KpiProject } from '../../src/domain/projects/index.ts';
import { DEFAULT_RUBRIC } from '../../src/domain/projects/rubric.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { milestonesOf } from '../../src/services/project.service.ts';
import { quarterPeriod } from '../../src/services/quarter.service.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';

interface Entry {
  region: { code: string; name: string };
  score: number;
  rank: number;
  items: Array<{ key: string; points: number; zh: string }>;
  tour: null | { score: number | null; mean: number | null; judges: unknown[]; dropped: number[]; zh: string };
}

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`quarter: rubric, tour scores, events on ${target.name}`, () => {
    let started: Started;
    let app: FastifyInstance;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      const db = await target.create();
      drop = db.drop;
      started = await startServices({ ...db, maxUploadBytes: 10 * 1024 * 1024, loadDemo: true });
      app = await buildApp({ ctx: started.ctx, maxUploadBytes: 10 * 1024 * 1024 });
    }, 240_000); // the demo load, on a machine shared with other suites
    afterAll(async () => {
      await app?.close();
      await started?.database.close();
      await drop?.();
    });

    const ranking = async (y: number, q: number, by = 'county') => {
      const res = await app.inject(`/api/quarters/${y}/${q}/ranking?by=${by}`);
      expect(res.statusCode).toBe(200);
      return res.json() as {
        rubric: { id: string; version: number; bound: boolean };
        tourScores: boolean;
        state: string;
        entries: Entry[];
      };
    };
    const put = (y: number, q: number, payload: Record<string, unknown>) =>
      app.inject({ method: 'PUT', url: `/api/quarters/${y}/${q}/tour/scores`, payload });

    it('the demo scores the 2024 Q4 tour with 7 judges, highest and lowest dropped, and ranks with it', async () => {
      const r = await ranking(2024, 4);
      expect(r.tourScores).toBe(true);
      expect(r.rubric).toMatchObject({ id: DEFAULT_RUBRIC.id, version: 1, bound: true });
      expect(r.entries).toHaveLength(13);
      for (const e of r.entries) {
        expect(e.tour?.judges).toHaveLength(7);
        expect(e.tour?.dropped).toHaveLength(2);
        expect(e.tour?.zh).toContain('去掉一个最高分');
        const item = e.items.find((i) => i.key === 'tourScore')!;
        // 20 points × tour score / 100
        expect(item.points).toBeCloseTo((20 * (e.tour!.score as number)) / 100, 1);
      }
      const sheet = (await app.inject('/api/quarters/2024/4/tour?by=county')).json();
      expect(sheet.sheet.items.map((i: { key: string }) => i.key)).toEqual(['progress', 'quality', 'service']);
      const region = sheet.regions[0];
      const totals = region.judges.map((j: { total: number }) => j.total).sort((a: number, b: number) => a - b);
      const kept = totals.slice(1, -1);
      expect(region.result.mean).toBeCloseTo(kept.reduce((s: number, x: number) => s + x, 0) / kept.length, 2);
      // 2024 Q3 has 5 judges and is closed; zones are scored as well
      const q3 = await ranking(2024, 3);
      expect(q3.state).toBe('closed');
      expect(q3.entries.every((e) => e.tour?.judges.length === 5)).toBe(true);
      expect((await ranking(2024, 4, 'zone')).tourScores).toBe(true);
      // quarters without a tour say so, and score the tour item 0
      const q2 = await ranking(2023, 3);
      expect(q2.tourScores).toBe(false);
      expect(q2.entries.every((e) => e.tour === null && e.items.find((i) => i.key === 'tourScore')!.points === 0)).toBe(
        true,
      );
    });

    it('the KPI counts summed in SQL agree with computeKpis of the domain, for counties and zones', async () => {
      const repos = started.ctx.repos;
      for (const [year, quarter] of [
        [2023, 3],
        [2024, 1],
      ] as const) {
        const period = quarterPeriod(year, quarter);
        const projects = await repos.projects.all({ regionCode: '140800' });
        const months = await repos.investments.figuresForYear(year);
        const planned = new Map<number, number>();
        for (const m of months) planned.set(m.projectId, (planned.get(m.projectId) ?? 0) + m.planned);
        const ytd = aggregateInvestment(
          months.map((m) => ({ projectId: String(m.projectId), year, month: m.month, amount: m.completed })),
          year,
          period.throughMonth,
        );
        const kpiProjects: KpiProject[] = projects.map((p) => ({
          id: String(p.id),
          county: p.regionCode ?? '',
          zone: p.zone,
          milestones: milestonesOf(p),
          planned: {
            started: p.plannedStartOn,
            in_production: p.plannedProductionOn,
            at_capacity: p.plannedCapacityOn,
          },
          plannedAnnualInvestment: planned.get(p.id) ?? 0,
        }));
        const domain = computeKpisByGroupings(kpiProjects, ytd, period, ['county', 'zone']);
        for (const by of ['county', 'zone'] as const) {
          const [rows] = await repos.quarters.rankingGroups('140800', by, [period]);
          const pick = (c: { numerator: number; denominator: number }) => [c.numerator, Math.round(c.denominator * 10)];
          expect(
            rows!.map((g) => [
              g.group,
              g.projectCount,
              pick(g.landing),
              pick(g.start),
              pick(g.production),
              pick(g.capacity),
            ]),
          ).toEqual(
            domain[by]!.map((g) => [
              g.group,
              g.projectCount,
              pick(g.landingRate),
              pick(g.startRate),
              pick(g.productionRate),
              pick(g.capacityRate),
            ]),
          );
          const inv = new Map(domain[by]!.map((g) => [g.group, g.investmentCompletionRate]));
          for (const g of rows!) {
            expect(g.investment.numerator).toBeCloseTo(inv.get(g.group)!.numerator, 3);
            expect(g.investment.denominator).toBeCloseTo(inv.get(g.group)!.denominator, 3);
          }
        }
      }
    });

    it('lists the 8 August 2023 Xi’an signing: 23 projects, 134.66 亿元, with the news sentence as evidence', async () => {
      const res = await app.inject('/api/quarters/2023/3/events');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const xian = body.events.find(
        (e: { kind: string; heldOn: string }) => e.kind === 'signing' && e.heldOn === '2023-08-08',
      );
      expect(xian.projects).toHaveLength(23);
      expect(xian.total).toEqual({ projects: 23, amount: 1_346_600 });
      expect(xian.isDemo).toBe(true);
      expect(xian.title).toContain('示例数据');
      expect(xian.evidence.text).toContain('134.66亿元');
      const text = await started.ctx.repos.documents.getText(xian.evidence.documentId);
      expect(text?.slice(xian.evidence.start, xian.evidence.end)).toBe(xian.evidence.text);
      expect(body.totals.signing.amount).toBeGreaterThanOrEqual(1_346_600);
      expect(body.totals.groundbreaking.events).toBeGreaterThanOrEqual(1);
    });

    it('enters judges’ scores: under five the plain mean, from five the trimmed mean; the ranking follows', async () => {
      const before = await ranking(2023, 2);
      expect(before.rubric.bound).toBe(false);
      const county = before.entries[before.entries.length - 1]!.region.code; // last place
      const marks = [
        ['甲', 40, 30, 30],
        ['乙', 38, 28, 29],
        ['丙', 36, 27, 27],
        ['丁', 10, 5, 5],
      ] as const;
      for (const [judge, progress, quality, service] of marks) {
        const res = await put(2023, 2, {
          by: 'county',
          groupKey: county,
          judge,
          scores: { progress, quality, service },
        });
        expect(res.statusCode).toBe(200);
      }
      let r = await ranking(2023, 2);
      expect(r.rubric.bound).toBe(true);
      let e = r.entries.find((x) => x.region.code === county)!;
      expect(e.tour?.dropped).toEqual([]);
      expect(e.tour?.mean).toBe(round((100 + 95 + 90 + 20) / 4));
      // the fifth judge: highest (100) and lowest (20) are dropped
      await put(2023, 2, {
        by: 'county',
        groupKey: county,
        judge: '戊',
        scores: { progress: 35, quality: 25, service: 25 },
      });
      r = await ranking(2023, 2);
      e = r.entries.find((x) => x.region.code === county)!;
      expect(e.tour?.dropped).toEqual([20, 100]);
      expect(e.tour?.mean).toBe(round((95 + 90 + 85) / 3));
      expect(e.tour?.zh).toBe('5位评委评分，去掉一个最高分100、一个最低分20，其余3位平均90分');
      expect(e.rank).toBeLessThan(13); // 18 tour points lift it from last place
      expect(e.score).toBeCloseTo(before.entries.find((x) => x.region.code === county)!.score + 18, 1);
    });

    it('refuses a score above the item’s maximum or a missing item, and saves nothing', async () => {
      const county = '140802';
      const bad = await put(2023, 2, {
        by: 'county',
        groupKey: county,
        judge: '己',
        scores: { progress: 55, quality: 20, service: 20 },
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.code).toBe('TOUR_SCORE_INVALID');
      expect(bad.json().error.messageZh).toContain('建设进度的得分55应在0至40之间');
      const missing = await put(2023, 2, { by: 'county', groupKey: county, judge: '己', scores: { progress: 30 } });
      expect(missing.json().error.messageZh).toContain('未填写“工程质量与形象”的得分');
      const wrongCounty = await put(2023, 2, { by: 'county', groupKey: '999999', judge: '己', scores: {} });
      expect(wrongCounty.statusCode).toBe(422);
      const sheet = (await app.inject('/api/quarters/2023/2/tour?by=county')).json();
      expect(sheet.regions.find((x: { region: { code: string } }) => x.region.code === county).judges).toEqual([]);
      // a closed quarter takes no more scores
      const closed = await put(2024, 3, {
        by: 'county',
        groupKey: county,
        judge: '己',
        scores: { progress: 30, quality: 20, service: 20 },
      });
      expect(closed.statusCode).toBe(409);
      expect(closed.json().error.code).toBe('QUARTER_CLOSED');
    });

    it('a new rubric version scores new quarters; bound quarters keep their version and their scores', async () => {
      const old = await ranking(2024, 4);
      const invalid = await app.inject({
        method: 'POST',
        url: '/api/rubrics',
        payload: { ...DEFAULT_RUBRIC, items: [] },
      });
      expect(invalid.statusCode).toBe(422);
      expect(invalid.json().error.code).toBe('RUBRIC_INVALID');
      expect(invalid.json().error.messageEn).toContain('items');
      const v2 = {
        ...DEFAULT_RUBRIC,
        name: { zh: '2025年考核细则', en: '2025 rubric' },
        items: DEFAULT_RUBRIC.items.map((i) =>
          i.key === 'tourScore' ? { ...i, weight: 40 } : i.key === 'landingRate' ? { ...i, weight: 0 } : i,
        ),
      };
      const created = await app.inject({ method: 'POST', url: '/api/rubrics', payload: v2 });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ id: DEFAULT_RUBRIC.id, version: 2, current: true });
      const list = (await app.inject('/api/rubrics')).json().items;
      expect(list.map((r: { version: number; current: boolean }) => [r.version, r.current])).toEqual([
        [2, true],
        [1, false],
      ]);
      // the bound quarter is recomputed with version 1: identical scores
      const again = await ranking(2024, 4);
      expect(again.rubric.version).toBe(1);
      expect(again.entries.map((e) => [e.region.code, e.score, e.rank])).toEqual(
        old.entries.map((e) => [e.region.code, e.score, e.rank]),
      );
      // an unbound quarter is shown with the current version; scoring its tour binds it to version 2
      const q1 = await ranking(2023, 1);
      expect(q1.rubric).toMatchObject({ version: 2, bound: false });
      expect(q1.entries.every((e) => e.items.find((i) => i.key === 'landingRate')!.points === 0)).toBe(true);
      await put(2023, 1, {
        by: 'county',
        groupKey: '140802',
        judge: '甲',
        scores: { progress: 40, quality: 30, service: 30 },
      });
      expect((await ranking(2023, 1)).rubric).toMatchObject({ version: 2, bound: true });
      // 2023 Q2 was bound to version 1 by its first score, before version 2 existed
      expect((await ranking(2023, 2)).rubric).toMatchObject({ version: 1, bound: true });
    });

    it('records a groundbreaking batch; refuses a date outside the quarter or an unknown project', async () => {
      const projects = (await app.inject('/api/projects?region=140821&pageSize=3')).json().items as Array<{
        id: number;
      }>;
      const body = {
        kind: 'groundbreaking',
        title: '第二批集中开工',
        heldOn: '2025-02-10',
        projects: projects.map((p, i) => ({ projectId: p.id, amount: 1000 * (i + 1) })),
      };
      const outside = await app.inject({ method: 'POST', url: '/api/quarters/2025/2/events', payload: body });
      expect(outside.statusCode).toBe(422);
      expect(outside.json().error.code).toBe('EVENT_INVALID');
      expect(outside.json().error.messageZh).toContain('不在2025年第2季度');
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/quarters/2025/1/events',
        payload: { ...body, projects: [{ projectId: 999999, amount: 1 }] },
      });
      expect(unknown.json().error.messageZh).toContain('项目999999不存在');
      expect((await app.inject('/api/quarters/2025/1/events')).json().events).toEqual([]);
      const ok = await app.inject({ method: 'POST', url: '/api/quarters/2025/1/events', payload: body });
      expect(ok.statusCode).toBe(201);
      expect(ok.json().total).toEqual({ projects: 3, amount: 6000 });
      const listed = (await app.inject('/api/quarters/2025/1/events')).json();
      expect(listed.totals.groundbreaking).toEqual({ events: 1, projects: 3, amount: 6000 });
      const del = await app.inject({ method: 'DELETE', url: `/api/quarter-events/${ok.json().id}` });
      expect(del.statusCode).toBe(204);
      expect((await app.inject('/api/quarters/2025/1/events')).json().events).toEqual([]);
    });

    it('a leader’s quarter: library moves, problems raised and closed, investment against last quarter', async () => {
      const leaders = (await app.inject('/api/leaders')).json().items as Array<{ name: string }>;
      const name = leaders[0]!.name;
      const res = await app.inject(`/api/leaders/${encodeURIComponent(name)}/quarter-changes?year=2024&quarter=2`);
      expect(res.statusCode).toBe(200);
      const r = res.json();
      expect(r.previous).toMatchObject({ year: 2024, quarter: 1, from: '2024-01-01', to: '2024-03-31' });
      const ids = r.projects.map((p: { id: number }) => p.id);
      // the investment figures are the sums of the monthly reports of the two quarters
      let cur = 0;
      let prev = 0;
      for (const row of await started.ctx.repos.investments.listForYear(2024, 6, ids)) {
        if (row.month >= 4) cur += row.completed;
        else prev += row.completed;
      }
      expect(r.changes.investment.current).toBeCloseTo(cur, 0);
      expect(r.changes.investment.previous).toBeCloseTo(prev, 0);
      for (const m of r.changes.moves) expect(m.on >= '2024-04-01' && m.on <= '2024-06-30').toBe(true);
      for (const p of r.changes.newProblems)
        expect(p.raisedOn >= '2024-04-01' && p.raisedOn <= '2024-06-30').toBe(true);
      expect(r.changes.zh).toContain('较上季度');
      const none = await app.inject('/api/leaders/nobody/quarter-changes?year=2024&quarter=2');
      expect(none.statusCode).toBe(404);
      expect((await app.inject('/api/quarters/latest')).json()).toEqual({ year: 2024, quarter: 4 });
    });
  });
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
