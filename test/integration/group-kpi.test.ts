import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';

/**
 * KPIs per industry chain and per liaison leader (issue 6: "KPIs per county, zone, chain and
 * leader"): the reply's figures are checked against the demo's project rows counted here by hand.
 */
interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}
interface Group {
  group: string;
  projectCount: number;
  startRate: Ratio;
  landingRate: Ratio;
  investmentCompletionRate: Ratio;
}
interface Reply {
  by: string;
  groups: Group[];
  ungrouped: number;
}

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`chain and leader KPIs on ${target.name}`, () => {
    let started: Started;
    let app: FastifyInstance;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      const db = await target.create();
      drop = db.drop;
      started = await startServices({ ...db, maxUploadBytes: 1024 * 1024, loadDemo: true });
      app = await buildApp({ ctx: started.ctx, maxUploadBytes: 1024 * 1024 });
    });
    afterAll(async () => {
      await app?.close();
      await started?.database.close();
      await drop?.();
    });

    it('counts each chain’s start rate as the chain’s own projects say', async () => {
      const res = await app.inject('/api/quarters/2024/4/group-kpis?by=chain');
      expect(res.statusCode, res.body).toBe(200);
      const reply = res.json() as Reply;
      const all = await started.ctx.repos.projects.all();
      const chains = [...new Set(all.map((p) => p.chain).filter((c): c is string => Boolean(c)))].sort();
      expect(chains.length).toBeGreaterThan(1);
      expect(reply.groups.map((g) => g.group)).toEqual(chains);
      expect(reply.ungrouped).toBe(all.filter((p) => !p.chain).length);
      for (const g of reply.groups) {
        const mine = all.filter((p) => p.chain === g.group);
        expect(g.projectCount).toBe(mine.length);
        const planned = mine.filter(
          (p) => p.plannedStartOn && p.plannedStartOn >= '2024-01-01' && p.plannedStartOn <= '2024-12-31',
        );
        const started2024 = planned.filter((p) => p.startedOn && p.startedOn <= '2024-12-31');
        expect(g.startRate.denominator, g.group).toBe(planned.length);
        expect(g.startRate.numerator, g.group).toBe(started2024.length);
        expect(g.startRate.rate).toBe(planned.length ? started2024.length / planned.length : null);
      }
      const measured = reply.groups.filter((g) => g.investmentCompletionRate.denominator > 0);
      expect(measured.length).toBeGreaterThan(0);
    });

    it('counts a project for every leader who follows it', async () => {
      const reply = (await app.inject('/api/quarters/2024/4/group-kpis?by=leader')).json() as Reply;
      const all = await started.ctx.repos.projects.all();
      const followed = all.filter((p) => (p.liaisonLeaders ?? []).length > 0);
      expect(followed.length).toBeGreaterThan(0);
      expect(reply.ungrouped).toBe(all.length - followed.length);
      const links = followed.reduce((n, p) => n + p.liaisonLeaders.length, 0);
      expect(reply.groups.reduce((n, g) => n + g.projectCount, 0)).toBe(links);
      const leader = followed[0]!.liaisonLeaders[0]!;
      expect(reply.groups.find((g) => g.group === leader)?.projectCount).toBe(
        all.filter((p) => p.liaisonLeaders.includes(leader)).length,
      );
    });

    it('refuses an unknown grouping in Chinese and English', async () => {
      const res = await app.inject('/api/quarters/2024/4/group-kpis?by=county');
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('分组');
      expect(res.body).toContain('grouping');
    });
  });
}
