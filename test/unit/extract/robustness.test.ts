import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractPlan } from '../../../src/extract/index.ts';
import type { PlanExtraction, Source } from '../../../src/extract/schema.ts';
import { seedText } from './seed.ts';

/** Every `source` anywhere in the output. */
function sources(x: unknown, out: Source[] = []): Source[] {
  if (Array.isArray(x)) for (const v of x) sources(v, out);
  else if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (o.source && typeof o.source === 'object') out.push(o.source as Source);
    for (const v of Object.values(o)) sources(v, out);
  }
  return out;
}

const pieces = [
  '第一章 总则',
  '第二节 目标',
  '专栏 1 主要指标',
  '专栏2 重点项目',
  '序号\t指标\t2020年\t2025年目标\t属性',
  '1\t增速（%）\t5\t>6\t预期性',
  '甲产业集群。构建“甲-乙-丙”产业链。',
  'A开发区。发展以B为龙头的C产业。',
  '每年实施 100 个项目、两万个岗位。',
  '临川县年产 5 万吨项目、东湖区医院。',
  '—',
  '',
  '\t',
  '（',
  '注：*为2019年数据。',
];

describe('extractPlan on arbitrary input', () => {
  it('never throws and every source is a true slice of the text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 8 })), { maxLength: 40 }),
        (parts) => {
          const text = parts.join('\n');
          const out: PlanExtraction = extractPlan({ text });
          for (const s of sources(out)) {
            expect(s.start).toBeLessThanOrEqual(s.end);
            expect(text.slice(s.start, s.end)).toBe(s.text);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps every seed source a true slice of the seed', () => {
    const all = sources(extractPlan({ text: seedText }));
    expect(all.length).toBeGreaterThan(800);
    for (const s of all) expect(seedText.slice(s.start, s.end)).toBe(s.text);
  });
});
