import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGION_SEED } from '../../../src/db/regions.seed.ts';
import { locateFigure, preferStated } from '../../../src/domain/indicators/demo-values.ts';
import { indicatorsFromTables } from '../../../src/domain/indicators/from-extraction.ts';
import { extractFacts, type Fact } from '../../../src/extract/facts.ts';
import { type MatchIndicator, matchFacts, nameSimilarity, unitFactor } from '../../../src/extract/facts-match.ts';
import { extractPlan } from '../../../src/extract/index.ts';
import { normalizeDocument } from '../../../src/text/normalize.ts';
import type { NormalizedDocument } from '../../../src/text/types.ts';

interface Gold {
  document: string;
  start: number;
  number: string;
  value: number;
  unit: string;
  kind: 'actual' | 'target';
  period: string | null;
  region: string | null;
  subject: string;
}

const NEWS = new URL('../../../samples/news/', import.meta.url);
const gold = (
  JSON.parse(readFileSync(new URL('../../fixtures/facts/news-facts.json', import.meta.url), 'utf8')) as {
    facts: Gold[];
  }
).facts;
/** 002 never states its year; the demo (and this test) give the month the study tour took place. */
const DATES: Record<string, string> = { '002-study-tour-part2-traditional.txt': '2023' };

const docs = new Map<string, NormalizedDocument>();
const facts = new Map<string, Fact[]>();

beforeAll(async () => {
  for (const name of readdirSync(NEWS).filter((n) => n.endsWith('.txt'))) {
    const bytes = new Uint8Array(readFileSync(new URL(name, NEWS)));
    const doc = await normalizeDocument({ bytes, fileName: name });
    docs.set(name, doc);
    const r = extractFacts(doc.text, {
      regions: REGION_SEED,
      damaged: doc.damaged,
      furniture: doc.furniture,
      documentDate: DATES[name],
    });
    facts.set(name, r.facts);
  }
});

const plan = { start: 2021, end: 2025 };
const planText = readFileSync(new URL('../../../samples/yuncheng-14th-five-year-plan.txt', import.meta.url), 'utf8');
const indicators: MatchIndicator[] = indicatorsFromTables(extractPlan({ text: planText }).indicatorTables, plan).map(
  (d, i) => ({ id: i + 1, name: d.name, unit: d.unit, frequency: 'year', baseline: d.baseline }),
);
const yuncheng = {
  regionCode: '140800',
  regionCodes: REGION_SEED.filter((r) => r.code === '140800' || r.parentCode === '140800').map((r) => r.code),
  ...plan,
};

