import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';

interface Value {
  id: number;
  indicatorId: number;
  regionCode: string;
  period: string;
  value: number;
  state: string;
  version: number;
}

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`values of a region and period on ${target.name}`, () => {
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

    it('lists the values of one county at one period, as the data-entry page shows them', async () => {
      const res = await app.inject(`/api/plans/${planId}/values?region=140821&period=2024`);
      expect(res.statusCode).toBe(200);
      const items = res.json().items as Value[];
      expect(items.length).toBeGreaterThan(0);
      for (const v of items) {
        expect(v.regionCode).toBe('140821');
        expect(v.period).toBe('2024');
      }
      const stored = (await started.ctx.repos.values.listByPlan(planId, { regionCode: '140821' })).filter(
        (v) => v.period === '2024',
      );
      expect(items.map((v) => v.id).sort()).toEqual(stored.map((v) => v.id).sort());
    });

    it('defaults to the plan’s own region, and shows a value just recorded', async () => {
      const indicatorId = (await started.ctx.repos.indicators.listByPlan(planId))[0]!.id;
      const recorded = await app.inject({
        method: 'POST',
        url: `/api/indicators/${indicatorId}/values`,
        payload: { regionCode: '140800', period: '2025', value: 12.5 },
      });
      expect(recorded.statusCode).toBeLessThan(300);
      const items = (await app.inject(`/api/plans/${planId}/values?period=2025`)).json().items as Value[];
      const mine = items.find((v) => v.indicatorId === indicatorId);
      expect(mine).toMatchObject({ regionCode: '140800', period: '2025', value: 12.5, state: 'draft' });
    });

    it('answers 404 for an unknown plan and 400 for a malformed period', async () => {
      expect((await app.inject('/api/plans/999/values?period=2024')).statusCode).toBe(404);
      expect((await app.inject(`/api/plans/${planId}/values?period=24`)).statusCode).toBe(400);
    });
  });
}
