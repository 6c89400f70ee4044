import { describe, expect, it } from 'vitest';
import { evaluateIndicator, type Status } from '../../../../src/domain/evaluation/index.ts';
import { ind, obs, PLAN } from './helpers.ts';

describe('growth target, observations are the quantity (geometric path)', () => {
  // 100 in 2020 growing 8 % a year: path 100·1.08^3 = 125.9712 at 2023, 146.93281 at 2025.
  const gdp = ind({ kind: 'growth', ratePct: 8 }, { name: '地区生产总值', unit: '亿元' });
  const at = (v: number, period = '2023') => evaluateIndicator(gdp, PLAN, obs({ [period]: v }), period);

  it('computes the path, the observed CAGR ratio and the required rate by hand', () => {
    const r = at(120);
    expect(r.rule).toBe('growth.cagr_ratio');
    expect(r.expected).toBeCloseTo(125.9712, 4);
    // CAGR = 1.2^(1/3) − 1 = 6.26586 %; ratio 6.26586 / 8 = 0.78323 → behind.
    expect(r.inputs.observedRatePct).toBeCloseTo(6.26586, 4);
    expect(r.ratio).toBeCloseTo(0.78323, 4);
    expect(r.status).toBe('behind');
    // Still needed: (146.93281 / 120)^(1/2) − 1 = 10.6544 % a year.
    expect(r.requiredRate).toBeCloseTo(10.6544, 3);
    expect(r.reason.zh).toBe(
      '2023年实际值 120亿元，按年均增长 8% 的规划路径应达 125.97亿元，实际年均增长 6.266%，完成进度比 0.78，属于滞后。',
    );
  });

  // Ratio 0.95 ↔ CAGR 7.6 % ↔ 100·1.076^3 = 124.5767; 1.10 ↔ 8.8 % ↔ 128.8;  0.60 ↔ 4.8 % ↔ 115.1020.
  it.each<[number, Status]>([
    [128.85, 'ahead'],
    [128.75, 'on_track'],
    [124.6, 'on_track'],
    [124.55, 'behind'],
    [115.11, 'behind'],
    [115.09, 'seriously_behind'],
    [99, 'seriously_behind'],
    [147, 'achieved_early'],
  ])('2023 value %d → %s', (v, status) => {
    expect(at(v).status).toBe(status);
  });

  it('without a baseline the growth cannot be measured', () => {
    const r = evaluateIndicator({ ...gdp, baseline: null }, PLAN, obs({ 2023: 120 }), '2023');
    expect(r.status).toBe('not_assessable');
    expect(r.reason.zh).toBe('缺少基期值，无法计算进度，属于无法评估。');
  });

  it('at 2025: at or above 146.93 → achieved', () => {
    expect(at(146.94, '2025').status).toBe('achieved');
    expect(at(146, '2025').status).toBe('on_track');
  });

  it('a falling target (能耗总量 −3 % a year) is met by falling at least that fast', () => {
    const energy = ind({ kind: 'growth', ratePct: -3 }, { direction: 'lower' });
    // 100·0.97^3 = 91.2673 on the path; 93 gives CAGR −2.39 %, ratio 0.797 → behind.
    const r = evaluateIndicator(energy, PLAN, obs({ 2023: 93 }), '2023');
    expect(r.expected).toBeCloseTo(91.2673, 4);
    expect(r.ratio).toBeCloseTo(0.7966, 3);
    expect(r.status).toBe('behind');
    expect(evaluateIndicator(energy, PLAN, obs({ 2023: 91 }), '2023').status).toBe('on_track');
    expect(evaluateIndicator(energy, PLAN, obs({ 2023: 101 }), '2023').status).toBe('seriously_behind');
  });
});

