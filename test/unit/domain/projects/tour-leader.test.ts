import { describe, expect, it } from 'vitest';
import { leaderChanges } from '../../../../src/domain/projects/leader-changes.ts';
import { DEFAULT_RUBRIC, parseRubric, tourSheetOf } from '../../../../src/domain/projects/rubric.ts';
import { checkJudgeMarks, tourScore } from '../../../../src/domain/projects/scoring.ts';

const sheet = tourSheetOf(DEFAULT_RUBRIC);
const marks = (judge: string, progress: number, quality: number, service: number) => ({
  judge,
  scores: { progress, quality, service },
});

describe('tourScore (inspection-tour sheet)', () => {
  it('sums each judge’s items and averages all of them under five judges', () => {
    const r = tourScore(sheet, [marks('A', 40, 30, 30), marks('B', 30, 20, 20)]);
    expect(r.judges).toEqual([
      { judge: 'A', total: 100 },
      { judge: 'B', total: 70 },
    ]);
    expect(r).toMatchObject({ mean: 85, score: 85, dropped: [] });
    expect(r.zh).toBe('2位评委评分（不足5位，不去掉最高最低分），平均85分');
  });

  it('drops the highest and lowest total from five judges on', () => {
    const r = tourScore(sheet, [
      marks('A', 40, 30, 30), // 100, dropped
      marks('B', 35, 25, 25), // 85
      marks('C', 30, 25, 25), // 80
      marks('D', 30, 20, 25), // 75
      marks('E', 10, 10, 10), // 30, dropped
    ]);
    expect(r.dropped).toEqual([30, 100]);
    expect(r.mean).toBe(80);
    expect(r.en).toBe('5 judges: highest 100 and lowest 30 dropped, mean of the other 3 is 80');
  });

  it('leaves out a judge who did not score every item, and says so', () => {
    const r = tourScore(sheet, [marks('A', 40, 30, 30), { judge: 'B', scores: { progress: 10 } }]);
    expect(r.judges.map((j) => j.judge)).toEqual(['A']);
    expect(r.incomplete).toEqual(['B']);
    expect(r.zh).toContain('B未评完全部项目，不计入');
  });

  it('scales a sheet that is not out of 100 to the rubric’s 100', () => {
    const rubric = parseRubric({
      ...DEFAULT_RUBRIC,
      tour: { items: [{ key: 'all', label: { zh: '综合', en: 'Overall' }, max: 10 }], dropFrom: 3 },
    });
    const r = tourScore(tourSheetOf(rubric), [
      { judge: 'A', scores: { all: 9 } },
      { judge: 'B', scores: { all: 8 } },
      { judge: 'C', scores: { all: 4 } },
    ]);
    expect(r).toMatchObject({ mean: 8, score: 80, maxTotal: 10, dropped: [4, 9] });
  });

  it('no judge: no score', () => {
    expect(tourScore(sheet, [])).toMatchObject({ mean: null, score: null, zh: '尚无评委评分' });
  });

  it('checks marks against the sheet: unknown items and values outside 0 … max', () => {
    expect(checkJudgeMarks(sheet, { progress: 40, quality: 0, service: 30 })).toEqual([]);
    expect(checkJudgeMarks(sheet, { progress: 41, other: 1, service: -1 }).map((p) => p.item)).toEqual([
      'progress',
      'other',
      'service',
    ]);
  });

  it('refuses a rubric whose tour sheet repeats an item', () => {
    const item = { key: 'x', label: { zh: '甲', en: 'x' }, max: 10 };
    expect(() => parseRubric({ ...DEFAULT_RUBRIC, tour: { items: [item, item] } })).toThrow(
      /duplicate tour item key x/,
    );
  });
});

describe('leaderChanges (一联五, the quarter against the previous one)', () => {
  const q = { from: '2024-04-01', to: '2024-06-30' };
  const prev = { from: '2024-01-01', to: '2024-03-31' };
  const projects = [
    { id: 1, name: '甲项目', milestones: { signed: '2023-05-01', started: '2024-05-10' } },
    { id: 2, name: '乙项目', milestones: { signed: '2024-06-30', in_production: '2024-04-02' } },
  ];
  const problems = [
    { id: 1, projectId: 1, title: '用地', raisedOn: '2024-04-05', closedOn: null },
    { id: 2, projectId: 2, title: '能耗', raisedOn: '2024-02-01', closedOn: '2024-05-01' },
    { id: 3, projectId: 2, title: '环评', raisedOn: '2024-01-01', closedOn: '2024-03-01' },
  ];
  const inv = [
    { projectId: 1, year: 2024, month: 2, completed: 100 },
    { projectId: 1, year: 2024, month: 5, completed: 300 },
    { projectId: 2, year: 2024, month: 3, completed: 50 },
    { projectId: 2, year: 2024, month: 7, completed: 999 }, // next quarter: not counted
  ];

  it('lists library moves and milestones of the quarter, problems raised and closed, investment change', () => {
    const c = leaderChanges(projects, problems, inv, q, prev);
    expect(c.moves.map((m) => [m.projectId, m.milestone, m.library])).toEqual([
      [2, 'in_production', null],
      [1, 'started', 'construction'],
      [2, 'signed', 'reserve'],
    ]);
    expect(c.moves[1]!.zh).toBe('甲项目于2024-05-10开工，进入建设库');
    expect(c.newProblems.map((p) => p.id)).toEqual([1]);
    expect(c.closedProblems.map((p) => p.id)).toEqual([2]);
    expect(c.investment).toMatchObject({ current: 300, previous: 150, change: 150 });
    expect(c.zh).toBe('本季度2次进库、3个节点，新增问题1个、办结1个；完成投资300万元，较上季度增加150万元');
  });
});
