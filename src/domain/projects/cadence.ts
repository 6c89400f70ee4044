import { z } from 'zod';

/**
 * Cadence of the 五个一 cycle: "一季一签约、一季一开工、一季一观摩、一季一考核、一季一通报". Cities
 * vary it (monthly bulletins, half-yearly tours), so each event has a cycle length in months and
 * the month within the cycle in which it happens.
 */
export const CADENCE_EVENTS = ['signing', 'groundbreaking', 'tour', 'assessment', 'bulletin'] as const;
export type CadenceEvent = (typeof CADENCE_EVENTS)[number];

export const CADENCE_EVENT_NAMES: Record<CadenceEvent, { zh: string; en: string }> = {
  signing: { zh: '集中签约', en: 'signing' },
  groundbreaking: { zh: '集中开工', en: 'groundbreaking' },
  tour: { zh: '观摩', en: 'inspection tour' },
  assessment: { zh: '考核', en: 'assessment' },
  bulletin: { zh: '通报', en: 'bulletin' },
};

const EventCadence = z
  .object({
    /** Cycle length in months: 1 monthly, 3 quarterly, 6 half-yearly, 12 yearly. */
    every: z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)]),
    /** Month within the cycle (1 = first month of the quarter …). */
    monthInCycle: z.number().int().min(1),
  })
  .refine((c) => c.monthInCycle <= c.every, { message: 'monthInCycle beyond the cycle' });

export const CadenceSchema = z.object({
  signing: EventCadence,
  groundbreaking: EventCadence,
  tour: EventCadence,
  assessment: EventCadence,
  bulletin: EventCadence,
});
export type Cadence = z.infer<typeof CadenceSchema>;

/**
 * Default: signing and groundbreaking in the first month of each quarter (projects then have the
 * quarter to show progress), tour, assessment and bulletin in its last month.
 */
export const DEFAULT_CADENCE: Cadence = {
  signing: { every: 3, monthInCycle: 1 },
  groundbreaking: { every: 3, monthInCycle: 1 },
  tour: { every: 3, monthInCycle: 3 },
  assessment: { every: 3, monthInCycle: 3 },
  bulletin: { every: 3, monthInCycle: 3 },
};

export type Period =
  | { year: number; month: number }
  | { year: number; quarter: number }
  | { year: number; half: number };

export interface DueEvent {
  event: CadenceEvent;
  year: number;
  month: number;
  /** The cycle the event belongs to: `2026-03` (monthly), `2026-Q1`, `2026-H1`, `2026`. */
  cycle: string;
  zh: string;
  en: string;
}

/** Events due in a month, quarter or half-year, ordered by month then by the 五个一 order. */
export function eventsDue(cadence: Cadence, period: Period): DueEvent[] {
  const out: DueEvent[] = [];
  for (const month of monthsOf(period)) {
    for (const event of CADENCE_EVENTS) {
      const c = cadence[event];
      if ((month - 1) % c.every !== c.monthInCycle - 1) continue;
      const cycle = cycleLabel(period.year, month, c.every);
      const n = CADENCE_EVENT_NAMES[event];
      out.push({
        event,
        year: period.year,
        month,
        cycle,
        zh: `${period.year}年${month}月${n.zh}（${cycle}）`,
        en: `${n.en} in ${period.year}-${pad(month)} (${cycle})`,
      });
    }
  }
  return out;
}

function monthsOf(period: Period): number[] {
  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
  if ('month' in period) {
    if (period.month < 1 || period.month > 12) throw new RangeError(`month ${period.month}`);
    return [period.month];
  }
  if ('quarter' in period) {
    if (period.quarter < 1 || period.quarter > 4) throw new RangeError(`quarter ${period.quarter}`);
    return range((period.quarter - 1) * 3 + 1, 3);
  }
  if (period.half < 1 || period.half > 2) throw new RangeError(`half ${period.half}`);
  return range((period.half - 1) * 6 + 1, 6);
}

function cycleLabel(year: number, month: number, every: number): string {
  if (every === 1) return `${year}-${pad(month)}`;
  if (every === 3) return `${year}-Q${Math.ceil(month / 3)}`;
  if (every === 6) return `${year}-H${Math.ceil(month / 6)}`;
  return `${year}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** What the quarter shows of its 五个一 events, for judging whether each one due has taken place. */
export interface ScheduleFacts {
  /** Signings, groundbreakings and tours recorded, with their dates (any quarter of the year). */
  events: ReadonlyArray<{ kind: 'signing' | 'groundbreaking' | 'tour'; heldOn: string }>;
  /** Whether any judge scored the quarter's tour. */
  tourScored: boolean;
  /** Whether the quarter's assessment is closed. */
  assessmentClosed: boolean;
  /** The quarter's bulletin: issued, a draft, or none. */
  bulletin: 'issued' | 'draft' | null;
}

export type ScheduleStatus = 'done' | 'in_progress' | 'missing';

export interface ScheduledEvent extends DueEvent {
  status: ScheduleStatus;
  /** The dates or state the status was judged on, in words. */
  detailZh: string;
  detailEn: string;
}

/**
 * Each event due in the period with whether it took place: a signing, groundbreaking or tour counts when
 * one is recorded within its cycle (the month, quarter, half-year or year it belongs to), a tour also when
 * judges scored it; the assessment is done once the quarter is closed; the bulletin once issued.
 */
export function scheduleStatus(cadence: Cadence, period: Period, facts: ScheduleFacts): ScheduledEvent[] {
  return eventsDue(cadence, period).map((due) => {
    if (due.event === 'assessment') {
      return facts.assessmentClosed
        ? { ...due, status: 'done', detailZh: '已结束考核', detailEn: 'closed' }
        : { ...due, status: 'in_progress', detailZh: '考核进行中', detailEn: 'open' };
    }
    if (due.event === 'bulletin') {
      if (facts.bulletin === 'issued') return { ...due, status: 'done', detailZh: '已印发', detailEn: 'issued' };
      if (facts.bulletin === 'draft') {
        return { ...due, status: 'in_progress', detailZh: '草稿待印发', detailEn: 'drafted, not issued' };
      }
      return { ...due, status: 'missing', detailZh: '尚未起草', detailEn: 'not drafted' };
    }
    const [from, to] = cycleSpan(due.year, due.month, cadence[due.event].every);
    const held = facts.events
      .filter((e) => e.kind === due.event && e.heldOn >= from && e.heldOn <= to)
      .map((e) => e.heldOn)
      .sort();
    if (held.length > 0) {
      return { ...due, status: 'done', detailZh: `已举办：${held.join('、')}`, detailEn: `held on ${held.join(', ')}` };
    }
    if (due.event === 'tour' && facts.tourScored) {
      return {
        ...due,
        status: 'done',
        detailZh: '已评分（未登记观摩活动）',
        detailEn: 'scored (no tour event recorded)',
      };
    }
    return {
      ...due,
      status: 'missing',
      detailZh: `${from} 至 ${to} 未登记`,
      detailEn: `none recorded from ${from} to ${to}`,
    };
  });
}

/** First and last day of the cycle of `every` months that contains `month`. */
function cycleSpan(year: number, month: number, every: number): [string, string] {
  const first = Math.floor((month - 1) / every) * every + 1;
  const last = first + every - 1;
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return [`${year}-${pad(first)}-01`, `${year}-${pad(last)}-${pad(lastDay)}`];
}
