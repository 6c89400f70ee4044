import { describe, expect, it } from 'vitest';
import {
  evaluateIndicator,
  evaluationConfig,
  type Indicator,
  limitFactor,
  type Status,
} from '../../../../src/domain/evaluation/index.ts';
import { ind, obs, PLAN } from './helpers.ts';

describe('bound that must hold every year', () => {
  // <4.5, expected (城镇登记失业率): margin (4.5 − v) / 4.5.
  const jobless = ind({ kind: 'bound', op: '<', value: 4.5 }, { direction: 'lower', unit: '%' });
  const at = (i: Indicator, values: Record<string, number>, period: string) =>
    evaluateIndicator(i, PLAN, obs(values), period);

  it.each<[number, Status]>([
    [3.2, 'on_track'],
    [4.49, 'on_track'],
    [4.5, 'behind'], // strict: 4.5 is not < 4.5
    [4.95, 'behind'], // 10 % over the bound, the edge of "serious"
    [4.96, 'seriously_behind'],
  ])('expected indicator, 2023 value %d → %s', (v, status) => {
    const r = at(jobless, { 2023: v }, '2023');
    expect(r.status).toBe(status);
    expect(r.expected).toBe(4.5);
    expect(r.rule).toBe('bound.every_period');
  });

  it('≥ and ≤ include the bound itself; > and < do not', () => {
    const ge = ind({ kind: 'bound', op: '≥', value: 95 });
    expect(at(ge, { 2023: 95 }, '2023').status).toBe('on_track');
    const gt = ind({ kind: 'bound', op: '>', value: 50 });
    expect(at(gt, { 2023: 50 }, '2023').status).toBe('behind');
    expect(at(gt, { 2023: 50.1 }, '2023').status).toBe('on_track');
  });

  it('binding: within 5 % of the bound is a warning, outside is a failure in that very year', () => {
    const survey = {
      ...jobless,
      attribute: 'binding' as const,
      target: { kind: 'bound' as const, op: '<' as const, value: 5.5 },
    };
    expect(at(survey, { 2023: 5.2 }, '2023').status).toBe('on_track'); // 5.45 % inside
    const near = at(survey, { 2023: 5.3 }, '2023'); // 3.6 % inside
    expect(near.status).toBe('warning');
    expect(near.inputs.margin).toBeCloseTo(0.03636, 4);
    expect(at(survey, { 2023: 5.6 }, '2023').status).toBe('failed');
  });

  it('at the end year a bound broken in any earlier year is not achieved', () => {
    const survey = { ...jobless, attribute: 'binding' as const };
    const clean = { 2021: 3, 2022: 3.1, 2023: 3.2, 2024: 3.1, 2025: 3 };
    expect(at(survey, clean, '2025').status).toBe('achieved');
    const broken = { ...clean, 2023: 4.7 };
    const r = at(survey, broken, '2025');
    expect(r.status).toBe('failed');
    expect(r.inputs.firstBreach).toBe('2023');
    expect(r.reason.zh).toContain('2023年曾突破该要求');
    expect(at(jobless, broken, '2025').status).toBe('behind');
  });
});

describe('provincial assignment (完成省下任务)', () => {
  // 单位GDP能源消耗降低（%）: the yearly reduction the province assigns; higher reduction is better.
  const energy = ind(
    { kind: 'provincial', assignments: { 2021: 3.2, 2022: 3.0 } },
    { name: '单位GDP能源消耗降低', unit: '%', attribute: 'binding', baseline: null },
  );

  it('a year with an entry is judged against it; a year without one is not assessable', () => {
    const values = obs({ 2021: 3.5, 2022: 2.8, 2023: 3.1 });
    expect(evaluateIndicator(energy, PLAN, values, '2021').status).toBe('achieved');
    const missed = evaluateIndicator(energy, PLAN, values, '2022');
    expect(missed.status).toBe('failed');
    expect(missed.expected).toBe(3);
    expect(missed.reason.zh).toBe('2022年实际值 2.8%，省下达2022年任务为不低于 3%，约束性指标未达到要求，属于未达标。');
    const none = evaluateIndicator(energy, PLAN, values, '2023');
    expect(none.status).toBe('not_assessable');
    expect(none.reason.zh).toContain('省下达2023年任务尚未录入');
  });

  it('within the year (quarterly) a binding shortfall is a warning; the last quarter decides', () => {
    const q = {
      ...energy,
      frequency: 'quarter' as const,
      target: { kind: 'provincial' as const, assignments: { 2023: 3 } },
    };
    expect(evaluateIndicator(q, PLAN, obs({ '2023Q2': 2.5 }), '2023Q2').status).toBe('warning');
    expect(evaluateIndicator(q, PLAN, obs({ '2023Q2': 3.4 }), '2023Q2').status).toBe('on_track');
    expect(evaluateIndicator(q, PLAN, obs({ '2023Q4': 2.5 }), '2023Q4').status).toBe('failed');
  });

  it('lower-is-better assignments default to ≤ (PM2.5 浓度)', () => {
    const pm = ind(
      { kind: 'provincial', assignments: { 2023: 45 } },
      { name: 'PM2.5平均浓度', unit: 'μg/m³', direction: 'lower' },
    );
    expect(evaluateIndicator(pm, PLAN, obs({ 2023: 44 }), '2023').status).toBe('achieved');
    expect(evaluateIndicator(pm, PLAN, obs({ 2023: 47 }), '2023').status).toBe('behind');
  });
});

