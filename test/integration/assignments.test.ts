import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { IndicatorService } from '../../src/services/indicator.service.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';

/**
 * Provincial assignments (完成省下任务) through the API: the demo plan's 空气质量优良天数比率 is "not assessable"
 * until the planning office enters what the province assigned each year; then each year is judged against it.
 */

const AIR = '地级及以上城市空气质量优良天数比率';

interface Evaluated {
  indicator: { id: number; name: string; version: number; target: Record<string, unknown> };
  evaluation: { status: string; expected: number | null; actual: number | null; rule: string; reason: { zh: string } };
}
interface Assignment {
  year: number;
  value: number;
  note: string;
  evidence: { documentId: number; start: number | null; end: number | null; text: string | null } | null;
}

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`provincial assignments on ${target.name}`, () => {
    let started: Started;
    let app: FastifyInstance;
    let drop: () => Promise<void>;
    const planId = 1;
    let id = 0;
    let actual2024 = 0;

    beforeAll(async () => {
      const db = await target.create();
      drop = db.drop;
      started = await startServices({ ...db, maxUploadBytes: 10 * 1024 * 1024, loadDemo: true });
      app = await buildApp({ ctx: started.ctx, maxUploadBytes: 10 * 1024 * 1024 });
      // loading the demo plan and its documents takes a while on a busy machine
    }, 180_000);
    afterAll(async () => {
      await app?.close();
      await started?.database.close();
      await drop?.();
    });

    const air = async (period = '2024') => {
      const items = (await app.inject(`/api/plans/${planId}/indicators?period=${period}`)).json().items as Evaluated[];
      return items.find((i) => i.indicator.name.startsWith(AIR)) as Evaluated;
    };
    const put = (version: number, assignments: unknown[]) =>
      app.inject({
        method: 'PUT',
        url: `/api/indicators/${id}/assignments`,
        payload: { version, assignments },
      });

    it('starts with no assignment: the indicator is not assessable', async () => {
      const a = await air();
      expect(a.indicator.target.kind).toBe('provincial');
      expect(a.evaluation.status).toBe('not_assessable');
      id = a.indicator.id;
      const res = await app.inject(`/api/indicators/${id}/assignments`);
      expect(res.statusCode).toBe(200);
      expect(res.json().assignments).toEqual([]);
      const values = (await app.inject(`/api/indicators/${id}`)).json().values as {
        regionCode: string;
        period: string;
        value: number;
      }[];
      actual2024 = values.find((v) => v.regionCode === '140800' && v.period === '2024')!.value;
      expect(actual2024).toBeGreaterThan(0);
    });

    it('saves the assignments with their sources, and judges the year against its assignment', async () => {
      const before = await air();
      const docs = (await app.inject('/api/documents')).json().items as { id: number; fileName: string }[];
      const plan = docs.find((d) => d.fileName.includes('yuncheng-14th'))!;
      const quote = '确保区域空气质量持续改善';
      const res = await put(before.indicator.version, [
        {
          year: 2024,
          value: Math.round((actual2024 - 1) * 10) / 10,
          note: '省下达2024年目标',
          documentId: plan.id,
          quote,
        },
        { year: 2023, value: 99, note: '省下达2023年目标（测试：高于实际）' },
      ]);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { indicator: { version: number }; assignments: Assignment[] };
      expect(body.indicator.version).toBe(before.indicator.version + 1);
      expect(body.assignments.map((a) => a.year)).toEqual([2023, 2024]);
      const ev = body.assignments[1]!.evidence!;
      expect(ev.documentId).toBe(plan.id);
      // the offsets point at the quoted words in the stored normalised text
      const text = (await app.inject(`/api/documents/${plan.id}/text`)).json().text as string;
      expect(text.slice(ev.start!, ev.end!)).toBe(quote);

      // 2024: the value is above the assignment at year end → 已实现; binding, so 2023 below it → 未达标
      const e2024 = await air('2024');
      expect(e2024.evaluation.rule).toBe('provincial.yearly');
      expect(e2024.evaluation.expected).toBeCloseTo(Math.round((actual2024 - 1) * 10) / 10, 6);
      expect(e2024.evaluation.status).toBe('achieved');
      const e2023 = await air('2023');
      expect(e2023.evaluation.expected).toBe(99);
      expect(e2023.evaluation.status).toBe('failed');
      // a year without an assignment stays not assessable, with the reason saying so
      const e2022 = await air('2022');
      expect(e2022.evaluation.status).toBe('not_assessable');
      expect(e2022.evaluation.reason.zh).toContain('2022');

      const got = (await app.inject(`/api/indicators/${id}/assignments`)).json().assignments as Assignment[];
      expect(got).toEqual(body.assignments);
      const history = (await app.inject(`/api/indicators/${id}/history`)).json().items as { action: string }[];
      expect(history.some((h) => h.action === 'assignments')).toBe(true);
    });

    it('refuses a stale edit with 409 and the current version, in Chinese and English', async () => {
      const res = await put(1, [{ year: 2024, value: 50, note: '旧页面' }]);
      expect(res.statusCode).toBe(409);
      const err = res.json().error;
      expect(err.code).toBe('STALE_VERSION');
      expect(err.messageZh).toContain('已被修改');
      expect(err.messageEn).toContain('changed');
      expect(err.data.currentVersion).toBe((await air()).indicator.version);
      // nothing changed
      expect((await air('2023')).evaluation.expected).toBe(99);
    });

    it('refuses bad rows as a whole, naming each problem, and saves nothing', async () => {
      const { version } = (await air()).indicator;
      const res = await put(version, [
        { year: 2019, value: 70, note: '规划期外' },
        { year: 2022, value: 70, note: '' },
        { year: 2023, value: 70, note: 'a' },
        { year: 2023, value: 71, note: 'b' },
        { year: 2024, value: 70, note: 'c', documentId: 999999 },
        { year: 2025, value: 70, note: 'd', documentId: 1, quote: '这句话不在文档里' },
      ]);
      expect(res.statusCode).toBe(422);
      const err = res.json().error;
      expect(err.code).toBe('ASSIGNMENT_INVALID');
      const fields = (err.data.errors as { row: number; field: string }[]).map((e) => `${e.row}:${e.field}`);
      expect(fields).toEqual(expect.arrayContaining(['0:year', '1:note', '3:year', '4:documentId', '5:quote']));
      expect(err.messageZh).toContain('规划期');
      expect(err.messageEn).toContain('outside the plan period');
      expect((await air()).indicator.version).toBe(version);
      expect((await air('2023')).evaluation.expected).toBe(99);
    });

    it('refuses assignments for an indicator whose target is not provincial, and a malformed body', async () => {
      const items = (await app.inject(`/api/plans/${planId}/indicators?period=2024`)).json().items as Evaluated[];
      const other = items.find((i) => i.indicator.target.kind === 'growth')!;
      const res = await app.inject({
        method: 'PUT',
        url: `/api/indicators/${other.indicator.id}/assignments`,
        payload: { version: other.indicator.version, assignments: [{ year: 2024, value: 1, note: 'x' }] },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.messageZh).toContain('完成省下任务');
      const bad = await app.inject({
        method: 'PUT',
        url: `/api/indicators/${id}/assignments`,
        payload: { version: 1, assignments: [{ year: '2024', value: 'x' }] },
      });
      expect(bad.statusCode).toBe(400);
      expect(
        (
          await app.inject({
            method: 'PUT',
            url: '/api/indicators/999999/assignments',
            payload: { version: 1, assignments: [] },
          })
        ).statusCode,
      ).toBe(404);
    });

    it('keeps the entered assignments when the plan is published again', async () => {
      const service = new IndicatorService(started.ctx);
      await started.ctx.transaction((repos) => service.syncFromPlan(repos, planId));
      const got = (await app.inject(`/api/indicators/${id}/assignments`)).json().assignments as Assignment[];
      expect(got.map((a) => a.year)).toEqual([2023, 2024]);
    });
  });
}
