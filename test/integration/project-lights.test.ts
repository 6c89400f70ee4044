import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectFilter } from '../../src/db/repositories/project.repository.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { ProjectService } from '../../src/services/project.service.ts';
import { ProjectInvestmentService } from '../../src/services/project-investment.service.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';

/**
 * Stored lights (project_lights, issue 6 speed): today's list filters and sorts by a light stored per
 * project instead of summing every project's months per request. They must give exactly what the
 * per-request rule gives (another day's list still computes it), follow a write at once (the write
 * marks its project dirty before the data version moves), and be recomputed whole when the day turns.
 */
const LIGHTS = ['green', 'yellow', 'red'] as const;
/** Noon in Beijing on a day: the services' clock. */
const at = (day: string) => () => new Date(`${day}T04:00:00Z`);

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`stored project lights on ${target.name}`, () => {
    let started: Started;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      const db = await target.create();
      drop = db.drop;
      started = await startServices({ ...db, maxUploadBytes: 10 * 1024 * 1024, loadDemo: true });
    });
    afterAll(async () => {
      await started?.database.close();
      await drop?.();
    });

    /** Every row of a filter in the list's order: id, light. */
    const all = async (svc: ProjectService, filter: ProjectFilter, opts: { asOf?: string; sort?: 'light' } = {}) => {
      const out: Array<{ id: number; light: string }> = [];
      for (let page = 1; ; page++) {
        const r = await svc.list(filter, page, 100, { ...opts, order: 'desc' });
        out.push(...r.items.map((i) => ({ id: i.project.id, light: i.light.light })));
        if (out.length >= r.total || r.items.length === 0) return out;
      }
    };

    it('today’s stored lights filter and sort exactly as the per-request rule does', async () => {
      const today = new ProjectService(started.ctx, at('2024-12-31'));
      // another "today", asked about 2024-12-31: the per-request path
      const computed = new ProjectService(started.ctx, at('2025-03-01'));
      const state0 = await started.ctx.repos.projects.lightState(today.schedule());
      expect(state0.fresh).toBe(false);
      for (const light of LIGHTS) {
        const stored = await all(today, { light });
        const summed = await all(computed, { light }, { asOf: '2024-12-31' });
        expect(stored.length, light).toBeGreaterThan(0);
        expect(stored).toEqual(summed);
        expect(stored.every((r) => r.light === light)).toBe(true);
      }
      expect((await started.ctx.repos.projects.lightState(today.schedule())).fresh).toBe(true);
      const sortedStored = await all(today, {}, { sort: 'light' });
      const sortedSummed = await all(computed, {}, { sort: 'light', asOf: '2024-12-31' });
      expect(sortedStored).toHaveLength(630);
      expect(sortedStored).toEqual(sortedSummed);
      // without a light filter or sort the page comes from projects and its rows' stored lights
      const construction = await all(today, { library: 'construction' });
      expect(construction.length).toBeGreaterThan(20);
      expect(construction).toEqual(await all(computed, { library: 'construction' }, { asOf: '2024-12-31' }));
      const funnelStored = await today.pipeline({ light: 'red' });
      const funnelSummed = await computed.pipeline({ light: 'red' }, '2024-12-31');
      expect(funnelStored).toEqual(funnelSummed);
    });

    it('a corrected month moves its project’s stored light at once; only that project is recomputed', async () => {
      const today = new ProjectService(started.ctx, at('2024-12-31'));
      const red = await today.list({ light: 'red', library: 'construction' }, 1, 100, {});
      // a red project whose 2024 plan is behind: complete the whole year's plan in one month
      const behind = red.items.find((i) => i.schedule.plannedYear > 0 && i.light.investmentLagPp !== null);
      expect(behind, 'a red construction project behind on investment').toBeTruthy();
      const id = behind!.project.id;
      const months = (await started.ctx.repos.investments.listByProject(id)).filter((m) => m.year === 2024);
      const month = months.find((m) => m.state === 'approved') ?? months[0]!;
      const investments = new ProjectInvestmentService(started.ctx, at('2024-12-31'));
      await investments.correct(
        id,
        2024,
        month.month,
        {
          planned: month.planned,
          completed: month.completed + behind!.schedule.plannedYear * 2,
          reason: '统计局核定后更正',
          version: month.version,
        },
        'test',
      );
      const state = await started.ctx.repos.projects.lightState(today.schedule());
      expect(state.fresh).toBe(false);
      const after = await today.list({}, 1, 20, {});
      expect(after.dataVersion).toBe(state.dataVersion);
      const detail = await today.detail(id);
      const inList = (await all(today, { light: detail.light.light })).find((r) => r.id === id);
      expect(inList, `project ${id} listed under its detail's light ${detail.light.light}`).toBeTruthy();
      expect((await all(today, { light: 'red', library: 'construction' })).some((r) => r.id === id)).toBe(
        detail.light.light === 'red',
      );
      // nothing left to refresh
      expect(await started.ctx.repos.projects.refreshLights(today.schedule())).toBe(0);
    });

    it('a new day recomputes every project’s light', async () => {
      const nextMonth = new ProjectService(started.ctx, at('2024-11-30'));
      const state = await started.ctx.repos.projects.lightState(nextMonth.schedule());
      expect(state).toMatchObject({ fresh: false, wholeTable: true });
      expect(await started.ctx.repos.projects.refreshLights(nextMonth.schedule())).toBe(630);
      const computed = new ProjectService(started.ctx, at('2025-03-01'));
      for (const light of LIGHTS) {
        expect(await all(nextMonth, { light })).toEqual(await all(computed, { light }, { asOf: '2024-11-30' }));
      }
    });
  });
}
