import { daysBetween, type IsoDate, pct, round } from './messages.ts';

/**
 * Warning lights from time-proportional progress (时序进度). By the end of month m the project
 * should have done m/12 of its planned annual investment; the light shows how many percentage
 * points of the annual plan it is behind that line, and how many days its planned milestones are
 * overdue. The worse of the two decides the colour.
 */
export type Light = 'green' | 'yellow' | 'red';

export interface LightBands {
  /** Behind time-proportional progress by at least this many percentage points → yellow. */
  investmentYellowPp: number;
  /** … by at least this many → red. */
  investmentRedPp: number;
  /** A planned milestone not reached at least this many days after its date → yellow. */
  milestoneYellowDays: number;
  milestoneRedDays: number;
}

/** Bulletin practice: "低于时序进度5个百分点黄灯、10个百分点以上红灯"; one month late yellow, three red. */
export const DEFAULT_LIGHT_BANDS: LightBands = {
  investmentYellowPp: 5,
  investmentRedPp: 10,
  milestoneYellowDays: 30,
  milestoneRedDays: 90,
};

export interface ScheduleInput {
  plannedAnnualInvestment: number;
  /** Investment completed in the year through the last reported month. */
  completedInvestmentYtd: number;
  /** Months of the year covered by the report (1–12); see {@link monthsElapsed}. */
  monthsElapsed: number;
  /** Planned milestone dates that should already have happened, with their actual dates if any. */
  milestones?: ReadonlyArray<{ name: { zh: string; en: string }; planned: IsoDate; actual?: IsoDate | null }>;
}

export interface LightResult {
  light: Light;
  /** Percentage points of the annual plan behind schedule (negative = ahead). */
  investmentLagPp: number | null;
  /** Largest number of days a planned milestone is overdue (0 when none is). */
  milestoneLagDays: number;
  reasons: Array<{ code: string; light: Light; zh: string; en: string }>;
}

/**
 * Months fully covered by statistics on `today`: investment is reported per calendar month after it
 * ends, so on 2026-11-23 the year to date is January–October (10 months).
 */
export function monthsElapsed(today: IsoDate): number {
  return Number(today.slice(5, 7)) - 1;
}

export function warningLight(
  input: ScheduleInput,
  today: IsoDate,
  bands: LightBands = DEFAULT_LIGHT_BANDS,
): LightResult {
  const reasons: LightResult['reasons'] = [];
  const lagPp = investmentLag(input);
  if (lagPp !== null) {
    const light = grade(lagPp, bands.investmentYellowPp, bands.investmentRedPp);
    const done = input.completedInvestmentYtd / input.plannedAnnualInvestment;
    const due = input.monthsElapsed / 12;
    reasons.push({
      code: light === 'green' ? 'INVESTMENT_ON_SCHEDULE' : 'INVESTMENT_BEHIND_SCHEDULE',
      light,
      zh: `投资完成${pct(done)}，时序进度${pct(due)}，${lagPp > 0 ? `落后${lagPp}个百分点` : '未落后'}`,
      en: `Investment ${pct(done)} done against ${pct(due)} time-proportional progress${lagPp > 0 ? `, ${lagPp} points behind` : ', not behind'}`,
    });
  }
  let worstDays = 0;
  for (const m of input.milestones ?? []) {
    // a milestone already reached no longer lags, however late it came
    if (m.actual) continue;
    const late = daysBetween(m.planned, today);
    if (late <= 0) continue;
    worstDays = Math.max(worstDays, late);
    const light = grade(late, bands.milestoneYellowDays, bands.milestoneRedDays);
    reasons.push({
      code: 'MILESTONE_LATE',
      light,
      zh: `计划${m.planned}${m.name.zh}，尚未完成，滞后${late}天`,
      en: `${m.name.en} planned ${m.planned}, not yet done, ${late} days late`,
    });
  }
  const light = reasons.reduce<Light>((w, r) => worse(w, r.light), 'green');
  return { light, investmentLagPp: lagPp, milestoneLagDays: worstDays, reasons };
}

/** Percentage points of the annual plan behind the pro-rata line, or null when nothing is planned. */
export function investmentLag(
  input: Pick<ScheduleInput, 'plannedAnnualInvestment' | 'completedInvestmentYtd' | 'monthsElapsed'>,
): number | null {
  if (!(input.plannedAnnualInvestment > 0)) return null;
  const due = input.monthsElapsed / 12;
  return round((due - input.completedInvestmentYtd / input.plannedAnnualInvestment) * 100, 1);
}

/** Bands are inclusive at their lower edge: exactly 5 points behind is already yellow. */
function grade(value: number, yellowFrom: number, redFrom: number): Light {
  if (value >= redFrom) return 'red';
  if (value >= yellowFrom) return 'yellow';
  return 'green';
}

const RANK: Record<Light, number> = { green: 0, yellow: 1, red: 2 };
function worse(a: Light, b: Light): Light {
  return RANK[b] > RANK[a] ? b : a;
}
