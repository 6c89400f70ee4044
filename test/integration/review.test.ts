import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';

interface Item {
  id: number;
  kind: string;
  key: string;
  label: string;
  state: string;
  version: number;
  data: Record<string, unknown>;
  source: { start: number; end: number; text: string } | null;
}

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`plan review on ${target.name}`, () => {
    let started: Started;
    let app: FastifyInstance;
    let drop: () => Promise<void>;
    let planId: number;

    beforeAll(async () => {
      const db = await target.create();
      drop = db.drop;
      started = await startServices({ ...db, maxUploadBytes: 1024 * 1024, loadDemo: true });
      app = await buildApp({ ctx: started.ctx, maxUploadBytes: 1024 * 1024 });
      planId = (await app.inject('/api/plans')).json().items[0].id;
    });
    afterAll(async () => {
      await app?.close();
      await started?.database.close();
      await drop?.();
    });

    const items = async (kind: string): Promise<Item[]> =>
      (await app.inject(`/api/plans/${planId}/items?kind=${kind}`)).json().items;
    const planText = async () => {
      const plan = (await app.inject(`/api/plans/${planId}`)).json().plan;
      return started.ctx.repos.documents.getText(plan.documentId) as Promise<string>;
    };

    it('stores what extraction found at import, each with its source in the document', async () => {
      const text = await planText();
      const tables = await items('indicator_table');
      expect(tables.map((t) => t.key)).toEqual(['专栏1', '专栏2']);
      const indicators = await items('indicator');
      expect(indicators.filter((i) => i.data.box === '专栏2')).toHaveLength(37);
      const zones = await items('zone');
      expect(zones).toHaveLength(12);
      expect((await items('project')).length).toBeGreaterThan(100);
      expect((await items('cluster')).length).toBeGreaterThanOrEqual(10);
      expect((await items('commitment')).length).toBeGreaterThan(5);
      for (const item of [...indicators, ...zones]) {
        expect(item.source).not.toBeNull();
        expect(text.slice(item.source!.start, item.source!.end)).toBe(item.source!.text);
      }
    });

    it('corrects an item, refuses a stale edit, and keeps the correction through a re-extraction', async () => {
      const [gdp] = (await items('indicator')).filter((i) => i.data.box === '专栏2');
      const corrected = { ...gdp!.data, name: '地区生产总值（更正）' };
      const ok = await app.inject({
        method: 'PATCH',
        url: `/api/plans/${planId}/items/${gdp!.id}`,
        payload: { version: gdp!.version, data: corrected },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().item).toMatchObject({
        state: 'corrected',
        label: '地区生产总值（更正）',
        version: gdp!.version + 1,
      });

      const stale = await app.inject({
        method: 'PATCH',
        url: `/api/plans/${planId}/items/${gdp!.id}`,
        payload: { version: gdp!.version, data: { name: '另一人的修改' } },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('STALE_VERSION');

      const [zone] = await items('zone');
      const del = await app.inject({
        method: 'POST',
        url: `/api/plans/${planId}/items/${zone!.id}/delete`,
        payload: { version: zone!.version },
      });
      expect(del.json().item.state).toBe('deleted');

      const added = await app.inject({
        method: 'POST',
        url: `/api/plans/${planId}/items`,
        payload: { kind: 'commitment', label: '人工补充的承诺', data: { subject: '人工补充的承诺', value: 3 } },
      });
      expect(added.statusCode).toBe(201);

      const re = await app.inject({ method: 'POST', url: `/api/plans/${planId}/reextract` });
      expect(re.statusCode).toBe(200);
      expect(re.json().summary.added).toBe(0);

      const after = await items('indicator');
      expect(after.find((i) => i.id === gdp!.id)).toMatchObject({ state: 'corrected', label: '地区生产总值（更正）' });
      expect((await items('zone')).find((z) => z.id === zone!.id)?.state).toBe('deleted');
      expect((await items('commitment')).some((c) => c.label === '人工补充的承诺' && c.state === 'added')).toBe(true);

      const restored = await app.inject({
        method: 'POST',
        url: `/api/plans/${planId}/items/${zone!.id}/restore`,
        payload: { version: zone!.version + 1 },
      });
      expect(restored.json().item.state).toBe('extracted');

      const history = await started.ctx.repos.audit.list('plan_item', String(gdp!.id));
      expect(history.map((h) => h.action)).toEqual(['correct']);
      expect(history[0]?.actor).toBe('admin');
    });

    it('publishes the plan', async () => {
      const res = await app.inject({ method: 'POST', url: `/api/plans/${planId}/publish` });
      expect(res.statusCode).toBe(200);
      expect(res.json().plan.status).toBe('published');
    });
  });
}
