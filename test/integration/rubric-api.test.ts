import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { DEFAULT_RUBRIC } from '../../src/domain/projects/rubric.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';

interface Listed {
  version: number;
  current: boolean;
  note: string | null;
  quarters: Array<{ year: number; quarter: number; state: string }>;
  definition: Record<string, unknown>;
}

/** What the rubric page reads and sends: versions with their note and bound quarters; problems by path. */
for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`rubric API for the rubric page on ${target.name}`, () => {
    let started: Started;
    let app: FastifyInstance;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      const db = await target.create();
      drop = db.drop;
      started = await startServices({ ...db, maxUploadBytes: 10 * 1024 * 1024, loadDemo: true });
      app = await buildApp({ ctx: started.ctx, maxUploadBytes: 10 * 1024 * 1024 });
    }, 240_000);
    afterAll(async () => {
      await app?.close();
      await started?.database.close();
      await drop?.();
    });

    const list = async () => (await app.inject('/api/rubrics')).json().items as Listed[];

    it('lists version 1 with the quarters the demo bound to it', async () => {
      const [v1, ...rest] = await list();
      expect(rest).toEqual([]);
      expect(v1).toMatchObject({ version: 1, current: true, note: null });
      expect(v1?.quarters).toContainEqual({ year: 2024, quarter: 4, state: 'open' });
      // the stored definition is the rubric itself (no note inside)
      expect(v1?.definition).not.toHaveProperty('note');
    });

    it('refuses a bad weight naming the item in Chinese and English, with the path of each problem', async () => {
      const bad = {
        ...DEFAULT_RUBRIC,
        items: DEFAULT_RUBRIC.items.map((i, k) => (k === 1 ? { ...i, weight: -1 } : i)),
      };
      const res = await app.inject({ method: 'POST', url: '/api/rubrics', payload: bad });
      expect(res.statusCode).toBe(422);
      const error = res.json().error;
      expect(error.code).toBe('RUBRIC_INVALID');
      expect(error.messageZh).toBe('考核细则不符合格式要求：第2项“开工率”的分值（权重）不能小于0');
      expect(error.messageEn).toBe('The rubric is not valid: item 2 "Start rate": weight must be at least 0');
      expect(error.data.problems).toEqual([
        {
          path: ['items', 1, 'weight'],
          zh: '第2项“开工率”的分值（权重）不能小于0',
          en: 'item 2 "Start rate": weight must be at least 0',
        },
      ]);
      expect(await list()).toHaveLength(1);
    });

    it('keeps the note of a new version; the new version is current and bound to no quarter yet', async () => {
      const v2 = {
        ...DEFAULT_RUBRIC,
        items: DEFAULT_RUBRIC.items.map((i) => (i.key === 'landingRate' ? { ...i, weight: 25 } : i)),
        note: '  提高签约落地率权重  ',
      };
      const res = await app.inject({ method: 'POST', url: '/api/rubrics', payload: v2 });
      expect(res.statusCode).toBe(201);
      const [n2, n1] = await list();
      expect(n2).toMatchObject({ version: 2, current: true, note: '提高签约落地率权重', quarters: [] });
      expect(n2?.definition).not.toHaveProperty('note');
      expect(n1).toMatchObject({ version: 1, current: false });
      expect(n1?.quarters).toContainEqual({ year: 2024, quarter: 4, state: 'open' });
      const ranking = (await app.inject('/api/quarters/2024/4/ranking?by=county')).json();
      expect(ranking.rubric).toMatchObject({ version: 1, bound: true });
    });
  });
}
