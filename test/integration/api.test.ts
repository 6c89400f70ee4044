import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';
import { multipart } from '../helpers/multipart.ts';

const planText = readFileSync(new URL('../../samples/yuncheng-14th-five-year-plan.txt', import.meta.url), 'utf8');
/** A second, smaller plan: the cover and the first three chapters, saved as GBK like many office files. */
const smallPlanGbk = iconv.encode(planText.slice(0, planText.indexOf('第四章 实施大抓工业战略', 2000)), 'gbk');
const MAX_UPLOAD = 50 * 1024 * 1024;

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`API on ${target.name}`, () => {
    let started: Started;
    let app: FastifyInstance;
    let drop: () => Promise<void>;
    let settings: { databaseUrl: string | undefined; dataDir: string };

    beforeAll(async () => {
      const db = await target.create();
      drop = db.drop;
      settings = { databaseUrl: db.databaseUrl, dataDir: db.dataDir };
      started = await startServices({ ...settings, maxUploadBytes: MAX_UPLOAD, loadDemo: true });
      app = await buildApp({ ctx: started.ctx, maxUploadBytes: MAX_UPLOAD });
    });
    afterAll(async () => {
      await app?.close();
      await started?.database.close();
      await drop?.();
    });

    it('reports health with the database kind', async () => {
      const res = await app.inject('/api/health');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok', database: target.name });
    });

    it('lists the seeded regions: 运城市 with 13 counties, 晋中市 with 11', async () => {
      const yc = (await app.inject('/api/regions?parent=140800')).json().items;
      expect(yc).toHaveLength(13);
      expect(yc.map((r: { name: string }) => r.name)).toContain('盐湖区');
      expect(yc.find((r: { code: string }) => r.code === '140882')?.name).toBe('河津市');
      expect((await app.inject('/api/regions?parent=140700')).json().items).toHaveLength(11);
      const cities = (await app.inject('/api/regions?level=city')).json().items;
      expect(cities.map((r: { code: string }) => r.code)).toEqual(['140700', '140800']);
    });

    it('has the demo plan with its 12 chapters and their sections', async () => {
      const plans = (await app.inject('/api/plans')).json().items;
      expect(plans).toHaveLength(1);
      expect(plans[0]).toMatchObject({
        region: { code: '140800', name: '运城市' },
        periodStart: 2021,
        periodEnd: 2025,
        isDemo: true,
        chapterCount: 12,
        title: '运城市国民经济和社会发展的第十四个五年规划和2035年远景目标纲要',
      });
      const outline = (await app.inject(`/api/plans/${plans[0].id}/outline`)).json().items;
      expect(outline.map((c: { number: string }) => c.number)).toEqual([
        '第一章',
        '第二章',
        '第三章',
        '第四章',
        '第五章',
        '第六章',
        '第七章',
        '第八章',
        '第九章',
        '第十章',
        '第十一章',
        '第十二章',
      ]);
      const ch2 = outline[1];
      expect(ch2.children.map((s: { title: string }) => s.title)).toEqual([
        '指导思想',
        '基本原则',
        '战略定位',
        '发展目标',
        '发展布局',
      ]);
      const section = (await app.inject(`/api/plans/${plans[0].id}/sections/${ch2.children[0].id}`)).json().section;
      expect(section.text.startsWith('第一节 指导思想')).toBe(true);
      expect(section.text).toContain('习近平新时代中国特色社会主义思想');
      // Offsets point into the stored normalised text, not into the raw file.
      const normalised = (await started.ctx.repos.documents.getText(plans[0].documentId)) as string;
      expect(normalised.slice(section.start, section.end).trim()).toBe(section.text);
    });

    // PGlite's restart is tested on a data directory below; a server database is restarted in place here.
    const itOnServer = target.name === 'postgres' ? it : () => undefined;
    itOnServer('a second start on the same server loads the demo only once', async () => {
      const again = await startServices({ ...settings, maxUploadBytes: MAX_UPLOAD, loadDemo: true });
      expect(again.demo).toEqual({ loaded: false });
      await again.database.close();
      expect((await app.inject('/api/plans')).json().items.filter((p: { isDemo: boolean }) => p.isDemo)).toHaveLength(
        1,
      );
    });

    it('imports a GBK plan through the upload endpoint and lists it', async () => {
      const res = await app.inject(
        multipart(
          '/api/plans/import',
          { regionCode: '140700', periodStart: '2021', periodEnd: '2025' },
          {
            name: '晋中试验规划.txt',
            bytes: smallPlanGbk,
          },
        ),
      );
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.document).toMatchObject({ encoding: 'gb18030', format: 'txt', fileName: '晋中试验规划.txt' });
      expect(body.plan).toMatchObject({ region: { code: '140700', name: '晋中市' }, chapterCount: 3, isDemo: false });
      const plans = (await app.inject('/api/plans')).json().items;
      expect(plans.map((p: { id: number }) => p.id)).toContain(body.plan.id);
      const again = await app.inject(
        multipart(
          '/api/plans/import',
          { regionCode: '140700', periodStart: '2021', periodEnd: '2025' },
          {
            name: 'again.txt',
            bytes: smallPlanGbk,
          },
        ),
      );
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('PLAN_EXISTS');
    });

    it.each([
      ['empty', new Uint8Array(0), 400, 'UPLOAD_EMPTY'],
      ['binary', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), 422, 'BINARY_CONTENT'],
      ['no outline', new TextEncoder().encode('这是一篇新闻，没有章节。\n'), 422, 'NO_OUTLINE'],
      ['100 MB', new Uint8Array(100 * 1024 * 1024).fill(0x61), 413, 'UPLOAD_TOO_LARGE'],
    ] as const)(
      'refuses a bad upload (%s) with a bilingual error and stores nothing',
      async (_n, bytes, status, code) => {
        const before = await counts();
        const res = await app.inject(
          multipart(
            '/api/plans/import',
            { regionCode: '140800', periodStart: '2021', periodEnd: '2025' },
            {
              name: 'bad.txt',
              bytes,
            },
          ),
        );
        expect(res.statusCode).toBe(status);
        const err = res.json().error;
        expect(err.code).toBe(code);
        expect(err.messageZh).toMatch(/[\u4e00-\u9fff]/);
        expect(err.messageEn).toMatch(/[a-z]/);
        expect(await counts()).toEqual(before);
      },
    );

    it('validates fields and ids with clear errors', async () => {
      const badPeriod = await app.inject(
        multipart(
          '/api/plans/import',
          { regionCode: '140800', periodStart: '2025', periodEnd: '2021' },
          {
            name: 'p.txt',
            bytes: smallPlanGbk,
          },
        ),
      );
      expect(badPeriod.statusCode).toBe(400);
      expect(badPeriod.json().error.code).toBe('VALIDATION_FAILED');
      const badRegion = await app.inject(
        multipart(
          '/api/plans/import',
          { regionCode: '999999', periodStart: '2021', periodEnd: '2025' },
          {
            name: 'p2.txt',
            bytes: new TextEncoder().encode('第一章 总则\n\n正文内容。\n'),
          },
        ),
      );
      expect(badRegion.statusCode).toBe(404);
      expect(badRegion.json().error.code).toBe('REGION_NOT_FOUND');
      expect((await app.inject('/api/plans/9999')).statusCode).toBe(404);
      expect((await app.inject('/api/plans/abc')).json().error.code).toBe('VALIDATION_FAILED');
      expect((await app.inject('/api/nothing-here')).json().error.code).toBe('NOT_FOUND');
    });

    it('creates a plan from an uploaded document', async () => {
      const up = await app.inject(
        multipart(
          '/api/documents',
          {},
          { name: 'doc.txt', bytes: new TextEncoder().encode('第一章 总则\n\n正文。\n\n第一节 目标\n\n内容。\n') },
        ),
      );
      expect(up.statusCode).toBe(201);
      const doc = up.json().document;
      expect(doc.chars).toBeGreaterThan(10);
      const res = await app.inject({
        method: 'POST',
        url: '/api/plans',
        payload: { documentId: doc.id, regionCode: '140802', periodStart: 2021, periodEnd: 2025 },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().plan).toMatchObject({
        region: { name: '盐湖区' },
        chapterCount: 1,
        title: '盐湖区2021—2025年规划',
      });
    });

    it('describes itself in OpenAPI', async () => {
      const spec = (await app.inject('/api/docs/json')).json();
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining([
          '/api/health',
          '/api/regions',
          '/api/plans',
          '/api/plans/import',
          '/api/plans/{id}/outline',
        ]),
      );
    });

    async function counts() {
      const plans = (await app.inject('/api/plans')).json().items.length as number;
      const rows = await started.ctx.database.db.execute('select count(*)::int as n from documents');
      const docs = Number((rows as unknown as { rows: Array<{ n: number }> }).rows[0]?.n);
      return { plans, docs };
    }
  });
}

