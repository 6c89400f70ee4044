import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUnit, parseIndicatorName, splitNameParts } from '../../../src/extract/names.ts';
import { parseCell } from '../../../src/extract/values.ts';
import { foldWidth, parseChineseInteger, parseChineseNumber, parseNumberRange } from '../../../src/text/numerals.ts';

const DIGIT = '零一二三四五六七八九';
/** Reference writer of Chinese integers below 10000, used to check the parser. */
function writeChinese(n: number): string {
  if (n === 0) return '零';
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += (d === 1 && units[i] === '十' && out === '' ? '' : (DIGIT[d] as string)) + (units[i] as string);
  });
  return out;
}

describe('Chinese numerals', () => {
  it('parses every integer below 10000 as written in Chinese', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 9999 }), (n) => parseChineseInteger(writeChinese(n)) === n));
  });

  it('reads 两万, 5万亿, 1.2亿, full-width digits and ranges', () => {
    expect(parseChineseNumber('两万')).toBe(20000);
    expect(parseChineseNumber('5万亿')).toBe(5e12);
    expect(parseChineseNumber('1.2亿')).toBe(1.2e8);
    expect(parseChineseNumber('１２')).toBe(12);
    expect(parseChineseNumber('三')).toBe(3);
    expect(parseChineseNumber('abc')).toBeNull();
    expect(parseNumberRange('1—2 万')).toEqual({ min: 10000, max: 20000 });
    expect(parseNumberRange('3-5')).toEqual({ min: 3, max: 5 });
    expect(parseChineseInteger('１５')).toBe(15);
  });

  it('folds full-width characters one for one, keeping Chinese brackets', () => {
    fc.assert(fc.property(fc.string(), (s) => foldWidth(s).length === s.length));
    expect(foldWidth('２０２５年（％）')).toBe('2025年（%）');
  });
});

describe('parseCell', () => {
  const ctx = { starYear: 2019, columnYear: 2025 };
  it.each([
    ['12.5', { kind: 'number', value: 12.5, year: 2025 }],
    ['-', { kind: 'none', value: null }],
    ['>50', { kind: 'bound', value: 50, comparator: '>' }],
    ['<4.5', { kind: 'bound', value: 4.5, comparator: '<' }],
    ['≥75.4', { kind: 'bound', value: 75.4, comparator: '>=' }],
    ['≤9‰', { kind: 'bound', value: 9, comparator: '<=', unit: '‰' }],
    ['95以上', { kind: 'bound', value: 95, comparator: '>=' }],
    ['7左右', { kind: 'bound', value: 7, comparator: 'approx' }],
    ['[1300]', { kind: 'cumulative', value: 1300 }],
    ['[降低10]', { kind: 'cumulative', value: 10, change: 'decrease' }],
    ['29.2*', { kind: 'otherYear', value: 29.2, year: 2019 }],
    ['完成省下任务', { kind: 'provincial', value: null }],
    ['与GDP目标增速保持一致', { kind: 'relative', reference: 'GDP目标增速' }],
    ['', { kind: 'blank', value: null }],
    ['详见附件', { kind: 'text', value: null }],
    ['＞５０', { kind: 'bound', value: 50, comparator: '>' }],
  ])('%s', (text, want) => {
    expect(parseCell(text, ctx)).toMatchObject({ text, ...want });
  });

  it('splits composites into parts', () => {
    const c = parseCell('(0/3) /(0/0) /(0/8)', ctx);
    expect(c.kind).toBe('composite');
    expect(c.parts.map((p) => p.parts.map((q) => q.value))).toEqual([
      [0, 3],
      [0, 0],
      [0, 8],
    ]);
    expect(parseCell('-/1', ctx).parts.map((p) => p.kind)).toEqual(['none', 'number']);
  });
});

describe('indicator names', () => {
  it.each([
    ['地区生产总值（GDP）增长率（%）', '地区生产总值（GDP）增长率', '%', []],
    ['5G网络用户普及率（%）（新基建）', '5G网络用户普及率', '%', ['新基建']],
    ['规上工业企业数量（户）', '规上工业企业数量', '户', []],
    ['亿元GDP生产安全事故死亡率（人/亿元）', '亿元GDP生产安全事故死亡率', '人/亿元', []],
    ['婴儿死亡率(‰)', '婴儿死亡率', '‰', []],
    ['地区生产总值（GDP）', '地区生产总值（GDP）', null, []],
  ])('%s', (raw, name, unit, tags) => {
    expect(parseIndicatorName(raw)).toEqual({ name, unit, tags });
  });

  it('knows units from labels', () => {
    expect(['%', '户', '人/亿元', '1/10万', '亿吨标准煤', '万亩'].every(isUnit)).toBe(true);
    expect(['新基建', '国家级/省级', 'GDP'].some(isUnit)).toBe(false);
  });

  it('splits a composite name on / outside brackets', () => {
    expect(splitNameParts('国家实验室/省实验室').map((p) => p.name)).toEqual(['国家实验室', '省实验室']);
    expect(splitNameParts('地区生产总值')).toEqual([]);
  });
});
