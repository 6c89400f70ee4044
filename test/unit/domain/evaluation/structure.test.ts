import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EVALUATION_CONFIG,
  evaluateIndicator,
  evaluateIndicators,
  evaluationConfig,
  type Indicator,
  inferDirection,
  resolveRelativeTargets,
  rollUp,
  STATUS_LABELS,
  STATUSES,
  type Status,
} from '../../../../src/domain/evaluation/index.ts';
import { ind, obs, PLAN } from './helpers.ts';

describe('composite: worst of the parts', () => {
  // 国家实验室/省实验室: 0/0 → -/1.
  const national = ind(
    { kind: 'none' },
    { id: 'lab-n', name: '国家实验室', unit: '个', baseline: { year: 2020, value: 0 } },
  );
  const provincial = ind(
    { kind: 'level', value: 1 },
    { id: 'lab-p', name: '省实验室', unit: '个', baseline: { year: 2020, value: 0 } },
  );
  const labs = ind({ kind: 'composite', parts: [national, provincial] }, { id: 'labs', name: '国家实验室/省实验室' });

  it('takes the worst part and keeps every part result', () => {
    const r = evaluateIndicator(labs, PLAN, obs({ 2023: 0 }, 'lab-p'), '2023');
    expect(r.parts?.map((p) => p.status)).toEqual(['not_assessable', 'seriously_behind']);
    expect(r.status).toBe('seriously_behind');
    expect(r.rule).toBe('composite.worst');
    expect(r.reason.zh).toMatch(/^2个分项中最差为「省实验室」：2023年实际值 0个/);
    expect(r.inputs).toEqual({ 'lab-n': 'not_assessable', 'lab-p': 'seriously_behind' });
  });

  it('is achieved only when the worst part is', () => {
    const two = ind({ kind: 'composite', parts: [provincial, { ...provincial, id: 'lab-q', name: '重点实验室' }] });
    const both = [...obs({ 2023: 1 }, 'lab-p'), ...obs({ 2023: 1 }, 'lab-q')];
    expect(evaluateIndicator(two, PLAN, both, '2023').status).toBe('achieved_early');
    const one = [...obs({ 2023: 1 }, 'lab-p')];
    expect(evaluateIndicator(two, PLAN, one, '2023').status).toBe('no_data');
  });

  it('orders statuses worst first, with missing data below any on-track judgement', () => {
    expect(STATUSES.indexOf('failed')).toBe(0);
    expect(STATUSES.indexOf('no_data')).toBeLessThan(STATUSES.indexOf('on_track'));
    expect(STATUSES.indexOf('seriously_behind')).toBeLessThan(STATUSES.indexOf('behind'));
    expect(STATUS_LABELS.on_track.zh).toBe('基本符合预期');
    expect(STATUS_LABELS.achieved_early.zh).toBe('提前实现');
  });
});

describe('relative targets', () => {
  const gdp = ind(
    { kind: 'growth', ratePct: 10, measure: 'rate' },
    { id: 'gdp', name: '地区生产总值增长率', unit: '%' },
  );
  const income = ind(
    { kind: 'relative', indicatorId: 'gdp' },
    { id: 'income', name: '城镇居民人均可支配收入增长率', unit: '%' },
  );

  it('takes the other indicator’s target, following chains', () => {
    const chained = ind({ kind: 'relative', indicatorId: 'income' }, { id: 'rural' });
    const [, a, b] = resolveRelativeTargets([gdp, income, chained]);
    expect(a?.target).toEqual(gdp.target);
    expect(b?.target).toEqual(gdp.target);
  });

  it('evaluates the resolved target in a batch', () => {
    const data = new Map([['income', obs({ 2021: 10, 2022: 10, 2023: 12 })]]);
    const [, r] = evaluateIndicators([gdp, income], PLAN, data, '2023');
    expect(r?.rule).toBe('growth.rate_ratio');
    expect(r?.status).toBe('on_track'); // (1.1² · 1.12)^(1/3) − 1 = 10.66 %, ratio 1.066
    expect(evaluateIndicators([gdp, income], PLAN, new Map(), '2023')[0]?.status).toBe('no_data');
  });

  it('leaves a missing or cyclic reference unresolved: not assessable, naming the indicator', () => {
    const a = ind({ kind: 'relative', indicatorId: 'b' }, { id: 'a' });
    const b = ind({ kind: 'relative', indicatorId: 'a' }, { id: 'b' });
    const [ra] = resolveRelativeTargets([a, b]);
    expect(ra?.target.kind).toBe('relative');
    const r = evaluateIndicator(income, PLAN, obs({ 2023: 7 }), '2023');
    expect(r.status).toBe('not_assessable');
    expect(r.reason.zh).toContain('目标取自指标 gdp');
  });

  it('no target at all → not assessable', () => {
    const r = evaluateIndicator(ind({ kind: 'none' }), PLAN, obs({ 2023: 7 }), '2023');
    expect(r.status).toBe('not_assessable');
    expect(r.reason.zh).toBe('该指标未设定量化目标，属于无法评估。');
  });
});

