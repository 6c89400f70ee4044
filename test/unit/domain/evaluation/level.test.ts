import { describe, expect, it } from 'vitest';
import { evaluateIndicator, type Indicator, type Status } from '../../../../src/domain/evaluation/index.ts';
import { ind, obs, PLAN } from './helpers.ts';

/**
 * Level target 100 (2020) → 150 (2025), linear: at 2023 the path is 130, so a value v has progress
 * ratio (v − 100) / 30. Band edges: ratio 1.10 ↔ 133, 0.95 ↔ 128.5, 0.60 ↔ 118.
 */
const level = ind({ kind: 'level', value: 150 });
const at = (i: Indicator, v: number, period = '2023') => evaluateIndicator(i, PLAN, obs({ [period]: v }), period);

describe('level target, linear path', () => {
  it('puts the path where the hand computation does', () => {
    const r = at(level, 130);
    expect(r.expected).toBeCloseTo(130, 10);
    expect(r.ratio).toBeCloseTo(1, 10);
    expect(r.status).toBe('on_track');
    expect(r.rule).toBe('level.linear');
  });

  it.each<[number, Status]>([
    [133.01, 'ahead'],
    [132.99, 'on_track'],
    [128.51, 'on_track'],
    [128.49, 'behind'],
    [118.01, 'behind'],
    [117.99, 'seriously_behind'],
    [95, 'seriously_behind'],
    [149.99, 'ahead'],
    [150, 'achieved_early'],
  ])('2023 value %d → %s', (v, status) => {
    expect(at(level, v).status).toBe(status);
  });

  it('at the end year: met → achieved, short → judged by ratio (expected) or failed (binding)', () => {
    expect(at(level, 150, '2025').status).toBe('achieved');
    const short = at(level, 149, '2025');
    expect(short.ratio).toBeCloseTo(0.98, 10);
    expect(short.status).toBe('on_track');
    expect(at(level, 140, '2025').status).toBe('behind');
    expect(at({ ...level, attribute: 'binding' }, 149, '2025').status).toBe('failed');
  });

  it('a binding indicator behind before the end is a warning, not yet a failure', () => {
    const binding = { ...level, attribute: 'binding' as const };
    expect(at(binding, 125).status).toBe('warning');
    expect(at(binding, 110).status).toBe('warning');
    expect(at(binding, 129).status).toBe('on_track');
  });

  it('gives the required rate and yearly change to still make the target', () => {
    const r = at(level, 121);
    // (150 / 121)^(1/2) − 1 = 11.3404 %; (150 − 121) / 2 = 14.5 per year.
    expect(r.requiredRate).toBeCloseTo(11.3404, 3);
    expect(r.requiredPerYear).toBeCloseTo(14.5, 10);
    expect(at(level, 150, '2025').requiredRate).toBeNull();
  });

  it('lower is better: 10 → 6, path 7.6 at 2023', () => {
    const down = ind({ kind: 'level', value: 6 }, { direction: 'lower', baseline: { year: 2020, value: 10 } });
    expect(at(down, 7.6).ratio).toBeCloseTo(1, 10);
    expect(at(down, 7.6).status).toBe('on_track');
    expect(at(down, 8.2).ratio).toBeCloseTo(0.75, 10);
    expect(at(down, 8.2).status).toBe('behind');
    expect(at(down, 5.9).status).toBe('achieved_early');
    const worse = at(down, 10.5);
    expect(worse.ratio).toBeCloseTo(-0.2083, 3);
    expect(worse.status).toBe('seriously_behind');
  });

  it('geometric path when configured: 100 → 200 gives 100·2^(3/5) = 151.57 at 2023', () => {
    const geo = ind({ kind: 'level', value: 200, path: 'geometric' });
    const r = at(geo, 151.57);
    expect(r.rule).toBe('level.geometric');
    expect(r.expected).toBeCloseTo(151.5717, 3);
    expect(r.ratio).toBeCloseTo(1, 3);
  });

  it('a target on the good side of the baseline is a line to hold (事故死亡率 0.021 → 0.03)', () => {
    const deaths = ind(
      { kind: 'level', value: 0.03 },
      {
        name: '亿元GDP生产安全事故死亡率',
        direction: 'lower',
        attribute: 'binding',
        baseline: { year: 2020, value: 0.021 },
      },
    );
    expect(at(deaths, 0.025).rule).toBe('level.hold');
    expect(at(deaths, 0.025).status).toBe('on_track'); // 16.7 % inside the ceiling
    expect(at(deaths, 0.029).status).toBe('warning'); // 3.3 % inside: within the 5 % margin
    expect(at(deaths, 0.031).status).toBe('failed');
  });

  it('without a baseline only "reached or not" can be said before the end', () => {
    const urban = ind({ kind: 'level', value: 58 }, { name: '常住人口城镇化率', unit: '%', baseline: null });
    const r = at(urban, 55);
    expect(r.status).toBe('not_assessable');
    expect(r.reason.zh).toContain('缺少基期值');
    expect(at(urban, 58.2).status).toBe('achieved_early');
    expect(at(urban, 55, '2025').status).toBe('behind'); // 5.2 % short ≤ 10 %
    expect(at(urban, 50, '2025').status).toBe('seriously_behind');
  });

  it('no value for the period → no_data, naming the period', () => {
    const r = evaluateIndicator(level, PLAN, obs({ 2022: 120 }), '2023');
    expect(r.status).toBe('no_data');
    expect(r.actual).toBeNull();
    expect(r.reason.zh).toBe('2023年尚无实际值，属于无数据。');
  });
});
