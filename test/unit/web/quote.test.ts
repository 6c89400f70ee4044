import { describe, expect, it } from 'vitest';
import { firstNumber, yearIn } from '../../../web/src/pages/documents/quote.ts';

describe('prefilling a value from a quoted sentence', () => {
  it('takes the first number that is not a date', () => {
    expect(firstNumber('2023年，全市地区生产总值增长5.6%，森林覆盖率达到30.26%。')).toBe('5.6');
    expect(firstNumber('截至2023年三季度，企业数量由2020年的106户增加到261户')).toBe('106');
    expect(firstNumber('总投资2,335.44亿元')).toBe('2335.44');
    expect(firstNumber('8月8日签约')).toBe('');
    expect(firstNumber('稳中有进')).toBe('');
  });

  it('finds the year a quote speaks of', () => {
    expect(yearIn('2023年，全市地区生产总值增长5.6%')).toBe('2023');
    expect(yearIn('去年上半年，全市签约项目301个')).toBeNull();
  });
});
