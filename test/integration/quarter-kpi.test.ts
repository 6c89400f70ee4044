import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';

/**
 * The projects behind a KPI cell of the quarter's ranking (issue 6): for every county (and every
 * zone) and every KPI, the listed projects add up to the numerator and denominator whose ratio the
 * ranking shows — the ranking counts in SQL, the list comes from the pure computeKpis — on PGlite and
 * PostgreSQL; a bad KPI or region is refused in Chinese and English.
 */
const KPIS = ['landingRate', 'startRate', 'investmentCompletionRate', 'productionRate', 'capacityRate'] as const;
type Kpi = (typeof KPIS)[number];

interface RankingReply {
  period: { from: string; to: string };
  entries: Array<{ region: { code: string; name: string }; projectCount: number; kpis: Record<Kpi, number | null> }>;
}
interface Line {
  id: number;
  name: string;
  region: { code: string; name: string } | null;
  zone: string | null;
  inDenominator: boolean;
  counted: boolean;
  basis: string | null;
  reached: string | null;
  planned: number | null;
  completed: number | null;
}
interface KpiReply {
  kpi: Kpi;
  region: { code: string; name: string };
  period: { from: string; to: string };
  numerator: number;
  denominator: number;
  rate: number | null;
  projects: Line[];
}

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`quarter: projects behind a KPI on ${target.name}`, () => {
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

    const ranking = async (y: number, q: number, by: string) => {
      const res = await app.inject(`/api/quarters/${y}/${q}/ranking?by=${by}`);
      expect(res.statusCode).toBe(200);
      return res.json() as RankingReply;
    };
    const kpiProjects = async (y: number, q: number, by: string, region: string, kpi: string) => {
      const res = await app.inject({ url: `/api/quarters/${y}/${q}/kpi-projects`, query: { by, region, kpi } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as KpiReply;
    };

    /** The list adds up to the reply's figures, and their ratio is the ranking's rate. */
    const checkAgrees = (r: KpiReply, rankingRate: number | null) => {
      const den = r.projects.filter((p) => p.inDenominator);
      const num = r.projects.filter((p) => p.counted);
      if (r.kpi === 'investmentCompletionRate') {
        expect(den.reduce((s, p) => s + (p.planned ?? 0), 0)).toBeCloseTo(r.denominator, 3);
        expect(num.reduce((s, p) => s + (p.completed ?? 0), 0)).toBeCloseTo(r.numerator, 3);
      } else {
        expect(r.projects.every((p) => p.inDenominator)).toBe(true);
        expect(den).toHaveLength(r.denominator);
        expect(num).toHaveLength(r.numerator);
        // the figures the definition used: in the period by `basis`, counted iff reached by its end
        for (const p of r.projects) {
          expect(p.basis! >= r.period.from && p.basis! <= r.period.to).toBe(true);
          expect(p.counted).toBe(p.reached !== null && p.reached <= r.period.to);
        }
      }
      if (rankingRate === null) expect(r.rate).toBeNull();
      else {
        expect(r.rate).toBeCloseTo(rankingRate, 9);
        expect(r.numerator / r.denominator).toBeCloseTo(rankingRate, 9);
      }
    };

    it('every county’s and every KPI’s projects add up to the ranking’s rate (2024 Q4, 2023 Q3)', async () => {
      let nonTrivial = 0;
      for (const [y, q] of [
        [2024, 4],
        [2023, 3],
      ] as const) {
        const rank = await ranking(y, q, 'county');
        expect(rank.entries).toHaveLength(13);
        for (const e of rank.entries) {
          for (const kpi of KPIS) {
            const r = await kpiProjects(y, q, 'county', e.region.code, kpi);
            expect(r.region).toEqual(e.region);
            expect(r.projects.every((p) => p.region?.code === e.region.code)).toBe(true);
            checkAgrees(r, e.kpis[kpi]);
            if (kpi === 'startRate' && r.numerator > 0 && r.numerator < r.denominator) nonTrivial++;
          }
        }
      }
      // the demo has counties where some planned starts happened and some did not
      expect(nonTrivial).toBeGreaterThan(0);
    }, 120_000);

    it('a demo county’s 开工率: counted and uncounted projects with their planned and actual start', async () => {
      const rank = await ranking(2024, 4, 'county');
      const e = rank.entries.find((x) => x.kpis.startRate !== null && x.kpis.startRate < 1 && x.kpis.startRate > 0)!;
      expect(e).toBeDefined();
      const r = await kpiProjects(2024, 4, 'county', e.region.code, 'startRate');
      expect(r.rate).toBeCloseTo(e.kpis.startRate!, 9);
      const counted = r.projects.find((p) => p.counted)!;
      expect(counted.reached! <= '2024-12-31').toBe(true);
      const missed = r.projects.find((p) => !p.counted)!;
      expect(missed.reached === null || missed.reached > '2024-12-31').toBe(true);
      const inv = await kpiProjects(2024, 4, 'county', e.region.code, 'investmentCompletionRate');
      expect(inv.projects.some((p) => (p.planned ?? 0) > 0 && p.completed !== null)).toBe(true);
    });

    it('every zone’s KPIs agree with the zone ranking', async () => {
      const rank = await ranking(2024, 4, 'zone');
      expect(rank.entries.length).toBeGreaterThan(0);
      for (const e of rank.entries) {
        for (const kpi of KPIS) {
          const r = await kpiProjects(2024, 4, 'zone', e.region.code, kpi);
          expect(r.projects.every((p) => p.zone === e.region.code)).toBe(true);
          checkAgrees(r, e.kpis[kpi]);
        }
      }
    }, 120_000);

    it('refuses an unknown KPI, a region outside the city’s counties and an unknown zone, in both languages', async () => {
      const bad = await app.inject('/api/quarters/2024/4/kpi-projects?region=140802&kpi=speed');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
      expect(bad.json().error.messageZh).toContain('没有“speed”这项考核指标');
      expect(bad.json().error.messageZh).toContain('开工率 startRate');
      expect(bad.json().error.messageEn).toContain('"speed" is not a KPI');
      const county = await app.inject('/api/quarters/2024/4/kpi-projects?region=110101&kpi=startRate');
      expect(county.statusCode).toBe(404);
      expect(county.json().error.code).toBe('REGION_NOT_FOUND');
      expect(county.json().error.messageZh).toContain('“110101”不是运城市的县（市、区）');
      expect(county.json().error.messageEn).toContain('is not a county of');
      // the city itself is not a county of the ranking
      expect((await app.inject('/api/quarters/2024/4/kpi-projects?region=140800&kpi=startRate')).statusCode).toBe(404);
      const zone = await app.inject({
        url: '/api/quarters/2024/4/kpi-projects',
        query: { by: 'zone', region: '不存在开发区', kpi: 'startRate' },
      });
      expect(zone.statusCode).toBe(404);
      expect(zone.json().error.code).toBe('NOT_FOUND');
      expect(zone.json().error.messageZh).toContain('没有“不存在开发区”这个开发区');
      const quarter = await app.inject('/api/quarters/2024/5/kpi-projects?region=140802&kpi=startRate');
      expect(quarter.statusCode).toBe(400);
    });
  });
}
