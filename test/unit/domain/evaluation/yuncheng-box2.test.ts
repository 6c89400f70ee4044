import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateIndicator, type Indicator, inferDirection } from '../../../../src/domain/evaluation/index.ts';
import { obs, PLAN } from './helpers.ts';

/**
 * Rows of 专栏2 (运城市"十四五"主要指标表) as the plan prints them, with invented but plausible
 * values; every expectation below is computed by hand in the comments.
 */
const SAMPLE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../samples/yuncheng-14th-five-year-plan.txt',
);
const text = readFileSync(SAMPLE, 'utf8');
const box2 = text.slice(text.indexOf('专栏2'));

function row(no: number): string[] {
  const line = box2.split('\n').find((l) => l.startsWith(`${no}\t`));
  if (!line) throw new Error(`row ${no} not in 专栏2`);
  return line.split('\t');
}

function indicator(no: number, over: Partial<Indicator> & Pick<Indicator, 'target'>): Indicator {
  const [, name = '', base = '', , , attr = ''] = row(no);
  const unit = /（([^（）]*)）\s*$/.exec(name)?.[1] ?? '';
  const baseValue = Number.parseFloat(base);
  return {
    id: String(no),
    name,
    unit,
    attribute: attr.includes('约束性') ? 'binding' : 'expected',
    direction: inferDirection(name, unit),
    frequency: 'year',
    baseline: Number.isFinite(baseValue) ? { year: base.endsWith('*') ? 2019 : 2020, value: baseValue } : null,
    ...over,
  };
}

