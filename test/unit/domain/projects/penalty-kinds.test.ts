import { describe, expect, it } from 'vitest';
import { COMPUTED_INPUTS, DEFAULT_RUBRIC, parseRubric, penaltyKinds } from '../../../../src/domain/projects/index.ts';

describe('penaltyKinds: the vetoes and deductions a quarter records by hand', () => {
  it('the default rubric records its two vetoes; overdue problems come from the ledger', () => {
    expect(penaltyKinds(DEFAULT_RUBRIC)).toEqual([
      {
        input: 'majorSafetyAccident',
        kind: 'veto',
        key: 'safety',
        label: { zh: '发生重大安全生产事故', en: 'Major safety accident' },
      },
      {
        input: 'falsifiedData',
        kind: 'veto',
        key: 'falseData',
        label: { zh: '统计数据弄虚作假', en: 'Falsified statistics' },
      },
    ]);
    expect(COMPUTED_INPUTS).toContain('overdueProblems');
  });

  it('a deduction on a recorded input is offered with its points, vetoes first', () => {
    const rubric = parseRubric({
      ...DEFAULT_RUBRIC,
      deductions: [
        {
          key: 'criticised',
          label: { zh: '被通报批评', en: 'Criticised' },
          input: 'criticisms',
          pointsEach: 1,
          max: 2,
        },
      ],
      vetoes: [{ key: 'v', label: { zh: '否决', en: 'Veto' }, input: 'tourScore' }],
    });
    // a veto on a computed input is the assessment's own, not a matter to record
    expect(penaltyKinds(rubric)).toEqual([
      {
        input: 'criticisms',
        kind: 'deduction',
        key: 'criticised',
        label: { zh: '被通报批评', en: 'Criticised' },
        pointsEach: 1,
        max: 2,
      },
    ]);
  });
});
