import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC, RubricSchema } from '../../../src/domain/projects/rubric.ts';
import { describeRubricIssue } from '../../../src/services/rubric.service.ts';
import {
  defaultRule,
  describeDeduction,
  describeItem,
  formToRubric,
  newItem,
  problemsToFields,
  RULE_KINDS,
  rubricToForm,
  totals,
} from '../../../web/src/pages/projects/rubric/form.ts';

const asJson = (x: unknown) => JSON.parse(JSON.stringify(x)) as Record<string, unknown>;

describe('rubric form ↔ rubric JSON', () => {
  it('round-trips the default rubric unchanged (what the server would store)', () => {
    const body = formToRubric(rubricToForm(asJson(DEFAULT_RUBRIC)));
    const parsed = RubricSchema.parse({ ...body, version: 1 });
    expect(parsed).toEqual(DEFAULT_RUBRIC);
    expect(body).not.toHaveProperty('note');
  });

  it('keeps a ratio block to exactly one of target and target input', () => {
    const f = rubricToForm(asJson(DEFAULT_RUBRIC));
    expect(f.items[2]?.rule).toMatchObject({ targetMode: 'input', targetInput: 'timeProgress', cap: 1.1 });
    expect(f.items[0]?.rule).toMatchObject({ targetMode: 'fixed', target: 0.8, cap: 1 });
    // switching to a fixed target drops the target input the form still holds
    f.items[2]!.rule = { ...f.items[2]!.rule, targetMode: 'fixed', target: 0.75 };
    const body = formToRubric(f) as { items: Array<{ rule: Record<string, unknown> }> };
    expect(body.items[2]?.rule).toEqual({ kind: 'ratio_to_target', target: 0.75, cap: 1.1 });
  });

  it('gives new rows a unique key from their input, drops removed items from the tie-break, keeps the note', () => {
    const f = rubricToForm(asJson(DEFAULT_RUBRIC));
    f.items = f.items.filter((i) => i.key !== 'startRate');
    f.items.push(newItem('landingRate'));
    f.items.push({ ...newItem('overdueProblems'), rule: defaultRule('count') });
    f.note = '  新增两项  ';
    const body = formToRubric(f) as { items: Array<{ key: string }>; tieBreak: string[]; note: string };
    expect(body.items.map((i) => i.key)).toEqual([
      'landingRate',
      'investmentCompletionRate',
      'productionRate',
      'tourScore',
      'landingRate_2',
      'overdueProblems',
    ]);
    expect(body.tieBreak).toEqual(['investmentCompletionRate']);
    expect(body.note).toBe('新增两项');
    expect(RubricSchema.safeParse({ ...body, version: 1 }).success).toBe(true);
  });

  it('sends every block type the schema accepts, from its default parameters', () => {
    for (const kind of RULE_KINDS) {
      const f = rubricToForm(asJson(DEFAULT_RUBRIC));
      f.items[0]!.rule = defaultRule(kind);
      const body = formToRubric(f);
      expect(RubricSchema.safeParse({ ...body, version: 1 }).success, kind).toBe(true);
      expect(rubricToForm(body).items[0]?.rule.kind).toBe(kind);
    }
  });

  it('leaves an emptied number out, so the server names the field as missing', () => {
    const f = rubricToForm(asJson(DEFAULT_RUBRIC));
    f.items[0]!.weight = null;
    const body = formToRubric(f) as { items: Array<Record<string, unknown>> };
    expect(body.items[0]).not.toHaveProperty('weight');
    const issue = RubricSchema.safeParse({ ...body, version: 1 }).error?.issues[0];
    expect(issue && describeRubricIssue(issue, body)).toMatchObject({
      path: ['items', 0, 'weight'],
      zh: '第1项“签约落地率”的分值（权重）未填写',
      en: 'item 1 "Landing rate": weight is missing',
    });
  });
});

describe('rubric blocks in words', () => {
  it('describes each block type in Chinese and English', () => {
    const [landing, , investment] = DEFAULT_RUBRIC.items;
    expect(describeItem(landing!, 'zh')).toBe('得分 = 20 × 签约落地率 ÷ 目标（80%）；超额不加分');
    expect(describeItem(investment!, 'zh')).toBe(
      '得分 = 25 × 投资完成率 ÷ 目标（时序进度）；超额完成最多按110%计，最高27.5分',
    );
    expect(describeItem(landing!, 'en')).toBe('points = 20 × landing rate ÷ target (80%); no bonus above the target');
    const perPoint = { kind: 'per_point', baseline: 0.8, basePoints: 10, pointsPerPoint: 0.5, min: 0 };
    expect(describeItem({ input: 'startRate', weight: 20, rule: perPoint }, 'zh')).toBe(
      '以80%为基准得10分，每高（低）1个百分点加（减）0.5分，最低0分、最高20分',
    );
    const size = {
      kind: 'size_bands',
      bands: [
        { min: 100000, points: 5 },
        { min: 500000, points: 10 },
      ],
    };
    expect(describeItem({ input: 'tourScore', weight: 10, rule: size }, 'zh')).toContain(
      '达到100000得5分，达到500000得10分',
    );
    expect(describeItem({ input: 'overdueProblems', weight: 6, rule: { kind: 'count', pointsEach: 2 } }, 'zh')).toBe(
      '每个计2分，最高6分',
    );
    const rank = {
      kind: 'rank_bands',
      order: 'desc',
      bands: [
        { upToRank: 3, points: 10 },
        { upToRank: 6, points: 5 },
      ],
    };
    expect(describeItem({ input: 'startRate', weight: 10, rule: rank }, 'zh')).toBe(
      '按开工率从高到低排名：前3名得10分，前6名得5分',
    );
    expect(describeDeduction(DEFAULT_RUBRIC.deductions[0]!, 'zh')).toBe('超期未办结问题数每个扣0.5分，最多扣5分');
  });

  it('adds up the nominal points and the most with over-achievement', () => {
    expect(totals(DEFAULT_RUBRIC.items)).toEqual({ nominal: 100, max: 102.5 });
  });
});

describe('the API’s rubric problems', () => {
  it('are named in words at the form field of their path', () => {
    const bad = asJson(DEFAULT_RUBRIC) as {
      items: Array<Record<string, unknown>>;
      deductions: Array<Record<string, unknown>>;
    };
    bad.items[0]!.weight = -5;
    bad.items[1]!.rule = { kind: 'ratio_to_target', cap: 1 };
    bad.deductions[0]!.max = 0;
    const issues = RubricSchema.safeParse(bad).error?.issues ?? [];
    const problems = issues.map((i) => describeRubricIssue(i, bad));
    expect(problems.map((p) => p.zh)).toEqual([
      '第1项“签约落地率”的分值（权重）不能小于0',
      '第2项“开工率”的计分规则：目标值与“目标取自”须填且只填一项',
      '第1个扣分项“问题超期未办结”的最多扣分须大于0',
    ]);
    expect(problems[0]?.en).toBe('item 1 "Landing rate": weight must be at least 0');
    expect(problemsToFields(problems, 'zh').map((f) => f.name)).toEqual([
      ['items', 0, 'weight'],
      ['items', 1, 'rule', 'kind'],
      ['deductions', 0, 'max'],
    ]);
    expect(problemsToFields(problems, 'en')[0]?.errors).toEqual(['item 1 "Landing rate": weight must be at least 0']);
  });
});
