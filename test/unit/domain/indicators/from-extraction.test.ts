import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoValues } from '../../../../src/domain/indicators/demo-values.ts';
import { indicatorsFromTables } from '../../../../src/domain/indicators/from-extraction.ts';
import { checkValue } from '../../../../src/domain/indicators/validate-value.ts';
import { extractPlan } from '../../../../src/extract/index.ts';
import { parseCsv } from '../../../../src/services/value-file.ts';

const text = readFileSync(new URL('../../../../samples/yuncheng-14th-five-year-plan.txt', import.meta.url), 'utf8');
const plan = { start: 2021, end: 2025 };
const drafts = indicatorsFromTables(extractPlan({ text }).indicatorTables, plan);
const byName = (n: string) => drafts.find((d) => d.name === n)!;

describe('indicators from the plan tables', () => {
  it('takes the 14th-plan table (专栏2) and not the 13th-plan results (专栏1)', () => {
    expect(drafts).toHaveLength(37);
    expect(new Set(drafts.map((d) => d.code.split('-')[0]))).toEqual(new Set(['专栏2']));
  });

  it('reads each kind of target from the cells as written', () => {
    expect(byName('地区生产总值（GDP）增长率').target).toEqual({ kind: 'growth', ratePct: 10, measure: 'rate' });
    expect(byName('规上工业企业数量').target).toEqual({ kind: 'cumulative', total: 1300 });
    expect(byName('森林覆盖率')).toMatchObject({
      attribute: 'binding',
      baseline: { year: 2019, value: 29.2 },
      target: { kind: 'level', value: 31.77 },
    });
    expect(byName('城镇登记失业率')).toMatchObject({
      direction: 'lower',
      target: { kind: 'bound', op: '<', value: 4.5 },
    });
    expect(byName('基本养老保险参保率').target).toEqual({ kind: 'bound', op: '≥', value: 95 });
    expect(byName('单位GDP能源消耗降低').target).toEqual({ kind: 'provincial', assignments: {} });
    expect(byName('城镇居民人均可支配收入增长率').target).toEqual({
      kind: 'relative',
      indicatorId: '专栏2||地区生产总值（GDP）增长率',
    });
    const lab = byName('国家实验室/省实验室').target;
    expect(lab.kind).toBe('composite');
    if (lab.kind === 'composite') expect(lab.parts.map((p) => p.name)).toEqual(['国家实验室', '省实验室']);
  });

  it('keeps the source row of every indicator', () => {
    for (const d of drafts) expect(text).toContain(d.source.text.split('\t')[1]?.slice(0, 4) ?? '');
    expect(byName('森林覆盖率').rule).toBe('target.level');
  });
});

describe('value checks', () => {
  const share = {
    name: '森林覆盖率',
    unit: '%',
    frequency: 'year' as const,
    attribute: 'binding' as const,
    target: { kind: 'level' },
  };
  it('refuses text, a share over 100 and a period outside the plan, in Chinese and English', () => {
    expect(checkValue({ indicator: share, plan, period: '2023', value: 'abc' }).errors[0]?.zh).toContain('不是数字');
    expect(checkValue({ indicator: share, plan, period: '2023', value: 120 }).errors[0]?.field).toBe('value');
    expect(checkValue({ indicator: share, plan, period: '2031', value: 30 }).errors[0]?.field).toBe('period');
    expect(checkValue({ indicator: share, plan, period: '2023Q1', value: 30 }).errors[0]?.en).toContain('per year');
    expect(checkValue({ indicator: share, plan, period: '2023', value: '30.5' })).toMatchObject({
      errors: [],
      value: 30.5,
    });
  });

  it('needs a note for a jump over 50 % and flags a binding bound broken at entry', () => {
    expect(checkValue({ indicator: share, plan, period: '2023', value: 46, previous: 30 }).errors[0]?.field).toBe(
      'note',
    );
    expect(
      checkValue({ indicator: share, plan, period: '2023', value: 46, previous: 30, note: '口径调整' }).errors,
    ).toEqual([]);
    const bound = { ...share, name: '城镇登记失业率', target: { kind: 'bound', op: '<', value: 4.5 } };
    expect(checkValue({ indicator: bound, plan, period: '2023', value: 4.6 }).warnings[0]?.code).toBe(
      'BINDING_OUT_OF_BOUND',
    );
    expect(checkValue({ indicator: bound, plan, period: '2023', value: 4.4 }).warnings).toEqual([]);
  });
});

describe('demo values and CSV', () => {
  it('are deterministic and stay under a natural limit', () => {
    const ind = {
      key: 'x',
      attribute: 'expected' as const,
      direction: 'higher' as const,
      baseline: { year: 2020, value: 98 },
      target: { kind: 'bound' as const, op: '≥' as const, value: 95 },
      naturalLimit: 100,
    };
    const a = demoValues(ind, plan, [2021, 2022, 2023, 2024]);
    expect(a).toEqual(demoValues(ind, plan, [2021, 2022, 2023, 2024]));
    expect(a).toHaveLength(4);
    for (const v of a) expect(v.value).toBeLessThanOrEqual(100);
  });

  it('parses quoted CSV fields', () => {
    expect(parseCsv('a,b\r\n"x,1","say ""hi"""\n')).toEqual([
      ['a', 'b'],
      ['x,1', 'say "hi"'],
    ]);
  });
});
