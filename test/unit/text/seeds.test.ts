import { describe, expect, it } from 'vitest';
import { extractOutline, flattenOutline } from '../../../src/extract/outline.ts';
import { mapToOriginal } from '../../../src/text/traced.ts';
import type { NormalizedDocument, Span } from '../../../src/text/types.ts';
import { normalizedSeed, repair, SEEDS, seedText } from './seeds.ts';

const inside = (spans: Span[], offset: number) => spans.some((s) => s.start <= offset && offset < s.end);

describe('the 运城 plan (UTF-8 seed)', () => {
  it('is read as UTF-8 text with full confidence and no mojibake or pinyin repairs', async () => {
    const doc = await normalizedSeed(SEEDS.plan);
    expect(doc.format).toBe('txt');
    expect(doc.encoding).toBe('utf-8');
    expect(doc.encodingConfidence).toBeGreaterThanOrEqual(0.99);
    expect(doc.originalText).toBe(seedText(SEEDS.plan));
    const kinds = doc.repairs.map((r) => r.kind);
    for (const k of ['mojibake', 'mojibake_damaged', 'pinyin_annotation', 'repeated_block'])
      expect(kinds).not.toContain(k);
    expect(doc.damaged).toEqual([]);
  });

  it('keeps the outline: 12 chapters, boxes 专栏1–23 on their own lines', async () => {
    const doc = await normalizedSeed(SEEDS.plan);
    const outline = extractOutline(doc.text);
    expect(outline.map((c) => c.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(outline[0]?.title).toBe('全面建成小康社会 增强开新局的战略定力');
    const boxes = flattenOutline(outline).filter((n) => n.kind === 'box');
    expect(boxes.map((b) => b.ordinal)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(outline[1]?.children.filter((n) => n.kind === 'section').map((s) => s.title)).toEqual([
      '指导思想',
      '基本原则',
      '战略定位',
      '发展目标',
      '发展布局',
    ]);
  });

  it('keeps the indicator tables as the tab-separated lines of the seed, and lists them', async () => {
    const doc = await normalizedSeed(SEEDS.plan);
    const seedTableLines = seedText(SEEDS.plan)
      .split('\n')
      .filter((l) => l.includes('\t'));
    const textLines = new Set(doc.text.split('\n'));
    const kept = seedTableLines.filter((l) => textLines.has(l.replace(/\r$/, '')));
    // Only the number-spacing repair may touch a table line, and it does not: every line survives.
    expect(kept.length).toBe(seedTableLines.length);
    expect(doc.tables.length).toBeGreaterThanOrEqual(4);
    const box1 = doc.tables.find((t) => t.rows.some((r) => r.includes('地区生产总值(%)')));
    expect(box1?.rows.find((r) => r.includes('地区生产总值(%)'))).toEqual(
      expect.arrayContaining(['1', '地区生产总值(%)', '1174', '5.8']),
    );
    for (const t of doc.tables) {
      expect(doc.text.slice(t.start, t.end)).toBe(t.rows.map((r) => r.join('\t')).join('\n'));
    }
  });

  it('joins sentences cut by a page break and never joins a heading', async () => {
    const doc = await normalizedSeed(SEEDS.plan);
    expect(doc.text).toContain('推动运城开发区、盐湖高新技术开发区');
    expect(repair(doc, 'broken_line_joined')?.count).toBeGreaterThan(50);
    for (const line of doc.text.split('\n')) {
      // A heading followed by body text on the same line would be a join across a heading.
      expect(line).not.toMatch(/^第[一二三四五六七八九十]+[章节]\s.{0,40}[。；].{20}/);
    }
  });

  it('removes the space inside quantities outside tables (`2035 年` → `2035年`)', async () => {
    const doc = await normalizedSeed(SEEDS.plan);
    expect(repair(doc, 'number_spacing')?.count).toBeGreaterThan(50);
    expect(doc.text).not.toMatch(/\d [万亿年]/);
  });
});

describe('seed 000: a newspaper page with a repeated article', () => {
  it('keeps one copy of the repeated paragraphs and reports the dropped ones', async () => {
    const doc = await normalizedSeed(SEEDS.news000);
    const dropped = repair(doc, 'repeated_block');
    // 11 exact repeats and the truncated copy of the opening paragraph (`要的自然。尊重自然…`).
    expect(dropped?.count).toBe(12);
    expect(dropped?.examples[0]).toMatch(/^要的自然。尊重自然/);
    const count = (s: string) => doc.text.split(s).length - 1;
    expect(count('统筹推进“大治理”与污染防治“攻坚战”，筑牢高质量发展的基础支撑')).toBe(1);
    expect(count('其次，坚决打好污染防治攻坚战。')).toBe(1);
    // A byline shared by two different articles is not a copy: the essay keeps its own.
    expect(count('（作者单位：市委党校）')).toBe(2);
    // The truncated copy goes although it is not an exact repeat; the first copy stays whole.
    expect(doc.text).not.toContain('要的自然');
    expect(count('大自然是人类赖以生存发展的基本条件')).toBe(1);
    // The essay after the copy is untouched.
    expect(count('用运城精神照亮奋进之路')).toBe(1);
  });

  it('mends `规划纲` / `要的延伸` but not a paragraph followed by the next article title', async () => {
    const doc = await normalizedSeed(SEEDS.news000);
    expect(doc.text).toContain('是对“十四五”规划纲要的延伸拓展');
    expect(doc.text).toMatch(/产业集群化规模化\n\n用运城精神照亮奋进之路/);
  });

  it('marks the 本版责编/美编/校对 credit lines as furniture', async () => {
    const doc = await normalizedSeed(SEEDS.news000);
    const furniture = doc.furniture.map((s) => doc.text.slice(s.start, s.end));
    expect(furniture).toEqual(['本版责编 曹欣怡 美编 冯潇楠', '校对 李静坤']);
  });
});

describe('seed 001: simplified news', () => {
  it('comes through with its numbers intact and almost nothing to repair', async () => {
    const doc = await normalizedSeed(SEEDS.news001);
    expect(doc.encoding).toBe('utf-8');
    expect(doc.damaged).toEqual([]);
    expect(doc.text).toContain('14.13亿元');
    expect(repair(doc, 'traditional_to_simplified')).toBeUndefined();
  });
});

describe('seed 002: Traditional, pinyin annotations, mojibake', () => {
  it('removes pinyin annotations, and only those', async () => {
    const doc = await normalizedSeed(SEEDS.news002);
    expect(doc.text).not.toMatch(/[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]/);
    expect(repair(doc, 'pinyin_annotation')?.count).toBeGreaterThan(300);
    expect(doc.text).toContain('奋力赶超创新');
    expect(doc.text).toContain('大家谈(二)');
    expect(doc.text).toContain('黄河流域(永济段)');
  });

  it('converts to simplified Chinese and keeps the Traditional original', async () => {
    const doc = await normalizedSeed(SEEDS.news002);
    expect(doc.text).toContain('我市组团赴西安杨凌武汉学习考察大家谈');
    expect(doc.text).toContain('共签约项目23个,总投资134.66亿元');
    expect(doc.originalText).toContain('我市組團赴西安楊凌武漢學習考察大家談');
    expect(repair(doc, 'traditional_to_simplified')?.count).toBeGreaterThan(1000);
  });

  it('repairs or marks damaged every mojibake span; none passes as clean text', async () => {
    const doc = await normalizedSeed(SEEDS.news002);
    for (const span of ['確?!耙汇逅朦S河”', '局??疾鞂W習', '當?shù)仄髽I(yè)', '舉措??疾鞎r間']) {
      const o = doc.originalText.indexOf(span);
      expect(o, span).toBeGreaterThan(0);
      // Every normalised character that comes from inside the garbled bytes is in a damaged span.
      const q = o + span.indexOf('?');
      const fromSpan = normalisedOffsetsFrom(doc, q, q + 3);
      expect(fromSpan.length, span).toBeGreaterThan(0);
      for (const n of fromSpan) expect(inside(doc.damaged, n), `${span} @${n}`).toBe(true);
    }
    expect(repair(doc, 'mojibake_damaged')?.count).toBe(4);
    // Where the bytes re-align cleanly the reading is shown, with the lost character marked.
    expect(doc.text).toContain('\ufffd察学习结束后');
    expect(doc.text).toContain('当\ufffd企业和干部');
    expect(doc.text).toContain('\ufffd察时间虽短');
    // Where they do not, the garbled characters stay visible (and damaged), no guess is shown.
    expect(doc.text).toContain('耙汇逅朦');
  });
});

describe('seed 003: web article with scraper leftovers', () => {
  it('marks the `ad1 webp` lines as furniture, not body text', async () => {
    const doc = await normalizedSeed(SEEDS.news003);
    const furniture = doc.furniture.map((s) => doc.text.slice(s.start, s.end));
    expect(furniture).toEqual(['ad1 webp', 'ad2 webp', 'ad1 webp', 'ad2 webp']);
    expect(inside(doc.furniture, doc.text.indexOf('563'))).toBe(false);
  });
});

/** Normalised offsets whose origin falls in [from, to) of the original. */
function normalisedOffsetsFrom(doc: NormalizedDocument, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < doc.text.length; i++) {
    const o = mapToOriginal(doc.offsetMap, i);
    if (o >= from && o < to) out.push(i);
  }
  return out;
}
