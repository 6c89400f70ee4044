import { describe, expect, it } from 'vitest';
import { CadenceSchema, DEFAULT_CADENCE, eventsDue, scheduleStatus } from '../../../../src/domain/projects/index.ts';

const pick = (xs: ReturnType<typeof eventsDue>) => xs.map((e) => `${e.month}:${e.event}:${e.cycle}`);

describe('eventsDue', () => {
  it('runs the default 五个一 cycle once a quarter', () => {
    expect(pick(eventsDue(DEFAULT_CADENCE, { year: 2026, quarter: 3 }))).toEqual([
      '7:signing:2026-Q3',
      '7:groundbreaking:2026-Q3',
      '9:tour:2026-Q3',
      '9:assessment:2026-Q3',
      '9:bulletin:2026-Q3',
    ]);
    expect(eventsDue(DEFAULT_CADENCE, { year: 2026, month: 8 })).toEqual([]);
  });

  it('supports monthly bulletins and half-yearly tours', () => {
    const c = CadenceSchema.parse({
      ...DEFAULT_CADENCE,
      tour: { every: 6, monthInCycle: 6 },
      bulletin: { every: 1, monthInCycle: 1 },
    });
    expect(pick(eventsDue(c, { year: 2026, month: 5 }))).toEqual(['5:bulletin:2026-05']);
    expect(pick(eventsDue(c, { year: 2026, month: 6 }))).toEqual([
      '6:tour:2026-H1',
      '6:assessment:2026-Q2',
      '6:bulletin:2026-06',
    ]);
    expect(eventsDue(c, { year: 2026, quarter: 1 }).filter((e) => e.event === 'tour')).toEqual([]);
    const h2 = eventsDue(c, { year: 2026, half: 2 });
    expect(h2.filter((e) => e.event === 'bulletin')).toHaveLength(6);
    expect(h2.filter((e) => e.event === 'tour').map((e) => e.month)).toEqual([12]);
    expect(h2.find((e) => e.event === 'tour')).toMatchObject({
      zh: '2026年12月观摩（2026-H2）',
      en: 'inspection tour in 2026-12 (2026-H2)',
    });
  });

  it('rejects a month outside its cycle and a bad period', () => {
    expect(() => CadenceSchema.parse({ ...DEFAULT_CADENCE, tour: { every: 3, monthInCycle: 4 } })).toThrow();
    expect(() => CadenceSchema.parse({ ...DEFAULT_CADENCE, tour: { every: 2, monthInCycle: 1 } })).toThrow();
    expect(() => eventsDue(DEFAULT_CADENCE, { year: 2026, quarter: 5 })).toThrow(RangeError);
  });
});

describe('scheduleStatus', () => {
  const facts = {
    events: [
      { kind: 'signing' as const, heldOn: '2024-10-15' },
      { kind: 'groundbreaking' as const, heldOn: '2024-09-30' },
      { kind: 'tour' as const, heldOn: '2024-07-20' },
    ],
    tourScored: false,
    assessmentClosed: false,
    bulletin: 'draft' as const,
  };

  it('judges the quarter’s five events on what was recorded within their cycle', () => {
    const s = scheduleStatus(DEFAULT_CADENCE, { year: 2024, quarter: 4 }, facts);
    expect(s.map((e) => [e.event, e.month, e.status])).toEqual([
      ['signing', 10, 'done'],
      ['groundbreaking', 10, 'missing'],
      ['tour', 12, 'missing'],
      ['assessment', 12, 'in_progress'],
      ['bulletin', 12, 'in_progress'],
    ]);
    expect(s[0]!.detailZh).toBe('已举办：2024-10-15');
    // the September groundbreaking belongs to Q3, not Q4
    expect(s[1]!.detailZh).toBe('2024-10-01 至 2024-12-31 未登记');
    expect(
      scheduleStatus(DEFAULT_CADENCE, { year: 2024, quarter: 4 }, { ...facts, tourScored: true })[2],
    ).toMatchObject({
      status: 'done',
      detailZh: '已评分（未登记观摩活动）',
    });
  });

  it('a half-yearly tour held in July counts for the second half, due in December', () => {
    const cadence = { ...DEFAULT_CADENCE, tour: { every: 6 as const, monthInCycle: 6 } };
    expect(scheduleStatus(cadence, { year: 2024, quarter: 3 }, facts).some((e) => e.event === 'tour')).toBe(false);
    const q4 = scheduleStatus(cadence, { year: 2024, quarter: 4 }, facts).find((e) => e.event === 'tour');
    expect(q4).toMatchObject({ month: 12, cycle: '2024-H2', status: 'done', detailZh: '已举办：2024-07-20' });
  });
});
