import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractOutline, flattenOutline } from '../../src/extract/outline.ts';

const plan = readFileSync(new URL('../../samples/yuncheng-14th-five-year-plan.txt', import.meta.url), 'utf8');

describe('extractOutline on the 运城 plan', () => {
  const outline = extractOutline(plan);

  it('finds the 12 chapters once each, in order, skipping the table of contents', () => {
    expect(outline.map((c) => c.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(outline[0]?.number).toBe('第一章');
    expect(outline[0]?.title).toBe('全面建成小康社会 增强开新局的战略定力');
    expect(outline[11]?.number).toBe('第十二章');
  });

  it('nests sections under chapters with their offsets in the text', () => {
    const ch2 = outline[1]!;
    expect(ch2.children.filter((n) => n.kind === 'section').map((s) => s.title)).toEqual([
      '指导思想',
      '基本原则',
      '战略定位',
      '发展目标',
      '发展布局',
    ]);
    for (const s of ch2.children) {
      expect(plan.slice(s.start, s.bodyStart)).toContain(s.title);
      expect(s.start).toBeGreaterThanOrEqual(ch2.start);
      expect(s.end).toBeLessThanOrEqual(ch2.end);
    }
  });

  it('finds boxes 专栏1–23 once each, whether written 专栏1 or 专栏 4', () => {
    const boxes = flattenOutline(outline).filter((n) => n.kind === 'box');
    expect(boxes.map((b) => b.ordinal)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(boxes[3]?.title).toBe('十大产业集群培育重大工程');
  });

  it('does not take a sentence that starts with 第一章 for a heading', () => {
    const text = '第一章 总则\n\n正文。\n\n第一章所述内容必须落实，共三项。\n';
    expect(extractOutline(text).map((c) => c.title)).toEqual(['总则']);
  });
});
