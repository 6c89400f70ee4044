import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Started } from '../../src/services/bootstrap.ts';
import { projectListCacheFor } from '../../src/services/project-list-cache.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';
import { startTwoServers, type TwoServers } from '../helpers/two-servers.ts';

/**
 * The project list's response cache (issue 6) never serves a stale page: the same page twice is one
 * cache hit with the same body; a write to a project, its months, a problem or an approval bumps the
 * `projects` data version so the next list, here and on a second server over the same database
 * (another connection pool on PostgreSQL, another cache), shows the write.
 */
interface Row {
  id: number;
  name: string;
  version: number;
  schedule: { year: number; plannedYear: number; completedYtd: number };
  light: { light: string };
  region: { code: string } | null;
}
interface Page {
  items: Row[];
  total: number;
}
const _MB = 1024 * 1024;
// the demo's months end in 2024: in 2026 the first project has no months yet, so a month written shows
const AS_OF = '2026-06-30';
const LIST = `/api/projects?asOf=${AS_OF}&pageSize=20&sort=id`;

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`project list cache on ${target.name}`, () => {
    let servers: TwoServers;
    let started: Started;
    let a: FastifyInstance;
    let b: FastifyInstance;

    beforeAll(async () => {
      servers = await startTwoServers(target);
      ({ started, a, b } = servers);
    }, 120_000);
    afterAll(async () => {
      await servers?.close();
    });

    const list = async (app: FastifyInstance, url = LIST): Promise<Page> => {
      const res = await app.inject(url);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const dataVersion = async (): Promise<number> => {
      const r = (await started.database.db.execute(
        sql`SELECT version FROM data_versions WHERE name = 'projects'`,
      )) as unknown as { rows: Array<{ version: number | string }> };
      return Number(r.rows[0]?.version ?? 0);
    };

    it('serves the same page from the cache while nothing changes, body for body', async () => {
      const cache = projectListCacheFor(started.database);
      const first = await a.inject(LIST);
      const hits = cache.hits;
      const again = await a.inject(LIST);
      expect(cache.hits).toBe(hits + 1);
      expect(again.body).toBe(first.body);
      expect(again.headers['content-type']).toContain('application/json');
      // a different filter, order or day is another entry, not the cached one
      const misses = cache.misses;
      const other = await list(a, `${LIST}&order=desc`);
      expect(cache.misses).toBe(misses + 1);
      expect(other.items[0]!.id).not.toBe(first.json().items[0].id);
    });

    it('a project edit changes the next list, here and on the second server', async () => {
      const before = await list(a);
      await list(b); // the second server has this page cached too
      const p = before.items[0]!;
      const v0 = await dataVersion();
      const res = await a.inject({
        method: 'PATCH',
        url: `/api/projects/${p.id}`,
        payload: { version: p.version, name: `${p.name}（缓存测试）` },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(await dataVersion()).toBeGreaterThan(v0);
      for (const app of [a, b]) {
        const after = await list(app);
        expect(after.items[0]!.name).toBe(`${p.name}（缓存测试）`);
        expect(after.items[0]!.version).toBe(p.version + 1);
      }
    });

    it('a month of investment changes the next list’s sums and light, here and on the second server', async () => {
      const before = await list(a);
      await list(b);
      const p = before.items[1]!;
      expect(p.schedule.year).toBe(2026);
      expect(p.schedule.plannedYear).toBe(0);
      const res = await a.inject({
        method: 'PUT',
        url: `/api/projects/${p.id}/investments/2026/1`,
        payload: { planned: 1234, completed: 1 },
      });
      expect(res.statusCode, res.body).toBe(200);
      for (const app of [a, b]) {
        const row = (await list(app)).items.find((r) => r.id === p.id)!;
        expect(row.schedule).toMatchObject({ plannedYear: 1234, completedYtd: 1 });
        expect(row.light.light).toBe('red');
      }
      // the same month corrected (an update, not an insert) changes it again
      const again = await a.inject({
        method: 'PUT',
        url: `/api/projects/${p.id}/investments/2026/1`,
        payload: { planned: 2000, completed: 1, version: res.json().investment.version },
      });
      expect(again.statusCode, again.body).toBe(200);
      for (const app of [a, b]) {
        const row = (await list(app)).items.find((r) => r.id === p.id)!;
        expect(row.schedule.plannedYear).toBe(2000);
      }
      // and the light filter (a different SQL path) sees it as well: 1 of 1234+ done by June is red
      const red = await list(b, `/api/projects?asOf=${AS_OF}&pageSize=100&light=red&sort=id`);
      expect(red.items.map((r) => r.id)).toContain(p.id);
      // and the county's light list (summed per project through the index, not in one grouped pass)
      expect(p.region).not.toBeNull();
      const county = await list(a, `/api/projects?asOf=${AS_OF}&pageSize=100&light=red&region=${p.region!.code}`);
      expect(county.items.find((r) => r.id === p.id)?.schedule).toMatchObject({ plannedYear: 2000, completedYtd: 1 });
    });

    it('problems and approvals bump the version too; a refused write does not', async () => {
      const p = (await list(a)).items[2]!;
      const v0 = await dataVersion();
      const problem = await a.inject({
        method: 'POST',
        url: `/api/projects/${p.id}/problems`,
        payload: { title: '用地指标未落实（缓存测试）', raisedOn: '2026-06-01', deadline: '2026-07-31' },
      });
      expect(problem.statusCode, problem.body).toBe(201);
      const v1 = await dataVersion();
      expect(v1).toBeGreaterThan(v0);
      const approval = await a.inject({
        method: 'POST',
        url: `/api/projects/${p.id}/approvals`,
        payload: { kind: 'land', title: '用地预审（缓存测试）' },
      });
      expect(approval.statusCode, approval.body).toBe(201);
      const v2 = await dataVersion();
      expect(v2).toBeGreaterThan(v1);
      // a stale version is refused and leaves the version (and so every cached page) alone
      const stale = await a.inject({
        method: 'PATCH',
        url: `/api/projects/${p.id}`,
        payload: { version: p.version + 99, name: '不应写入' },
      });
      expect(stale.statusCode).toBe(409);
      expect(await dataVersion()).toBe(v2);
    });
  });
}