describe('growth target, observations are yearly rates (GDP 增长率)', () => {
  const rate = ind({ kind: 'growth', ratePct: 10, measure: 'rate' }, { unit: '%' });

  it('compounds the years: 9.0, 4.4, 5.8 → 6.383 % a year, ratio 0.638, needs 15.658 % from here', () => {
    const r = evaluateIndicator(rate, PLAN, obs({ 2021: 9, 2022: 4.4, 2023: 5.8 }), '2023');
    // (1.09 · 1.044 · 1.058)^(1/3) − 1 = 1.203960^(1/3) − 1 = 6.3827 %.
    expect(r.actual).toBeCloseTo(6.3827, 3);
    expect(r.ratio).toBeCloseTo(0.63827, 4);
    expect(r.status).toBe('behind');
    // (1.1^5 / 1.203960)^(1/2) − 1 = (1.61051 / 1.203960)^(1/2) − 1 = 15.658 %.
    expect(r.requiredRate).toBeCloseTo(15.658, 2);
    expect(r.inputs.yearsObserved).toBe(3);
  });

  it('at the end: average at or above the target → achieved', () => {
    const good = obs({ 2021: 10, 2022: 10, 2023: 10, 2024: 10, 2025: 10 });
    expect(evaluateIndicator(rate, PLAN, good, '2025').status).toBe('achieved');
    const short = obs({ 2021: 10, 2022: 10, 2023: 10, 2024: 10, 2025: 9 });
    expect(evaluateIndicator(rate, PLAN, short, '2025').status).toBe('on_track');
    expect(evaluateIndicator({ ...rate, attribute: 'binding' }, PLAN, short, '2025').status).toBe('failed');
  });

  it('a quarter carries the year-to-date rate for its year', () => {
    const q = { ...rate, frequency: 'quarter' as const };
    const values = obs({ '2021Q4': 9, '2022Q4': 4.4, '2023Q1': 4, '2023Q2': 5, '2023Q3': 5.8 });
    const r = evaluateIndicator(q, PLAN, values, '2023Q3');
    expect(r.actual).toBeCloseTo(6.3827, 3);
    expect(r.period).toBe('2023Q3');
  });
});

describe('cumulative target (时间过半、任务过半)', () => {
  const firms = ind({ kind: 'cumulative', total: 1000 }, { unit: '户', frequency: 'quarter' });

  it('at mid-period (2023Q2) half of the total is due', () => {
    const quarters = [
      '2021Q1',
      '2021Q2',
      '2021Q3',
      '2021Q4',
      '2022Q1',
      '2022Q2',
      '2022Q3',
      '2022Q4',
      '2023Q1',
      '2023Q2',
    ];
    const even = Object.fromEntries(quarters.map((q) => [q, 50]));
    const r = evaluateIndicator(firms, PLAN, obs(even), '2023Q2');
    expect(r.expected).toBeCloseTo(500, 10);
    expect(r.actual).toBe(500);
    expect(r.ratio).toBeCloseTo(1, 10);
    expect(r.status).toBe('on_track');
    // 500 left over 2.5 years → 200 a year.
    expect(r.requiredPerYear).toBeCloseTo(200, 10);
    expect(r.requiredRate).toBeNull();

    const slow = Object.fromEntries(quarters.map((q) => [q, 45]));
    const s = evaluateIndicator(firms, PLAN, obs(slow), '2023Q2');
    expect(s.ratio).toBeCloseTo(0.9, 10);
    expect(s.status).toBe('behind');
  });

  it('running totals (basis to_date) are taken as they are', () => {
    const toDate = ind({ kind: 'cumulative', total: 1000, basis: 'to_date' });
    const r = evaluateIndicator(toDate, PLAN, obs({ 2021: 150, 2022: 380, 2023: 640 }), '2023');
    expect(r.actual).toBe(640);
    expect(r.ratio).toBeCloseTo(640 / 600, 10);
    expect(r.status).toBe('on_track');
    expect(evaluateIndicator(toDate, PLAN, obs({ 2023: 1000 }), '2023').status).toBe('achieved_early');
    expect(evaluateIndicator(toDate, PLAN, obs({ 2025: 1000 }), '2025').status).toBe('achieved');
  });

  // Total 1000 over 2021–2025: 600 due by 2023; edges at 660 (1.10), 570 (0.95), 360 (0.60).
  it.each<[number, Status, Status]>([
    [661, 'ahead', 'ahead'],
    [659, 'on_track', 'on_track'],
    [571, 'on_track', 'on_track'],
    [569, 'behind', 'warning'],
    [361, 'behind', 'warning'],
    [359, 'seriously_behind', 'warning'],
  ])('total %d by 2023 → %s (expected), %s (binding)', (v, expected, binding) => {
    const toDate = ind({ kind: 'cumulative', total: 1000, basis: 'to_date' });
    expect(evaluateIndicator(toDate, PLAN, obs({ 2023: v }), '2023').status).toBe(expected);
    const hard = { ...toDate, attribute: 'binding' as const };
    expect(evaluateIndicator(hard, PLAN, obs({ 2023: v }), '2023').status).toBe(binding);
  });

  it('counts missing periods in the provenance', () => {
    const annual = ind({ kind: 'cumulative', total: 1000 });
    const r = evaluateIndicator(annual, PLAN, obs({ 2021: 200, 2023: 200 }), '2023');
    expect(r.actual).toBe(400);
    expect(r.inputs.periodsMissing).toBe(1);
    expect(r.status).toBe('behind'); // 400 / 600 = 0.667
  });
});