describe('roll-ups', () => {
  const items: Array<{ status: Status; category: string; leads: string[] }> = [
    { status: 'on_track', category: '经济发展', leads: ['发改委'] },
    { status: 'behind', category: '经济发展', leads: ['发改委', '工信局'] },
    { status: 'no_data', category: '经济发展', leads: [] },
    { status: 'failed', category: '绿色生态', leads: ['生态环境局'] },
    { status: 'achieved', category: '绿色生态', leads: ['生态环境局'] },
  ];

  it('counts per status and scores the assessed items with the default weights', () => {
    const [eco, green] = rollUp(items, (i) => i.category);
    expect(eco?.key).toBe('经济发展');
    expect(eco?.counts.on_track).toBe(1);
    expect(eco?.counts.no_data).toBe(1);
    expect(eco?.total).toBe(3);
    expect(eco?.assessed).toBe(2);
    expect(eco?.score).toBeCloseTo((90 + 60) / 2, 10);
    expect(green?.score).toBeCloseTo((0 + 100) / 2, 10);
    expect(eco?.rule).toBe('rollup.weighted_mean');
    expect(eco?.inputs['weight.on_track']).toBe(90);
  });

  it('accepts several keys per item, and custom weights', () => {
    const byLead = rollUp(items, (i) => i.leads);
    expect(byLead.map((g) => [g.key, g.total])).toEqual([
      ['发改委', 2],
      ['工信局', 1],
      ['生态环境局', 2],
    ]);
    const strict = evaluationConfig({ weights: { behind: 0 } });
    expect(rollUp(items, (i) => i.category, strict)[0]?.score).toBeCloseTo(45, 10);
    expect(rollUp([{ status: 'no_data' as Status }], () => 'x')[0]?.score).toBeNull();
  });

  it('documents a weight for every status', () => {
    for (const s of STATUSES) expect(s in DEFAULT_EVALUATION_CONFIG.weights).toBe(true);
  });
});

describe('inferDirection', () => {
  it.each<[string, string, 'higher' | 'lower']>([
    ['城镇调查失业率', '%', 'lower'],
    ['城镇登记失业率', '%', 'lower'],
    ['亿元GDP生产安全事故死亡率', '人/亿元', 'lower'],
    ['单位GDP能耗', '吨标准煤/万元', 'lower'],
    ['二氧化碳排放总量', '万吨', 'lower'],
    ['PM2.5平均浓度', 'μg/m³', 'lower'],
    ['细颗粒物年均值', 'μg/m³', 'lower'],
    ['传染病发生率', '‰', 'lower'],
    ['单位GDP能源消耗降低', '%', 'higher'],
    ['单位GDP二氧化碳排放降低', '%', 'higher'],
    ['森林覆盖率', '%', 'higher'],
    ['地区生产总值（GDP）增长率', '%', 'higher'],
    ['地级及以上城市空气质量优良天数比率', '%', 'higher'],
  ])('%s (%s) → %s', (name, unit, direction) => {
    expect(inferDirection(name, unit)).toBe(direction);
  });
});

describe('result shape for the CLI', () => {
  it('has indicator, status, expected, actual, bilingual reason, requiredRate and provenance', () => {
    const i: Indicator = ind({ kind: 'level', value: 150 }, { id: 'k', name: '指标K' });
    const r = evaluateIndicator(i, PLAN, obs({ 2023: 121 }), '2023');
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining(['indicator', 'status', 'expected', 'actual', 'reason', 'requiredRate', 'rule', 'inputs']),
    );
    expect(r.indicator).toEqual({ id: 'k', name: '指标K' });
    expect(r.reason.en).toBe(
      "2023 actual 121; the plan's path calls for 130 (2025 target 150); progress ratio 0.70: behind.",
    );
    expect(r.inputs).toMatchObject({
      baselineValue: 100,
      expected: 130,
      actual: 121,
      target: 150,
      fractionElapsed: 0.6,
    });
  });
});

describe('periods and configuration', () => {
  it('maps the asked period onto the indicator frequency (2023 → 2023Q4 for a quarterly one)', () => {
    const q = ind({ kind: 'level', value: 150 }, { frequency: 'quarter' });
    const r = evaluateIndicator(q, PLAN, obs({ '2023Q4': 130, 2023: 999 }), '2023');
    expect(r.period).toBe('2023Q4');
    expect(r.actual).toBe(130); // the annual value is another frequency and is ignored
    expect(r.status).toBe('on_track');
  });

  it('before the plan starts there is nothing to judge against yet', () => {
    const r = evaluateIndicator(ind({ kind: 'level', value: 150 }), PLAN, obs({ 2020: 100 }), '2020');
    expect(r.expected).toBe(100);
    expect(r.status).toBe('on_track');
  });

  it('ratio bands are configuration', () => {
    const level = ind({ kind: 'level', value: 150 });
    const values = obs({ 2023: 127 }); // ratio 0.9
    expect(evaluateIndicator(level, PLAN, values, '2023').status).toBe('behind');
    const lenient = evaluationConfig({ ratio: { onTrack: 0.9 } });
    expect(evaluateIndicator(level, PLAN, values, '2023', lenient).status).toBe('on_track');
    expect(lenient.ratio.behind).toBe(DEFAULT_EVALUATION_CONFIG.ratio.behind);
  });

  it('binding bound warning margin is configuration', () => {
    const cap = ind({ kind: 'bound', op: '≤', value: 100 }, { attribute: 'binding', direction: 'lower' });
    const values = obs({ 2023: 97 }); // 3 % inside
    expect(evaluateIndicator(cap, PLAN, values, '2023').status).toBe('warning');
    const narrow = evaluationConfig({ bound: { warningMargin: 0.02 } });
    expect(evaluateIndicator(cap, PLAN, values, '2023', narrow).status).toBe('on_track');
  });
});