describe('专栏2 rows', () => {
  it('reads the rows the tests rely on', () => {
    expect(row(1)).toEqual(['1', '地区生产总值（GDP）增长率（%）', '5.2', '-', '10', '预期性']);
    expect(row(22)).toEqual(['22', '森林覆盖率（%）', '29.2*', '31.77', '-', '约束性']);
    expect(row(23)?.[3]).toBe('完成省下任务');
  });

  it('1 地区生产总值增长率, 年均增长 10 (expected): 9.0, 4.4, 5.8 → behind', () => {
    const gdp = indicator(1, { target: { kind: 'growth', ratePct: 10, measure: 'rate' } });
    const r = evaluateIndicator(gdp, PLAN, obs({ 2021: 9, 2022: 4.4, 2023: 5.8 }), '2023');
    // (1.09 · 1.044 · 1.058)^(1/3) = 1.203960^(1/3) → 6.383 %; 6.383 / 10 = 0.64 → 滞后.
    // Needed in 2024–2025: (1.1^5 / 1.203960)^(1/2) − 1 = 15.66 %.
    expect(r.status).toBe('behind');
    expect(r.ratio).toBeCloseTo(0.6383, 4);
    expect(r.requiredRate).toBeCloseTo(15.658, 2);
    expect(r.reason.zh).toBe('2021年以来年均增长 6.383%（3年数据），规划目标年均增长 10%，完成进度比 0.64，属于滞后。');
  });

  it('5 规上工业企业数量 [1300] cumulative: 750 by 2023 against 780 due', () => {
    const firms = indicator(5, { target: { kind: 'cumulative', total: 1300 } });
    const r = evaluateIndicator(firms, PLAN, obs({ 2021: 200, 2022: 250, 2023: 300 }), '2023');
    // Due by 2023: 1300 · 3/5 = 780; 750 / 780 = 0.9615 → on track; (1300 − 750) / 2 = 275 a year left.
    expect(r.expected).toBeCloseTo(780, 10);
    expect(r.ratio).toBeCloseTo(0.9615, 4);
    expect(r.status).toBe('on_track');
    expect(r.requiredPerYear).toBeCloseTo(275, 10);
    expect(r.reason.zh).toContain('截至2023年累计完成 750户');
  });

  it('22 森林覆盖率 29.2* (2019) → 31.77, binding: 30.5 in 2023 is a warning', () => {
    const forest = indicator(22, { target: { kind: 'level', value: 31.77 } });
    expect(forest.attribute).toBe('binding');
    expect(forest.baseline).toEqual({ year: 2019, value: 29.2 });
    const r = evaluateIndicator(forest, PLAN, obs({ 2023: 30.5 }), '2023');
    // Path from 2019: 29.2 + 2.57 · 4/6 = 30.9133; ratio 1.3 / 1.71333 = 0.7588 → behind → binding → 预警.
    expect(r.expected).toBeCloseTo(30.9133, 4);
    expect(r.ratio).toBeCloseTo(0.7588, 4);
    expect(r.status).toBe('warning');
    // Needed: (31.77 − 30.5) / 2 = 0.635 points a year, (31.77 / 30.5)^(1/2) − 1 = 2.0607 %.
    expect(r.requiredPerYear).toBeCloseTo(0.635, 10);
    expect(r.requiredRate).toBeCloseTo(2.0607, 4);
    expect(r.reason.zh).toBe(
      '2023年实际值 30.5%，按规划路径应达 30.91%（2025年目标 31.77%），完成进度比 0.76，约束性指标存在不达标风险，属于预警。',
    );
    expect(evaluateIndicator(forest, PLAN, obs({ 2025: 31.5 }), '2025').status).toBe('failed');
  });

  it('23 单位GDP能源消耗降低, 完成省下任务, binding: judged only in years with an assignment', () => {
    const energy = indicator(23, { target: { kind: 'provincial', assignments: { 2021: 3.2, 2022: 3.2 } } });
    expect(energy.direction).toBe('higher');
    expect(energy.attribute).toBe('binding');
    const values = obs({ 2021: 3.4, 2022: 3.0, 2023: 3.3 });
    expect(evaluateIndicator(energy, PLAN, values, '2021').status).toBe('achieved');
    expect(evaluateIndicator(energy, PLAN, values, '2022').status).toBe('failed');
    expect(evaluateIndicator(energy, PLAN, values, '2023').status).toBe('not_assessable');
  });

  it('29 城镇登记失业率 <4.5 (expected), and a binding 城镇调查失业率 <5.5', () => {
    const registered = indicator(29, { target: { kind: 'bound', op: '<', value: 4.5 } });
    expect(registered.direction).toBe('lower');
    expect(evaluateIndicator(registered, PLAN, obs({ 2023: 3.3 }), '2023').status).toBe('on_track');
    // 4.6 is 2.2 % over the bound (≤ 10 %) → behind.
    expect(evaluateIndicator(registered, PLAN, obs({ 2023: 4.6 }), '2023').status).toBe('behind');
    const survey: Indicator = {
      ...registered,
      id: 'survey',
      name: '城镇调查失业率（%）',
      attribute: 'binding',
      target: { kind: 'bound', op: '<', value: 5.5 },
    };
    // 5.3: (5.5 − 5.3) / 5.5 = 3.6 % inside, under the 5 % margin → 预警; 5.6 breaks it → 未达标.
    expect(evaluateIndicator(survey, PLAN, obs({ 2023: 5.3 }), '2023').status).toBe('warning');
    const broken = evaluateIndicator(survey, PLAN, obs({ 2023: 5.6 }), '2023');
    expect(broken.status).toBe('failed');
    expect(broken.reason.zh).toBe('2023年实际值 5.6%，要求低于 5.5%，约束性指标未达到要求，属于未达标。');
  });

  it('32 基本养老保险参保率 95以上: a ≥ bound; 35 事故死亡率 0.021 → 0.03: a ceiling to hold', () => {
    const pension = indicator(32, { target: { kind: 'bound', op: '≥', value: 95 } });
    expect(evaluateIndicator(pension, PLAN, obs({ 2023: 97.5 }), '2023').status).toBe('on_track');
    expect(evaluateIndicator(pension, PLAN, obs({ 2025: 96 }), '2025').status).toBe('achieved');
    const deaths = indicator(35, { target: { kind: 'level', value: 0.03 } });
    expect(deaths.direction).toBe('lower');
    const r = evaluateIndicator(deaths, PLAN, obs({ 2023: 0.02 }), '2023');
    expect(r.rule).toBe('level.hold');
    expect(r.status).toBe('on_track');
  });
});
