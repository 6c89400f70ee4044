import { describe, expect, it } from 'vitest';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';
import { useDemoApp } from '../helpers/demo-app.ts';

/**
 * 工作台 on the demo city: every figure equals what the resource that owns it says — the indicator list at
 * the latest year, the review queue, the project list's lights and the overdue problems on the same day,
 * and the latest quarter's schedule.
 */
for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`workbench on ${target.name}`, () => {
    const demo = useDemoApp(target);
    const get = async (url: string) => {
      const res = await demo.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      return res.json();
    };

    it('sums what needs attention from the resources that own each figure', async () => {
      const w = await get('/api/workbench');
      // the demo's data end before today: lights and problems are judged at its end
      expect(w.dataEnd).toBe('2024-12-31');
      expect(w.asOf).toBe('2024-12-31');
      expect(w.plan).toMatchObject({ id: 1, period: '2024' });

      const list = (await get('/api/plans/1/indicators?period=2024')).items as Array<{
        evaluation: { status: string };
      }>;
      const counts: Record<string, number> = {};
      for (const i of list) counts[i.evaluation.status] = (counts[i.evaluation.status] ?? 0) + 1;
      expect(w.indicators.counts).toEqual(counts);
      expect(w.indicators.attention.length).toBeGreaterThan(0);
      expect(w.indicators.attention[0].status).toBe('failed');

      expect(w.review).toEqual({
        submitted: (await get('/api/plans/1/review')).items.length,
        returned: (await get('/api/plans/1/review?state=returned')).items.length,
      });
      const total = async (q: string) => (await get(`/api/projects?pageSize=1&asOf=2024-12-31${q}`)).total;
      expect(w.projects).toEqual({
        red: await total('&light=red'),
        yellow: await total('&light=yellow'),
        total: await total(''),
      });
      expect(w.projects.red).toBeGreaterThan(0);

      const overdue = (await get('/api/problems/overdue?asOf=2024-12-31')).items as Array<{
        problem: { status: { level: string } };
      }>;
      expect(w.problems.total).toBe(overdue.length);
      expect(w.problems.leader).toBe(overdue.filter((i) => i.problem.status.level === 'leader').length);

      const schedule = (await get('/api/quarters/2024/4/schedule')).events as Array<{ event: string; status: string }>;
      expect(w.quarter).toMatchObject({ year: 2024, quarter: 4 });
      expect(w.quarter.due.map((e: { event: string }) => e.event)).toEqual(
        schedule.filter((e) => e.status !== 'done').map((e) => e.event),
      );
    });
  });
}