describe('restart on a data directory', () => {
  it('keeps the data and loads the demo once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lantu-restart-'));
    try {
      const settings = { databaseUrl: undefined, dataDir: dir, maxUploadBytes: MAX_UPLOAD, loadDemo: true };
      const first = await startServices(settings);
      expect(first.demo?.loaded).toBe(true);
      await first.database.close();
      const second = await startServices(settings);
      expect(second.demo).toEqual({ loaded: false });
      expect(await second.ctx.repos.plans.list()).toHaveLength(1);
      await second.database.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('demo news documents', () => {
  it('are stored with their repairs, and seed 002 shows its damaged spans', async () => {
    const started = await startServices({
      databaseUrl: undefined,
      dataDir: 'memory://',
      maxUploadBytes: MAX_UPLOAD,
      loadDemo: true,
    });
    try {
      const app = await buildApp({ ctx: started.ctx, maxUploadBytes: MAX_UPLOAD });
      const docs = (await app.inject('/api/documents')).json().items as Array<{
        id: number;
        fileName: string;
        repairs: Array<{ kind: string }>;
      }>;
      expect(docs.map((d) => d.fileName).filter((n) => n.startsWith('00'))).toHaveLength(4);
      const tour = docs.find((d) => d.fileName.startsWith('002'))!;
      expect(tour.repairs.map((r) => r.kind)).toEqual(
        expect.arrayContaining(['traditional_to_simplified', 'pinyin_annotation']),
      );
      const reading = (await app.inject(`/api/documents/${tour.id}/text`)).json();
      expect(reading.damaged.length).toBeGreaterThanOrEqual(4);
      for (const span of reading.damaged) expect(span.end).toBeGreaterThan(span.start);
      expect(reading.text).toContain('创新');
      expect(reading.text).not.toContain('chuàng');
      await app.close();
    } finally {
      await started.database.close();
    }
  });
});
