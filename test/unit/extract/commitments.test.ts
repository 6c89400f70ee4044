import { describe, expect, it } from 'vitest';
import { planPeriod } from '../../../src/extract/commitments.ts';
import { extractPlan } from '../../../src/extract/index.ts';
import { seedExtraction, seedText } from './seed.ts';

const plan = (body: string) => extractPlan({ text: `第十四个五年规划纲要\n\n第一章 总则\n\n${body}\n` }).commitments;

describe('commitments in the seed plan', () => {
  const all = seedExtraction().commitments;
  const find = (subject: string) => all.find((c) => c.subject === subject);

  it('finds the quantified promises the issue names', () => {
    expect(find('产业重大技术改造项目')).toMatchObject({
      value: 100,
      unit: '个',
      frequency: 'annual',
      comparator: '=',
    });
    expect(find('谋划库项目动态总投资规模')).toMatchObject({ value: 5e12, comparator: 'approx', deadline: 2025 });
    expect(find('各类市场主体')).toMatchObject({ value: 15, unit: '%', comparator: 'approx', frequency: 'annual' });
    expect(find('重大基础设施项目')).toMatchObject({ value: 3, unit: '个', frequency: 'per:县（市、区）' });
    expect(find('重大产业项目')).toMatchObject({ value: 5, unit: '个', frequency: 'per:县（市、区）' });
    expect(find('产值')).toMatchObject({ value: 20, unit: '%', frequency: 'annual' });
    expect(find('高标准农田面积')).toMatchObject({ value: 2.4e6, unit: '亩', comparator: '>=', deadline: 2025 });
  });

  it('skips the review of the last plan', () => {
    expect(all.some((c) => c.source.text.includes('710.8'))).toBe(false);
    expect(all.some((c) => c.subject.includes('一批'))).toBe(false);
  });

  it('quotes the sentence each promise came from', () => {
    for (const c of all) {
      expect(seedText.slice(c.source.start, c.source.end)).toBe(c.source.text);
      expect(c.source.text.replace(/\s/g, '')).toContain(c.valueText.replace(/\s/g, ''));
    }
  });
});

describe('commitments written with Chinese numerals and ranges', () => {
  it('reads 1—2 万, 两万 and 三个', () => {
    expect(plan('力争每年吸引1—2 万名大学生来本市就业。')[0]).toMatchObject({
      subject: '大学生来本市就业',
      value: 10000,
      valueMax: 20000,
      unit: '名',
      frequency: 'annual',
    });
    expect(plan('到2025年新增就业岗位两万个。')[0]).toMatchObject({ value: 20000, unit: '个', deadline: 2025 });
    expect(plan('每年新建三个省级园区。')[0]).toMatchObject({ subject: '省级园区', value: 3, unit: '个' });
  });

  it('does not take a value from a damaged sentence', () => {
    const text = '第一章 总则\n\n每年实施 100 个技术改造项目。\n';
    const at = text.indexOf('100');
    expect(extractPlan({ text, damaged: [{ start: at, end: at + 3 }] }).commitments).toEqual([]);
    expect(extractPlan({ text }).commitments).toHaveLength(1);
  });
});

describe('planPeriod', () => {
  it('derives the period from the plan number or an explicit span', () => {
    expect(planPeriod('第十四个五年规划')).toEqual({ start: 2021, end: 2025 });
    expect(planPeriod('“十五五”规划')).toEqual({ start: 2026, end: 2030 });
    expect(planPeriod('规划期为2021—2025年')).toEqual({ start: 2021, end: 2025 });
    expect(planPeriod('无')).toBeNull();
  });
});
