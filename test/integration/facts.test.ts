import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { checkTargetAvailability, databaseTargets } from '../helpers/db.ts';
import { multipart } from '../helpers/multipart.ts';

interface FactReply {
  id: string;
  subject: string;
  value: number;
  unit: string;
  kind: string;
  period: { code: string; valuePeriod: string | null } | null;
  region: { code: string } | null;
  sentence: { start: number; end: number; text: string };
  number: { start: number; end: number; text: string };
  match: {
    indicatorId: number;
    indicatorName: string;
    usable: boolean;
    value: number | null;
    blockers: Array<{ code: string; zh: string }>;
  } | null;
}

interface Evidence {
  documentId: number;
  start: number;
  end: number;
  text: string;
  number?: { start: number; end: number; text: string };
  rule: string;
}

for (const target of databaseTargets) {
  describe.skipIf(!checkTargetAvailability(target))(`facts from news and reports on ${target.name}`, () => {
    let started: Started;
    let app: FastifyInstance;
    let drop: () => Promise<void>;
    const planId = 1;
    const docId = new Map<string, number>();

    beforeAll(async () => {
      const db = await target.create();
      drop = db.drop;
      started = await startServices({ ...db, maxUploadBytes: 10 * 1024 * 1024, loadDemo: true });
      app = await buildApp({ ctx: started.ctx, maxUploadBytes: 10 * 1024 * 1024 });
      for (const d of (await app.inject('/api/documents')).json().items as Array<{ id: number; fileName: string }>) {
        docId.set(d.fileName.slice(0, 3), d.id);
      }
    }, 240_000); // the demo load, on a machine shared with other suites
    afterAll(async () => {
      await app?.close();
      await started?.database.close();
      await drop?.();
    });

    const textOf = async (id: number) => (await app.inject(`/api/documents/${id}/text`)).json().text as string;
    const factsOf = async (id: number): Promise<FactReply[]> => {
      const res = await app.inject(`/api/documents/${id}/facts?plan=${planId}`);
      expect(res.statusCode).toBe(200);
      return res.json().facts;
    };
    const planValues = async () =>
      (await started.ctx.repos.values.listByPlan(planId)).map((v) => ({
        ...v,
        evidence: v.evidence as unknown as Evidence | null,
      }));

    it('demo values keep real figures: the plan base values and any usable news fact, with evidence', async () => {
      const values = await planValues();
      const real = values.filter((v) => v.evidence && !v.isDemo);
      const plan = await started.ctx.repos.plans.get(planId);
      const base = real.filter((v) => v.evidence?.rule === 'plan.baseline');
      expect(base.length).toBeGreaterThanOrEqual(20);
      const planText = await textOf(plan?.documentId as number);
      for (const v of base) {
        const e = v.evidence as Evidence;
        expect(v).toMatchObject({ period: '2020', regionCode: '140800', state: 'approved' });
        expect(planText.slice(e.start, e.end)).toBe(e.text);
        expect(e.number && planText.slice(e.number.start, e.number.end)).toBe(String(v.value));
      }
      const gdp = (await started.ctx.repos.indicators.listByPlan(planId)).find((i) =>
        i.name.startsWith('地区生产总值'),
      );
      expect(base.find((v) => v.indicatorId === gdp?.id)?.value).toBe(5.2);

      // Every usable match of a news fact became a value pointing into that news document, and nothing else did.
      const usable: Array<{ doc: number; f: FactReply }> = [];
      for (const key of ['000', '001', '002', '003']) {
        const id = docId.get(key) as number;
        for (const f of await factsOf(id)) if (f.match?.usable) usable.push({ doc: id, f });
      }
      const fromNews = real.filter((v) => v.evidence?.rule === 'fact.matched');
      expect(fromNews).toHaveLength(usable.length);
      for (const v of fromNews) {
        const e = v.evidence as Evidence;
        expect((await textOf(e.documentId)).slice(e.start, e.end)).toContain(e.number?.text);
      }
      // The rest stays generated and labelled.
      expect(values.filter((v) => v.isDemo).every((v) => v.note?.includes('示例数据') && !v.evidence)).toBe(true);
    });

    it('lists the facts of a news piece with offsets into its stored text, and why they are no values', async () => {
      const id = docId.get('000') as number;
      const text = await textOf(id);
      const facts = await factsOf(id);
      expect(facts.length).toBeGreaterThan(20);
      for (const f of facts) {
        expect(text.slice(f.number.start, f.number.end)).toBe(f.number.text);
        expect(text.slice(f.sentence.start, f.sentence.end)).toContain(f.number.text);
      }
      const firms = facts.find((f) => f.value === 261)!;
      expect(firms).toMatchObject({ unit: '户', period: { code: '2023Q3' }, region: { code: '140800' } });
      expect(firms.match?.indicatorName).toBe('规上工业企业数量');
      expect(firms.match?.usable).toBe(false);
      expect(firms.match?.blockers.map((b) => b.code)).toContain('CONTRADICTS_BASELINE');
      // 002 states no year: the demo stored its publication year, so 8月8日 resolves.
      const signed = (await factsOf(docId.get('002') as number)).find((f) => f.value === 134.66);
      expect(signed).toMatchObject({ unit: '亿元', period: { code: '2023-08-08', valuePeriod: '2023-08' } });
      const dated = await app.inject(`/api/documents/${docId.get('002')}/facts?plan=${planId}&date=2022-09`);
      expect(dated.json().facts.find((f: FactReply) => f.value === 134.66).period.code).toBe('2022-08-08');
      const badDate = await app.inject(`/api/documents/${docId.get('002')}/facts?date=22`);
      expect(badDate.statusCode).toBe(400);
      const missing = await app.inject(`/api/documents/999/facts?plan=${planId}`);
      expect(missing.statusCode).toBe(404);
      expect((await app.inject(`/api/documents/${id}/facts?plan=999`)).json().error.code).toBe('NOT_FOUND');
    });

    it('accepts a fact as a submitted value with its evidence, replacing the demo value, then reviews it', async () => {
      const bulletin = '运城市统计局 数据发布\n\n2023年，全市地区生产总值增长5.6%，森林覆盖率达到30.26%。\n';
      const up = await app.inject(
        multipart('/api/documents', {}, { name: 'bulletin-2023.txt', bytes: new TextEncoder().encode(bulletin) }),
      );
      expect(up.statusCode).toBe(201);
      const id = up.json().document.id as number;
      const facts = await factsOf(id);
      const growth = facts.find((f) => f.value === 5.6)!;
      expect(growth.match).toMatchObject({ indicatorName: '地区生产总值（GDP）增长率', usable: true, value: 5.6 });
      const before = (await planValues()).find(
        (v) => v.indicatorId === growth.match?.indicatorId && v.regionCode === '140800' && v.period === '2023',
      );
      expect(before?.isDemo).toBe(true);

      const res = await app.inject({
        method: 'POST',
        url: `/api/documents/${id}/facts/${growth.id}/accept`,
        payload: { plan: planId },
      });
      expect(res.statusCode).toBe(201);
      const v = res.json().value;
      expect(v).toMatchObject({ value: 5.6, period: '2023', regionCode: '140800', state: 'submitted', isDemo: false });
      expect(v.evidence).toMatchObject({ documentId: id, rule: 'fact.accepted', number: { text: '5.6%' } });
      expect((await textOf(id)).slice(v.evidence.start, v.evidence.end)).toContain('5.6%');
      const history = await started.ctx.repos.audit.list('indicator_value', String(v.id));
      expect(history.map((h) => h.action)).toEqual(['accept_fact', 'update']);

      const approved = await app.inject({
        method: 'POST',
        url: `/api/values/${v.id}/approve`,
        payload: { version: v.version },
      });
      expect(approved.json().value).toMatchObject({ state: 'approved' });

      // Now a person's value is there: accepting again needs its version.
      const again = await app.inject({
        method: 'POST',
        url: `/api/documents/${id}/facts/${growth.id}/accept`,
        payload: { plan: planId },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('STALE_VERSION');
    });

    it('refuses a target, a fact without a period and one of another city, and writes nothing', async () => {
      const count = (await planValues()).length;
      const f001 = await factsOf(docId.get('001') as number);
      const target = f001.find((f) => f.value === 50)!;
      const r1 = await app.inject({
        method: 'POST',
        url: `/api/documents/${docId.get('001')}/facts/${target.id}/accept`,
        payload: { plan: planId, indicatorId: 1 },
      });
      expect(r1.statusCode).toBe(422);
      expect(r1.json().error).toMatchObject({ code: 'FACT_NOT_ACCEPTABLE' });
      expect(r1.json().error.messageZh).toContain('目标');

      const f000 = await factsOf(docId.get('000') as number);
      const base5g = f000.find((f) => f.unit === '座')!;
      const r2 = await app.inject({
        method: 'POST',
        url: `/api/documents/${docId.get('000')}/facts/${base5g.id}/accept`,
        payload: { plan: planId, indicatorId: 13 },
      });
      expect(r2.statusCode).toBe(422);
      expect(r2.json().error.messageEn).toMatch(/period/);

      const f003 = await factsOf(docId.get('003') as number);
      const jz = f003.find((f) => f.value === 563)!;
      const r3 = await app.inject({
        method: 'POST',
        url: `/api/documents/${docId.get('003')}/facts/${jz.id}/accept`,
        payload: { plan: planId, indicatorId: 5, period: '2024' },
      });
      expect(r3.statusCode).toBe(422);
      expect(r3.json().error.messageZh).toContain('晋中市');

      const r4 = await app.inject({
        method: 'POST',
        url: `/api/documents/${docId.get('003')}/facts/1/accept`,
        payload: { plan: planId },
      });
      expect(r4.statusCode).toBe(404);
      expect((await planValues()).length).toBe(count);
    });

    it('a value’s document evidence must point at real, undamaged text; the server quotes it', async () => {
      const doc = docId.get('000') as number;
      const text = await textOf(doc);
      const quote = '全市签约项目301个，总投资2335.44亿元';
      const start = text.indexOf(quote);
      expect(start).toBeGreaterThan(0);
      const indicator = (await started.ctx.repos.indicators.listByPlan(planId))[0]!;
      const post = (evidence: Record<string, unknown>) =>
        app.inject({
          method: 'POST',
          url: `/api/indicators/${indicator.id}/values`,
          payload: { regionCode: '140800', period: '2022', value: 2335.44, note: '新闻稿所载签约总投资', evidence },
        });
      const count = (await planValues()).length;
      // a client's own quote is replaced by the document's text at the offsets
      const ok = await post({
        documentId: doc,
        start,
        end: start + quote.length,
        text: '别的文字',
        rule: 'document.selection',
      });
      expect(ok.json().error?.messageZh).toBeUndefined();
      expect(ok.statusCode).toBe(200);
      expect(ok.json().value.evidence).toEqual({
        documentId: doc,
        start,
        end: start + quote.length,
        text: quote,
        rule: 'document.selection',
      });
      for (const [bad, zh] of [
        [{ documentId: 99_999, start: 0, end: 4 }, '依据文档“99999”不存在'],
        [{ documentId: doc, start: 10, end: text.length + 5 }, `不在文档正文（共 ${text.length} 字）之内`],
        [{ documentId: doc, start: 20, end: 10 }, '不在文档正文'],
        [{ documentId: doc, start: '0', end: 4 }, '不在文档正文'],
      ] as const) {
        const res = await post(bad);
        expect(res.statusCode).toBe(422);
        expect(res.json().error.code).toBe('VALUE_INVALID');
        expect(res.json().error.messageZh).toContain(zh);
        expect(res.json().error.data.errors[0].field).toBe('evidence');
      }
      // the Traditional piece keeps spans it could not repair: they are no evidence
      const damaged = (await app.inject(`/api/documents/${docId.get('002')}/text`)).json().damaged as Array<{
        start: number;
        end: number;
      }>;
      expect(damaged.length).toBeGreaterThan(0);
      const onDamage = await post({ documentId: docId.get('002'), start: damaged[0]!.start, end: damaged[0]!.end });
      expect(onDamage.statusCode).toBe(422);
      expect(onDamage.json().error.messageEn).toContain('could not be repaired');
      // nothing refused was written: the one saved value (over the demo's) still carries the good evidence
      const stored = (await planValues()).filter((v) => v.indicatorId === indicator.id && v.period === '2022');
      expect(stored.find((v) => v.regionCode === '140800')?.evidence?.text).toBe(quote);
      expect((await planValues()).length).toBe(count);
    });
  });
}
