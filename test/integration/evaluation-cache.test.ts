import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Started } from '../../src/services/bootstrap.ts';
import { evaluationCacheFor, LruCache } from '../../src/services/evaluation-cache.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';
import { startTwoServers, type TwoServers } from '../helpers/two-servers.ts';

/**
 * The indicator list is cached per process, keyed by plans.data_version. Here: a cached list is reused
 * while nothing changes; a value written through the API (recorded, then approved) changes the very
 * next list; and a second server on the same database — another connection pool on PostgreSQL, another
 * cache over the same embedded database on PGlite — sees the first one's writes at once.
 */
interface Item {
  indicator: { id: number; name: string };
  evaluation: { status: string };
  latest: { period: string; value: number } | null;
}
const LIST = '/api/plans/1/indicators?period=2024';
const _MB = 1024 * 1024;

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`evaluation cache on ${target.name}`, () => {
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

    const list = async (app: FastifyInstance): Promise<Item[]> => {
      const res = await app.inject(LIST);
      expect(res.statusCode).toBe(200);
      return res.json().items;
    };
    const dataVersion = async (): Promise<number> => {
      const r = (await started.database.db.execute(sql`SELECT data_version FROM plans WHERE id = 1`)) as unknown as {
        rows: Array<{ data_version: number }>;
      };
      return Number(r.rows[0]!.data_version);
    };

    it('serves the same list from the cache while nothing changes', async () => {
      const cache = evaluationCacheFor(started.database);
      const first = await list(a);
      const hits = cache.hits;
      const again = await list(a);
      expect(cache.hits).toBe(hits + 1);
      expect(again).toEqual(first);
    });

    it('a value written through the API changes the next list, here and on the second server', async () => {
      const before = await list(a);
      const beforeB = await list(b);
      expect(beforeB).toEqual(before);
      const item = before.find((i) => i.latest?.period === '2024')!;
      expect(item).toBeDefined();
      const version0 = await dataVersion();

      // Recorded as a draft: the approved 2024 value is no longer there to judge.
      const values = (await a.inject('/api/plans/1/values?region=140800&period=2024')).json().items as Array<{
        id: number;
        indicatorId: number;
        version: number;
      }>;
      const old = values.find((v) => v.indicatorId === item.indicator.id)!;
      const newValue = Math.round(item.latest!.value * 1.01 * 1000) / 1000 + 0.001;
      const recorded = await a.inject({
        method: 'POST',
        url: `/api/indicators/${item.indicator.id}/values`,
        payload: { regionCode: '140800', period: '2024', value: newValue, version: old.version },
      });
      expect(recorded.statusCode).toBe(200);
      expect(await dataVersion()).toBeGreaterThan(version0);
      const draftList = await list(b);
      const draftItem = draftList.find((i) => i.indicator.id === item.indicator.id)!;
      expect(draftItem.latest?.period).not.toBe('2024');

      // Approved: the new number is what both servers judge now.
      const approved = await a.inject({
        method: 'POST',
        url: `/api/values/${old.id}/approve`,
        payload: { version: recorded.json().value.version },
      });
      expect(approved.statusCode).toBe(200);
      for (const app of [b, a]) {
        const after = (await list(app)).find((i) => i.indicator.id === item.indicator.id)!;
        expect(after.latest).toEqual({ period: '2024', value: newValue });
      }
    });

    it('an indicator edit on one server changes the list on the other', async () => {
      const before = (await list(b))[0]!;
      const row = (await b.inject(`/api/indicators/${before.indicator.id}`)).json();
      const res = await a.inject({
        method: 'PATCH',
        url: `/api/indicators/${before.indicator.id}`,
        payload: { version: row.indicator?.version ?? row.version, leadUnit: '缓存测试局' },
      });
      expect(res.statusCode).toBe(200);
      const after = (await list(b)).find((i) => i.indicator.id === before.indicator.id)!;
      expect((after.indicator as { leadUnit?: string }).leadUnit).toBe('缓存测试局');
    });
  });
}

describe('LRU cache', () => {
  it('keeps at most its number of entries and drops the least recently used', () => {
    const lru = new LruCache<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now the most recent
    lru.set('c', 3);
    expect(lru.size).toBe(2);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
  });
});
