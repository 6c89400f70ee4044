/**
 * Monthly project report (项目月报): the month's investment, year to date and since the start, the
 * physical progress (形象进度) text and photos. Pure rules: the figures with their provenance and
 * the recognition of photo bytes.
 */

export type ReportState = 'draft' | 'submitted' | 'approved' | 'returned';

export interface ReportMonth {
  year: number;
  month: number;
  planned: number;
  completed: number;
  state: ReportState;
}

export interface MonthlyFigures {
  /** 本月完成投资, 万元. */
  thisMonth: number;
  /** 本年累计完成投资: Σ completed of the same year, January through this month. */
  yearToDate: number;
  /** 自开工累计完成投资: Σ completed of every reported month up to and including this one. */
  sinceStart: number;
  /** 本年计划投资: Σ planned of the same year (all twelve months), for the completion share. */
  plannedThisYear: number;
  provenance: {
    rule: string;
    /** The months summed into sinceStart (yearToDate is the subset of the same year), as `YYYY-MM`. */
    months: string[];
    /** Months in the sums whose figures are not approved yet: the totals may still change. */
    unapprovedMonths: string[];
  };
}

const ym = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The figures of one month from every reported month of the project. Decision: the sums take each
 * month's current figures whatever their state (the report form must show what the owner entered),
 * and the provenance names the months that are not approved yet, so a reader sees which part of a
 * total is not final. Statistics (KPIs, rankings) read approved and submitted months as before.
 */
export function monthlyFigures(months: readonly ReportMonth[], year: number, month: number): MonthlyFigures {
  const key = year * 100 + month;
  const upTo = months
    .filter((m) => m.year * 100 + m.month <= key)
    .sort((a, b) => a.year * 100 + a.month - (b.year * 100 + b.month));
  const self = upTo.find((m) => m.year === year && m.month === month);
  const ytd = upTo.filter((m) => m.year === year);
  return {
    thisMonth: round1(self?.completed ?? 0),
    yearToDate: round1(ytd.reduce((s, m) => s + m.completed, 0)),
    sinceStart: round1(upTo.reduce((s, m) => s + m.completed, 0)),
    plannedThisYear: round1(months.filter((m) => m.year === year).reduce((s, m) => s + m.planned, 0)),
    provenance: {
      rule: `本年累计 = ${year}年1月至${month}月完成投资之和；自开工累计 = 截至${ym(year, month)}各月完成投资之和 / YTD = Σ completed ${year}-01..${ym(year, month)}; since start = Σ completed of every month through ${ym(year, month)}`,
      months: upTo.map((m) => ym(m.year, m.month)),
      unapprovedMonths: upTo.filter((m) => m.state !== 'approved').map((m) => ym(m.year, m.month)),
    },
  };
}

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** Photos of physical progress: a phone photo is 2–6 MB; 10 MB leaves room without filling the database. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/**
 * The photo type from the first bytes (magic numbers), never from the file name or the browser's
 * claimed type: JPEG `FF D8 FF`, PNG `89 50 4E 47 0D 0A 1A 0A`, WebP `RIFF….WEBP`. Null for anything else.
 */
export function sniffPhoto(bytes: Uint8Array): PhotoType | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length >= 8 && png.every((x, i) => b[i] === x)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}