describe('facts in the four news samples, against hand-checked fixtures', () => {
  it('finds the stated figures with high precision and recall', () => {
    const found = [...facts].flatMap(([doc, fs]) => fs.map((f) => `${doc}@${f.number.start}`));
    const expected = new Set(gold.map((g) => `${g.document}@${g.start}`));
    const tp = found.filter((k) => expected.has(k)).length;
    const precision = tp / found.length;
    const recall = tp / expected.size;
    console.info(`facts: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${tp}/${expected.size})`);
    expect(expected.size).toBeGreaterThan(50);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('reads value, unit, kind, period, region and subject right for nearly all of them', () => {
    const scores = { value: 0, kind: 0, period: 0, region: 0, subject: 0, n: 0 };
    const misses: string[] = [];
    for (const g of gold) {
      const f = facts.get(g.document)?.find((x) => x.number.start === g.start);
      if (!f) continue;
      scores.n++;
      const ok = {
        value: f.value === g.value && f.unit === g.unit,
        kind: f.kind === g.kind,
        period: (f.period?.code ?? null) === g.period,
        region: (f.region?.code ?? null) === g.region,
        subject: f.subject.includes(g.subject),
      };
      for (const k of Object.keys(ok) as Array<keyof typeof ok>) {
        if (ok[k]) scores[k]++;
        else misses.push(`${k}: ${g.document}@${g.start} ${g.number}`);
      }
    }
    const rate = (k: keyof typeof scores) => scores[k] / scores.n;
    console.info(
      `facts: value ${rate('value').toFixed(3)}, kind ${rate('kind').toFixed(3)}, period ${rate('period').toFixed(3)}, region ${rate('region').toFixed(3)}, subject ${rate('subject').toFixed(3)}; misses: ${misses.join(' | ')}`,
    );
    expect(rate('value')).toBe(1);
    expect(rate('kind')).toBeGreaterThanOrEqual(0.95);
    expect(rate('period')).toBeGreaterThanOrEqual(0.95);
    expect(rate('region')).toBeGreaterThanOrEqual(0.9);
    expect(rate('subject')).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps offsets into the normalised text: the sentence holds the number, the number holds the value', () => {
    for (const [name, fs] of facts) {
      const text = docs.get(name)?.text ?? '';
      for (const f of fs) {
        expect(text.slice(f.sentence.start, f.sentence.end)).toBe(f.sentence.text);
        expect(text.slice(f.number.start, f.number.end)).toBe(f.number.text);
        expect(f.sentence.start <= f.number.start && f.number.end <= f.sentence.end).toBe(true);
        expect(f.number.text.replace(/,/g, '')).toContain(String(f.value));
      }
    }
  });

  it('reads 由2020年的106户增加到261户 as two dated values and a growth, 去年上半年 against the document year', () => {
    const fs = facts.get('000-yuncheng-daily-green-development.txt') ?? [];
    const from = fs.find((f) => f.value === 106)!;
    const to = fs.find((f) => f.value === 261)!;
    expect(from).toMatchObject({ unit: '户', period: { code: '2020' }, region: { code: '140800' } });
    expect(to).toMatchObject({ period: { code: '2023Q3', valuePeriod: '2023Q3', toDate: true }, fromFactId: from.id });
    expect(to.subject).toBe('战略性新兴产业企业数量');
    expect(fs.find((f) => f.value === 146.2)).toMatchObject({
      measure: 'growth',
      unit: '%',
      period: { code: '2023Q3' },
    });
    expect(fs.find((f) => f.value === 2335.44)).toMatchObject({
      unit: '亿元',
      subject: '签约项目总投资',
      period: { code: '2023H1', valuePeriod: null, basis: 'relative' },
    });
    expect(fs.find((f) => f.value === 86)).toMatchObject({ unit: '%', period: { code: '2023H1' } });
  });

  it('tells a promise from a result, and resolves counties, speakers and another city', () => {
    const f001 = facts.get('001-study-tour-part4.txt') ?? [];
    expect(f001.find((f) => f.value === 50)).toMatchObject({
      kind: 'target',
      comparator: '>=',
      subject: '新能源装机占比',
      period: { code: '2023' },
    });
    expect(f001.find((f) => f.value === 60)?.region).toMatchObject({ code: '140824', basis: 'heading' });
    const f000 = facts.get('000-yuncheng-daily-green-development.txt') ?? [];
    expect(f000.find((f) => f.value === 30)?.region).toMatchObject({ code: '140830', basis: 'stated' });
    const f003 = facts.get('003-jinzhong-economic-work-2025.txt') ?? [];
    expect(f003.every((f) => f.region?.code === '140700')).toBe(true);
    expect(f003.find((f) => f.value === 10 && f.unit === '户')).toMatchObject({
      kind: 'target',
      period: { code: '2025' },
    });
  });

  it('reads nothing out of the damaged spans of the Traditional Chinese piece, and needs its date for 8月8日', async () => {
    const doc = docs.get('002-study-tour-part2-traditional.txt')!;
    expect(doc.damaged.length).toBeGreaterThan(0);
    for (const f of facts.get('002-study-tour-part2-traditional.txt') ?? []) {
      expect(doc.damaged.some((d) => d.start < f.number.end && f.number.start < d.end)).toBe(false);
    }
    const undated = extractFacts(doc.text, { regions: REGION_SEED, damaged: doc.damaged });
    expect(undated.documentDate).toBeNull();
    expect(undated.facts.find((f) => f.value === 134.66)?.period).toBeNull();
    expect(facts.get('002-study-tour-part2-traditional.txt')?.find((f) => f.value === 134.66)?.period).toMatchObject({
      code: '2023-08-08',
      valuePeriod: '2023-08',
      basis: 'relative',
    });
  });
});

/**
 * A second, smaller gold set: every figure of the plan's review of the 13th plan (第一节 “十三五” 发展成就,
 * from 综合实力迈上更高台阶 to the end of the ecology paragraph), read by hand: [digits, kind, period].
 * Not figures: PM_{10}, PM_{2.5}, NO_2, SO_2 (formulas), 100 强 (a ranking), “…71 个建制镇” and “城建 111
 * 工程” (names in quotes), and the years.
 */
const REVIEW_GOLD: Array<[string, 'actual' | 'target', string | null]> = [
  ['1643.6', 'actual', '2020'],
  ['5.8', 'actual', '2020'],
  ['710.8', 'actual', null],
  ['5', 'actual', null],
  ['90', 'actual', null],
  ['9.8', 'actual', null],
  ['468.4', 'actual', null],
  ['5', 'actual', null],
  ['8718', 'actual', '2015'],
  ['12947', 'actual', '2020'],
  ['48.5', 'actual', '2020'],
  ['49', 'actual', null],
  ['1515', 'actual', null],
  ['3010', 'actual', null],
  ['100', 'actual', null],
  ['11.7', 'actual', null],
  ['100', 'actual', null],
  ['27.4', 'actual', null],
  ['4', 'actual', null],
  ['325', 'actual', null],
  ['20', 'actual', null],
  ['68', 'actual', null],
  ['5', 'actual', null],
  ['5.08', 'actual', null],
  ['1.61', 'actual', null],
  ['248', 'actual', '2019'],
  ['0.6', 'actual', '2019'],
  ['708', 'actual', null],
  ['16067', 'actual', null],
  ['41', 'actual', null],
  ['146', 'actual', null],
  ['545', 'actual', null],
  ['3521.2', 'actual', null],
  ['32728', 'actual', '2020'],
  ['8679', 'actual', '2020'],
  ['28', 'actual', null],
  ['4.5', 'actual', null],
  ['628', 'actual', null],
  ['439', 'actual', null],
  ['137', 'actual', null],
  ['33', 'actual', null],
  ['2', 'actual', null],
  ['4', 'actual', null],
  ['4', 'actual', null],
  ['3.3', 'actual', null],
  ['4.76', 'actual', null],
  ['4.26', 'actual', null],
  ['6.56', 'actual', null],
  ['3.7', 'actual', null],
  ['74', 'actual', null],
  ['42.11', 'actual', null],
  ['60', 'actual', null],
];

describe('facts in the plan’s review of the 13th plan, against a hand-read list', () => {
  it('finds them with their kind and period', async () => {
    const doc = await normalizeDocument({
      bytes: new Uint8Array(
        readFileSync(new URL('../../../samples/yuncheng-14th-five-year-plan.txt', import.meta.url)),
      ),
      fileName: 'plan.txt',
    });
    const from = doc.text.indexOf('综合实力迈上更高台阶');
    const to = doc.text.indexOf('经过五年的努力');
    const found = extractFacts(doc.text, { regions: REGION_SEED }).facts.filter(
      (f) => f.number.start >= from && f.number.start < to,
    );
    // Gold offsets: each figure in order, as a whole number (not part of 2015 or PM_{10}).
    const section = doc.text.slice(from, to);
    const numbers = [...section.matchAll(/(?<![\d._{])\d+(?:\.\d+)?(?![\d.}])/g)];
    let k = 0;
    const gold = REVIEW_GOLD.map(([digits, kind, period]) => {
      while (k < numbers.length && numbers[k]?.[0] !== digits) k++;
      const at = from + (numbers[k]?.index ?? -1);
      k++;
      return { at, kind, period };
    });
    expect(gold.every((g) => g.at >= from)).toBe(true);
    const byStart = new Map(found.map((f) => [f.number.start, f]));
    const tp = gold.filter((g) => byStart.has(g.at));
    const precision = tp.length / found.length;
    const recall = tp.length / gold.length;
    const kind = tp.filter((g) => byStart.get(g.at)?.kind === g.kind).length / tp.length;
    const period = tp.filter((g) => (byStart.get(g.at)?.period?.code ?? null) === g.period).length / tp.length;
    console.info(
      `plan review facts: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${tp.length}/${gold.length}), kind ${kind.toFixed(3)}, period ${period.toFixed(3)}`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(kind).toBeGreaterThanOrEqual(0.95);
    expect(period).toBeGreaterThanOrEqual(0.95);
  });
});

describe('matching facts to the plan indicators', () => {
  const match = (text: string) => {
    const r = extractFacts(text, { regions: REGION_SEED, cityCode: '140800' });
    return { facts: r.facts, matches: matchFacts(r.facts, indicators, yuncheng) };
  };

  it('folds the synonyms plans and news use', () => {
    expect(nameSimilarity('单位地区生产总值能源消耗降低', '单位GDP能源消耗降低')).toBe(1);
    expect(nameSimilarity('城镇化率', '常住人口城镇化率')).toBeGreaterThanOrEqual(0.9);
    expect(nameSimilarity('服务业增加值占比', '服务业增加值占GDP的比重')).toBeGreaterThan(0.6);
    expect(unitFactor('万元', '亿元')).toBe(1e-4);
    expect(unitFactor('家', '户')).toBe(1);
    expect(unitFactor('座', '%')).toBeNull();
  });

  it('auto-uses no news fact for the 37 indicators: none states one of their values', () => {
    for (const [name, fs] of facts) {
      const ms = matchFacts(fs, indicators, yuncheng);
      expect(
        ms.filter((m) => m.match?.usable),
        name,
      ).toEqual([]);
    }
  });

  it('reads the plan itself as a report: its figures are results of 十三五, no value of the new indicators', () => {
    const { facts: fs } = extractFacts(planText, { regions: REGION_SEED });
    expect(fs.length).toBeGreaterThan(100);
    const ms = matchFacts(fs, indicators, yuncheng);
    expect(ms.filter((m) => m.match?.usable)).toEqual([]);
    const avg = fs.find((f) => f.subject === '地区生产总值' && f.value === 5.8)!;
    expect(avg).toMatchObject({ measure: 'growth', growthBasis: 'average', period: { code: '2020' } });
    const m = ms.find((x) => x.factId === avg.id)?.match;
    expect(m?.indicatorName).toBe('地区生产总值（GDP）增长率');
    expect(m?.blockers.map((b) => b.code)).toEqual(['PERIOD_NOT_STORABLE']);
    expect(fs.find((f) => f.value === 48.5)).toMatchObject({ growthBasis: 'cumulative' });
    expect(fs.find((f) => f.value === 12947)).toMatchObject({ unit: '元', period: { code: '2020' } });
    // Table rows are the table extractors' business.
    expect(fs.some((f) => f.sentence.text.includes('\t'))).toBe(false);
  });

  it('rejects 战略性新兴产业企业数量 as 规上工业企业数量: its 2020 figure contradicts the plan base', () => {
    const fs = facts.get('000-yuncheng-daily-green-development.txt') ?? [];
    const ms = matchFacts(fs, indicators, yuncheng);
    const m = ms.find((x) => x.factId === fs.find((f) => f.value === 261)?.id)?.match;
    expect(m?.indicatorName).toBe('规上工业企业数量');
    expect(m?.usable).toBe(false);
    expect(m?.blockers.map((b) => b.code)).toContain('CONTRADICTS_BASELINE');
    expect(m?.blockers.find((b) => b.code === 'CONTRADICTS_BASELINE')?.zh).toContain('610');
  });

  it('matches a statement of an indicator value with its period, region, unit and reasons', () => {
    const { facts: fs, matches } = match(
      '2023年，全市地区生产总值增长5.2%，森林覆盖率达到30.5%，单位地区生产总值能耗下降3.1%。',
    );
    const byValue = (v: number) => matches.find((m) => m.factId === fs.find((f) => f.value === v)?.id)?.match;
    expect(byValue(5.2)).toMatchObject({
      indicatorName: '地区生产总值（GDP）增长率',
      usable: true,
      value: 5.2,
      period: '2023',
      regionCode: '140800',
    });
    expect(byValue(30.5)).toMatchObject({ indicatorName: '森林覆盖率', usable: true, value: 30.5 });
    expect(byValue(3.1)).toMatchObject({ indicatorName: '单位GDP能源消耗降低', usable: true, value: 3.1 });
    expect(
      byValue(5.2)
        ?.reasons.map((r) => r.zh)
        .join('；'),
    ).toMatch(/名称相似度.*单位一致/);
  });

  it('blocks targets, other cities, undated and approximate figures', () => {
    const target = match('力争2024年全市森林覆盖率达到31%。').matches[0]?.match;
    expect(target?.blockers.map((b) => b.code)).toEqual(['TARGET_NOT_RESULT']);
    const undated = match('全市森林覆盖率达到30.5%。').matches[0]?.match;
    expect(undated?.blockers.map((b) => b.code)).toEqual(['NO_PERIOD']);
    const approx = match('2023年，芮城县森林覆盖率达到30%以上。').matches[0]?.match;
    expect(approx).toMatchObject({ regionCode: '140830', usable: false });
    expect(approx?.blockers.map((b) => b.code)).toEqual(['NOT_EXACT']);
    const jz = facts.get('003-jinzhong-economic-work-2025.txt') ?? [];
    for (const m of matchFacts(jz, indicators, yuncheng)) {
      if (m.match) expect(m.match.blockers.map((b) => b.code)).toContain('REGION_OUTSIDE_PLAN');
    }
  });
});

describe('demo values from stated figures', () => {
  const evidence = { documentId: 1, start: 0, end: 1, text: 'x', rule: 'plan.baseline' };
  it('lets a stated value replace the generated one of the same cell, and the first stated one win', () => {
    const generated = [
      { indicatorId: 1, regionCode: '140800', period: '2023', value: 9 },
      { indicatorId: 1, regionCode: '140800', period: '2024', value: 10 },
    ];
    const r = preferStated(generated, [
      { indicatorId: 1, regionCode: '140800', period: '2023', value: 5.6, note: 'a', evidence },
      { indicatorId: 1, regionCode: '140800', period: '2023', value: 7, note: 'b', evidence },
      { indicatorId: 1, regionCode: '140800', period: '2020', value: 5.2, note: 'c', evidence },
    ]);
    expect(r.replaced).toBe(1);
    expect(r.generated.map((g) => g.period)).toEqual(['2024']);
    expect(r.stated.map((s) => [s.period, s.value])).toEqual([
      ['2023', 5.6],
      ['2020', 5.2],
    ]);
  });

  it('finds the base value in its table row as the plan prints it', () => {
    expect(locateFigure('22\t森林覆盖率（%）\t29.2*\t31.77\t-\t约束性', 29.2)).toEqual({ start: 12, end: 16 });
    expect(locateFigure('5\t规上工业企业数量（户）\t610\t[1300]\t140\t预期性', 610)).toEqual({ start: 14, end: 17 });
    expect(locateFigure('5\t规上工业企业数量（户）\t610\t[1300]\t140\t预期性', 611)).toBeNull();
  });
});
