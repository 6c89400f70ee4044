/**
 * Pure helpers of the quarter-event form: amounts typed in 万元 or 亿元 → the 万元 the API stores,
 * the live total, the request body, and the API's per-field problems (422 EVENT_INVALID) as form errors.
 */
export type EventKind = 'signing' | 'groundbreaking' | 'tour';
export type AmountUnit = 'wan' | 'yi';

export interface EventProjectRow {
  projectId: number;
  name: string;
  /** As typed, in `unit`; null = not stated. */
  amount: number | null;
}

export interface EventFormValues {
  kind: EventKind;
  heldOn: string;
  title: string;
  place?: string | null | undefined;
  note?: string | null | undefined;
  unit: AmountUnit;
  projects: EventProjectRow[];
}

/** An amount typed in the form's unit → 万元, rounded to 0.01 万元 (1.5 亿元 → 15000). */
export function toWan(amount: number | null | undefined, unit: AmountUnit): number | null {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return null;
  return Math.round((unit === 'yi' ? amount * 10_000 : amount) * 100) / 100;
}

/** The projects and the amount (万元) of the rows, as the event card will show them. */
export function formTotal(rows: EventProjectRow[], unit: AmountUnit): { projects: number; wan: number } {
  const wan = rows.reduce((s, r) => s + (toWan(r.amount, unit) ?? 0), 0);
  return { projects: rows.length, wan: Math.round(wan * 100) / 100 };
}

/** The body of `POST /api/quarters/:year/:quarter/events` (a tour records no amounts). */
export function eventBody(v: EventFormValues) {
  const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
  return {
    kind: v.kind,
    title: v.title.trim(),
    heldOn: v.heldOn,
    place: text(v.place),
    note: text(v.note),
    projects: v.projects.map((p) => ({
      projectId: p.projectId,
      amount: v.kind === 'tour' ? null : toWan(p.amount, v.unit),
    })),
  };
}

/** What is missing before the form may be sent (the server checks the rest), by field. */
export function missingFields(v: Partial<EventFormValues>): Array<'title' | 'heldOn'> {
  const out: Array<'title' | 'heldOn'> = [];
  if (!v.title?.trim()) out.push('title');
  if (!v.heldOn || !/^\d{4}-\d{2}-\d{2}$/.test(v.heldOn)) out.push('heldOn');
  return out;
}

/** The first and last day of a quarter (the dates an event of it may have). */
export function quarterDays(year: number, quarter: number): { first: string; last: string } {
  const first = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
  const last = `${year}-${['03-31', '06-30', '09-30', '12-31'][quarter - 1]}`;
  return { first, last };
}

/** 422 EVENT_INVALID `data.problems` ({field, zh, en}) → antd field errors in the current language. */
export function eventProblemsToFields(
  problems: Array<{ field: string; zh: string; en: string }>,
  locale: 'zh' | 'en',
): Array<{ name: string; errors: string[] }> {
  const by = new Map<string, string[]>();
  for (const p of problems) by.set(p.field, [...(by.get(p.field) ?? []), locale === 'zh' ? p.zh : p.en]);
  return [...by.entries()].map(([name, errors]) => ({ name, errors }));
}