describe('trend without a target (Open SDG bands 1.5 % / 0.5 % / 0)', () => {
  const trend = ind({ kind: 'trend' });
  const at = (i: Indicator, v: number) => evaluateIndicator(i, PLAN, obs({ 2023: v }), '2023');

  it.each<[number, Status]>([
    [104.9, 'on_track'], // 100·1.015^3 = 104.568
    [104.5, 'behind'],
    [101.6, 'behind'], // 100·1.005^3 = 101.5075
    [101.4, 'seriously_behind'],
    [99, 'seriously_behind'],
  ])('2023 value %d → %s', (v, status) => {
    expect(at(trend, v).status).toBe(status);
  });

  it('reports the observed annual change', () => {
    // (104.8772 / 100)^(1/3) − 1 = 1.6 %.
    expect(at(trend, 104.8772).ratio).toBeCloseTo(1.6, 3);
  });

  it('lower is better flips the sign', () => {
    const down = { ...trend, direction: 'lower' as const };
    expect(at(down, 95).status).toBe('on_track'); // −1.70 % a year
    expect(at(down, 105).status).toBe('seriously_behind');
  });

  it('narrows the bands near a natural limit: 98 % of a 100 % cap, C = 1 − 0.98^4.44 = 0.08579', () => {
    expect(limitFactor(98, 100, 4.44)).toBeCloseTo(0.085795, 5);
    expect(limitFactor(50, null, 4.44)).toBe(1);
    expect(limitFactor(250, 100, 4.44)).toBe(1);
    expect(limitFactor(100, 100, 4.44)).toBe(0);
    const pension = ind(
      { kind: 'trend' },
      { name: '基本养老保险参保率', unit: '%', baseline: { year: 2020, value: 98 } },
    );
    // 98 → 98.9 is +0.305 % a year: limited progress without a limit, on track with it.
    expect(at(pension, 98.9).status).toBe('seriously_behind');
    const capped = at({ ...pension, naturalLimit: 100 }, 98.9);
    expect(capped.status).toBe('on_track');
    expect(capped.inputs.limitFactor).toBeCloseTo(0.085795, 5);
    expect(capped.reason.zh).toContain('接近自然极限 100%');
  });

  it('ignores a limit that lies the wrong way (a cap for a rate meant to fall)', () => {
    const falling = ind(
      { kind: 'trend' },
      { direction: 'lower', baseline: { year: 2020, value: 98 }, naturalLimit: 100 },
    );
    const r = at(falling, 97.8); // −0.068 % a year: too slow without narrowing
    expect(r.inputs.limitFactor).toBe(1);
    expect(r.status).toBe('seriously_behind');
  });

  it('at the limit holding still is on track, slipping is not', () => {
    const full = ind({ kind: 'trend' }, { baseline: { year: 2020, value: 100 }, naturalLimit: 100 });
    expect(at(full, 100).status).toBe('on_track');
    expect(at(full, 99).status).toBe('seriously_behind');
  });

  it('bands are configuration', () => {
    const loose = evaluationConfig({ trend: { high: 1, medium: 0.2 } });
    expect(evaluateIndicator(trend, PLAN, obs({ 2023: 104 }), '2023', loose).status).toBe('on_track');
    expect(evaluateIndicator(trend, PLAN, obs({ 2023: 104 }), '2023').status).toBe('behind');
  });
});
