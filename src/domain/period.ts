/**
 * Reporting periods: a year `2023`, a quarter `2023Q3` or a month `2023-07`. Pure and clock-free.
 *
 * Time is measured on one continuous axis, the "period end": the end of year Y is Y, so a
 * baseline of 2020 sits at 2020, the end of 2023Q3 at 2022.75 and the end of 2023-07 at 2022.583….
 * Elapsed plan time is then a subtraction, whatever the frequency.
 */
export type Frequency = 'year' | 'quarter' | 'month';

export interface Period {
  frequency: Frequency;
  year: number;
  /** 1 for a year, 1–4 for a quarter, 1–12 for a month. */
  index: number;
}

/** A plan's years, both inclusive, e.g. 十四五 = { start: 2021, end: 2025 } (baseline year 2020). */
export interface PlanPeriod {
  start: number;
  end: number;
}

const PER_YEAR: Record<Frequency, number> = { year: 1, quarter: 4, month: 12 };
const PERIOD_RE = /^(\d{4})(?:\s*[Qq]([1-4])|-(\d{1,2}))?$/;

export function periodsPerYear(f: Frequency): number {
  return PER_YEAR[f];
}

/** Parses `2023`, `2023Q3` (or `2023q3`) and `2023-07` (or `2023-7`); null when it is none of them. */
export function tryParsePeriod(s: string): Period | null {
  const m = PERIOD_RE.exec(s.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] !== undefined) return { frequency: 'quarter', year, index: Number(m[2]) };
  if (m[3] !== undefined) {
    const month = Number(m[3]);
    return month >= 1 && month <= 12 ? { frequency: 'month', year, index: month } : null;
  }
  return { frequency: 'year', year, index: 1 };
}

/** Like {@link tryParsePeriod} but throws a RangeError naming the bad input. */
export function parsePeriod(s: string): Period {
  const p = tryParsePeriod(s);
  if (!p) throw new RangeError(`not a period: "${s}" (expected 2023, 2023Q3 or 2023-07)`);
  return p;
}

/** Canonical text form, the inverse of {@link parsePeriod}: `2023`, `2023Q3`, `2023-07`. */
export function formatPeriod(p: Period): string {
  if (p.frequency === 'year') return String(p.year);
  if (p.frequency === 'quarter') return `${p.year}Q${p.index}`;
  return `${p.year}-${String(p.index).padStart(2, '0')}`;
}

/** Human label: 2023年 / 2023年第3季度 / 2023年7月, and 2023 / 2023 Q3 / 2023-07. */
export function periodLabel(p: Period, lang: 'zh' | 'en'): string {
  if (lang === 'en') return p.frequency === 'quarter' ? `${p.year} Q${p.index}` : formatPeriod(p);
  if (p.frequency === 'year') return `${p.year}年`;
  return p.frequency === 'quarter' ? `${p.year}年第${p.index}季度` : `${p.year}年${p.index}月`;
}

/** Position of the period's end on the continuous time axis (see the module comment). */
export function periodEnd(p: Period): number {
  return p.year - 1 + p.index / PER_YEAR[p.frequency];
}

/** Orders by end time; when two periods end together (2023, 2023Q4, 2023-12) the finer comes first. */
export function comparePeriods(a: Period, b: Period): number {
  const d = periodEnd(a) - periodEnd(b);
  if (Math.abs(d) > 1e-9) return d < 0 ? -1 : 1;
  return PER_YEAR[b.frequency] - PER_YEAR[a.frequency];
}

export function isLastOfYear(p: Period): boolean {
  return p.index === PER_YEAR[p.frequency];
}

export function nextPeriod(p: Period): Period {
  if (p.index < PER_YEAR[p.frequency]) return { ...p, index: p.index + 1 };
  return { frequency: p.frequency, year: p.year + 1, index: 1 };
}

/** Every period of `from`'s frequency from `from` to `to`, both inclusive (empty when `to` is earlier). */
export function periodRange(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  const stop = periodEnd(to) + 1e-9;
  for (let p = from; periodEnd(p) <= stop; p = nextPeriod(p)) out.push(p);
  return out;
}

/** The period of frequency `f` covering `p`'s end: 2023Q3 → 2023 (year), 2023 → 2023Q4, 2023Q3 → 2023-09. */
export function toFrequency(p: Period, f: Frequency): Period {
  if (p.frequency === f) return p;
  const per = PER_YEAR[f];
  const index = Math.max(1, Math.ceil((p.index / PER_YEAR[p.frequency]) * per - 1e-9));
  return { frequency: f, year: p.year, index: f === 'year' ? 1 : index };
}

/** The first period of a plan at a given frequency: 2021, 2021Q1 or 2021-01. */
export function firstPeriodOf(plan: PlanPeriod, f: Frequency): Period {
  return { frequency: f, year: plan.start, index: 1 };
}

/**
 * Share of the plan's time that has passed at the end of `p`, clamped to [0, 1]: for 2021–2025,
 * 2023 → 0.6 and 2023Q2 → 0.5 ("时间过半" falls at mid-2023).
 */
export function fractionElapsed(plan: PlanPeriod, p: Period): number {
  const f = (periodEnd(p) - (plan.start - 1)) / (plan.end - plan.start + 1);
  return Math.min(1, Math.max(0, f));
}
