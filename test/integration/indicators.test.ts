import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';
import { multipart } from '../helpers/multipart.ts';

interface Evaluated {
  indicator: { id: number; name: string; attribute: string; version: number; targetText: string };
  evaluation: { status: string; reason: { zh: string; en: string }; expected: number | null };
}

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`indicator monitoring on ${target.name}`, () => {
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

    const indicators = async (period = '2024', region?: string): Promise<Evaluated[]> =>
      (await app.inject(`/api/plans/${planId}/indicators?period=${period}${region ? `&region=${region}` : ''}`)).json()
        .items;

    it('makes the 37 indicators of 专栏2 and judges every one, with reasons naming numbers', async () => {
      const items = await indicators();
      expect(items).toHaveLength(37);
      const gdp = items.find((i) => i.indicator.name === '地区生产总值（GDP）增长率')!;
      expect(gdp.indicator.targetText).toBe('10');
      expect(gdp.evaluation.reason.zh).toMatch(/\d/);
      const statuses = new Set(items.map((i) => i.evaluation.status));
      for (const s of [
        'ahead',
        'on_track',
        'behind',
        'seriously_behind',
        'failed',
        'warning',
        'no_data',
        'not_assessable',
        'achieved_early',
      ]) {
        expect(statuses).toContain(s);
      }
      const binding = items.filter((i) => i.indicator.attribute === 'binding').map((i) => i.indicator.name);
      expect(binding).toContain('森林覆盖率');
    });

    it('gives the cockpit counts, the behind list and a heat map over the 13 counties', async () => {
      const c = (await app.inject(`/api/plans/${planId}/cockpit?period=2024`)).json();
      const total = Object.values(c.counts as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(total).toBe(37);
      expect(c.behind.length).toBeGreaterThan(0);
      expect(c.heat).toHaveLength(13);
      expect(c.heat[0].groups.length).toBeGreaterThan(3);
    });

    it('records a value with validation, refuses a stale edit, and moves it through review', async () => {
      const [first] = await indicators();
      const url = `/api/indicators/${first!.indicator.id}/values`;
      const bad = await app.inject({
        method: 'POST',
        url,
        payload: { regionCode: '140800', period: '2025', value: '十' },
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.code).toBe('VALUE_INVALID');
      expect(bad.json().error.data.errors[0].field).toBe('value');

      const created = await app.inject({
        method: 'POST',
        url,
        payload: { regionCode: '140800', period: '2025', value: 9.6, note: '初步统计' },
      });
      expect(created.statusCode).toBe(200);
      const v = created.json().value;
      expect(v).toMatchObject({ state: 'draft', value: 9.6, isDemo: false });

      const stale = await app.inject({
        method: 'POST',
        url,
        payload: { regionCode: '140800', period: '2025', value: 9.7, version: v.version + 5 },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('STALE_VERSION');

      const submitted = await app.inject({
        method: 'POST',
        url: `/api/values/${v.id}/submit`,
        payload: { version: v.version },
      });
      expect(submitted.json().value.state).toBe('submitted');
      const noReason = await app.inject({
        method: 'POST',
        url: `/api/values/${v.id}/return`,
        payload: { version: v.version + 1 },
      });
      expect(noReason.statusCode).toBe(400);
      const approved = await app.inject({
        method: 'POST',
        url: `/api/values/${v.id}/approve`,
        payload: { version: v.version + 1 },
      });
      expect(approved.json().value.state).toBe('approved');
      const history = await started.ctx.repos.audit.list('indicator_value', String(v.id));
      expect(history.map((h) => h.action)).toEqual(['approve', 'submit', 'create']);
    });

    it('asks for a note when a value jumps by more than half', async () => {
      const items = await indicators();
      const share = items.find((i) => i.indicator.name === '森林覆盖率')!;
      const res = await app.inject({
        method: 'POST',
        url: `/api/indicators/${share.indicator.id}/values`,
        payload: { regionCode: '140802', period: '2024', value: 80 },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.messageZh).toContain('请在备注中说明原因');
    });

    it('sets an owner with optimistic locking and keeps the history', async () => {
      const [first] = await indicators();
      const id = first!.indicator.id;
      const ok = await app.inject({
        method: 'PATCH',
        url: `/api/indicators/${id}`,
        payload: { version: first!.indicator.version, leadUnit: '市统计局' },
      });
      expect(ok.json().indicator.leadUnit).toBe('市统计局');
      const stale = await app.inject({
        method: 'PATCH',
        url: `/api/indicators/${id}`,
        payload: { version: first!.indicator.version, leadUnit: '市发展改革委' },
      });
      expect(stale.statusCode).toBe(409);
      const history = (await app.inject(`/api/indicators/${id}/history`)).json().items;
      expect(history[0]).toMatchObject({ action: 'update', after: { leadUnit: '市统计局' } });
    });

    it('round-trips the Excel template, and an upload with one bad row saves nothing', async () => {
      const res = await app.inject(`/api/plans/${planId}/values/template.xlsx?region=140821&period=2025`);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('填报')!;
      expect(ws.getRow(1).getCell(9).value).toBe('本期值');
      expect(ws.getCell('A2').protection?.locked).not.toBe(false);
      expect(ws.getCell('I2').protection?.locked).toBe(false);
      expect(ws.getCell('I2').dataValidation?.type).toBe('decimal');
      const names = [2, 3, 4].map((r) => String(ws.getCell(`C${r}`).value));
      ws.getCell('I2').value = 11.5;
      ws.getCell('I3').value = 12;
      ws.getCell('I4').value = 'abc';
      const bad = Buffer.from(await wb.xlsx.writeBuffer());
      const before = (await started.ctx.repos.values.listByPlan(planId, { regionCode: '140821' })).length;
      const rejected = await app.inject(
        multipart(`/api/plans/${planId}/values/import`, {}, { name: 't.xlsx', bytes: bad }),
      );
      expect(rejected.statusCode).toBe(422);
      const err = rejected.json().error;
      expect(err.code, err.message).toBe('IMPORT_FAILED');
      expect(err.data, err.message).toBeDefined();
      expect(err.data.errors).toEqual([expect.objectContaining({ sheet: '填报', row: 4, column: 'value' })]);
      expect((await started.ctx.repos.values.listByPlan(planId, { regionCode: '140821' })).length).toBe(before);

      ws.getCell('I4').value = null;
      const good = Buffer.from(await wb.xlsx.writeBuffer());
      const accepted = await app.inject(
        multipart(`/api/plans/${planId}/values/import`, {}, { name: 't.xlsx', bytes: good }),
      );
      expect(accepted.json()).toEqual({ imported: 2 });
      const after = await started.ctx.repos.values.listByPlan(planId, { regionCode: '140821' });
      expect(
        after
          .filter((v) => v.period === '2025')
          .map((v) => v.value)
          .sort(),
      ).toEqual([11.5, 12]);
      expect(names.every((n) => n.length > 1)).toBe(true);
    });

    it('refuses a corrupt spreadsheet clearly', async () => {
      const corrupt = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]);
      const res = await app.inject(
        multipart(`/api/plans/${planId}/values/import`, {}, { name: 'x.xlsx', bytes: corrupt }),
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('CORRUPT_FILE');
    });

    it('exports the indicator ledger', async () => {
      const res = await app.inject(`/api/plans/${planId}/indicators.xlsx?period=2024`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.rowCount).toBe(2 + 37);
      expect(String(ws.getCell('J3').value)).toMatch(/滞后|符合|快于|提前|未达标|预警|无数据|无法评估/);
    });

    it('lists submitted values across the counties for review, approves a batch whole or not at all', async () => {
      const items = await indicators();
      const [a, b] = items.slice(0, 2).map((i) => i.indicator.id) as [number, number];
      const submit = async (indicatorId: number, regionCode: string) => {
        const saved = (
          await app.inject({
            method: 'POST',
            url: `/api/indicators/${indicatorId}/values`,
            payload: { regionCode, period: '2025', value: 1, note: '审核队列测试' },
          })
        ).json().value;
        return (
          await app.inject({
            method: 'POST',
            url: `/api/values/${saved.id}/submit`,
            payload: { version: saved.version },
          })
        ).json().value as { id: number; version: number };
      };
      const before = (await app.inject(`/api/plans/${planId}/review`)).json().items.length;
      const v1 = await submit(a, '140802');
      const v2 = await submit(b, '140821');
      const queue = (await app.inject(`/api/plans/${planId}/review`)).json().items as Array<{
        value: { id: number };
        indicator: { id: number; name: string };
        region: { code: string; name: string };
        previous: { period: string; value: number } | null;
      }>;
      expect(queue).toHaveLength(before + 2);
      const mine = queue.find((q) => q.value.id === v1.id)!;
      expect(mine.region).toEqual({ code: '140802', name: '盐湖区' });
      expect(mine.indicator.id).toBe(a);
      expect(mine.previous?.period).toBe('2024');
      // one stale version: nothing is approved
      const stale = await app.inject({
        method: 'POST',
        url: '/api/values/approve',
        payload: {
          items: [
            { id: v1.id, version: v1.version },
            { id: v2.id, version: v2.version - 1 },
          ],
        },
      });
      expect(stale.statusCode).toBe(409);
      expect((await started.ctx.repos.values.get(v1.id))?.state).toBe('submitted');
      const ok = await app.inject({
        method: 'POST',
        url: '/api/values/approve',
        payload: {
          items: [
            { id: v1.id, version: v1.version },
            { id: v2.id, version: v2.version },
          ],
        },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().items.map((v: { state: string }) => v.state)).toEqual(['approved', 'approved']);
      expect((await app.inject(`/api/plans/${planId}/review`)).json().items).toHaveLength(before);
    });
  });
}
