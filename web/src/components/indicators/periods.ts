/**
 * Reporting periods in the browser: `2023`, `2023Q3`, `2023-07`, as the server accepts them
 * (src/domain/period.ts; the web app does not import server code, so the few rules it needs are here).
 */

// Standalone on purpose (no imports): test/unit/web/periods.test.ts checks these rules against the server's.
export type Frequency = 'year' | 'quarter' | 'month';
type Locale = 'zh' | 'en';

export interface Period {
  frequency: Frequency;
  year: number;
  /** 1 for a year, 1–4 for a quarter, 1–12 for a month. */
  index: number;
}

const PER_YEAR: Record<Frequency, number> = { year: 1, quarter: 4, month: 12 };
/** Finest first: the order the period picker groups them in is the reverse. */
export const FREQUENCIES: Frequency[] = ['year', 'quarter', 'month'];

export function parsePeriod(s: string): Period | null {
  const m = /^(\d{4})(?:Q([1-4])|-(\d{2}))?$/.exec(s.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] !== undefined) return { frequency: 'quarter', year, index: Number(m[2]) };
  if (m[3] !== undefined) {
    const month = Number(m[3]);
    return month >= 1 && month <= 12 ? { frequency: 'month', year, index: month } : null;
  }
  return { frequency: 'year', year, index: 1 };
}

export function formatPeriod(p: Period): string {
  if (p.frequency === 'year') return String(p.year);
  if (p.frequency === 'quarter') return `${p.year}Q${p.index}`;
  return `${p.year}-${String(p.index).padStart(2, '0')}`;
}

export function frequencyOf(period: string): Frequency {
  return parsePeriod(period)?.frequency ?? 'year';
}

/** 2023年 / 2023年第3季度 / 2023年7月; 2023 / 2023 Q3 / 2023-07. Unparseable text is shown as it is. */
export function periodLabel(period: string, locale: Locale): string {
  const p = parsePeriod(period);
  if (!p) return period;
  if (locale === 'en') return p.frequency === 'quarter' ? `${p.year} Q${p.index}` : formatPeriod(p);
  if (p.frequency === 'year') return `${p.year}年`;
  return p.frequency === 'quarter' ? `${p.year}年第${p.index}季度` : `${p.year}年${p.index}月`;
}

/** Every period of frequency `f` in the years `from`–`to`, in time order. */
export function periodsOf(f: Frequency, from: number, to: number): string[] {
  const out: string[] = [];
  for (let year = from; year <= to; year++)
    for (let index = 1; index <= PER_YEAR[f]; index++) out.push(formatPeriod({ frequency: f, year, index }));
  return out;
}

/**
 * The period of frequency `f` that covers the end of `period`: 2023Q3 → 2023 (year), 2023 → 2023Q4,
 * 2023Q3 → 2023-09. This is how one period choice on a page maps onto indicators of other frequencies.
 */
export function toFrequency(period: string, f: Frequency): string {
  const p = parsePeriod(period);
  if (!p) return period;
  if (p.frequency === f) return formatPeriod(p);
  const index = Math.max(1, Math.ceil((p.index / PER_YEAR[p.frequency]) * PER_YEAR[f] - 1e-9));
  return formatPeriod({ frequency: f, year: p.year, index: f === 'year' ? 1 : index });
}

/** The periods of frequency `f` inside `period` (the months of 2023Q3, the quarters of 2023); itself if not coarser. */
export function periodsWithin(period: string, f: Frequency): string[] {
  const p = parsePeriod(period);
  if (!p) return [period];
  if (PER_YEAR[f] <= PER_YEAR[p.frequency]) return [toFrequency(period, f)];
  const per = PER_YEAR[f] / PER_YEAR[p.frequency];
  const out: string[] = [];
  for (let i = 1; i <= per; i++) out.push(formatPeriod({ frequency: f, year: p.year, index: (p.index - 1) * per + i }));
  return out;
}

/** The period before: 2023 → 2022, 2023Q1 → 2022Q4, 2023-01 → 2022-12. */
export function previousPeriod(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  if (p.index > 1) return formatPeriod({ ...p, index: p.index - 1 });
  return formatPeriod({ frequency: p.frequency, year: p.year - 1, index: PER_YEAR[p.frequency] });
}

/** Orders periods by their end; a year sorts after its last quarter and month. */
export function comparePeriods(a: string, b: string): number {
  const end = (s: string) => {
    const p = parsePeriod(s);
    return p ? p.year - 1 + p.index / PER_YEAR[p.frequency] + PER_YEAR[p.frequency] * -1e-6 : 0;
  };
  return end(a) - end(b);
}
