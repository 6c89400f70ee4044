/**
 * Bilingual, code-keyed messages. The `code` is stable English (clients branch on it); `zh` is what
 * the offices read; `en` is for logs, the API and non-Chinese readers.
 */
export interface Message {
  code: string;
  zh: string;
  en: string;
}

/** A rule broken by a proposed change; the same shape as {@link Message} so the UI renders both alike. */
export type Violation = Message;

/** Calendar date as `YYYY-MM-DD`. Strings compare correctly with `<` and cost nothing to parse. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2026-02-30). */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole days from `a` to `b` (positive when b is later). Both must be valid ISO dates. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Formats a ratio 0.853 as `85.3%` for messages (one decimal is what bulletins print). */
export function pct(r: number): string {
  return `${round(r * 100, 1)}%`;
}

/** Half-away-from-zero rounding to `digits` decimals; avoids 0.1 + 0.2 noise in scores and ties. */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return (Math.sign(x) * Math.round(Math.abs(x) * f + Number.EPSILON)) / f;
}
