import { ApiError, type Id, request, toApiError } from '../../api.ts';
import type { Status } from '../../api-indicators.ts';

/** The annual report model as GET /api/plans/:id/reports/annual returns it (src/reports/annual-report.model.ts). */
export interface Run {
  text: string;
  /** A place a person must add judgement. */
  fill?: boolean;
  bold?: boolean;
}

export interface ChartSpec {
  id: string;
  kind: 'status' | 'path';
  title: string;
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  unit: string;
}

export type Block =
  | { kind: 'title'; lines: string[] }
  | { kind: 'subtitle'; runs: Run[] }
  | { kind: 'heading1'; text: string }
  | { kind: 'heading2'; text: string }
  | { kind: 'paragraph'; runs: Run[]; indent?: boolean }
  | { kind: 'chart'; chart: ChartSpec; caption: string }
  | {
      kind: 'table';
      caption: string;
      header: string[];
      rows: string[][];
      widths: number[];
      align: ('left' | 'center')[];
    }
  | { kind: 'pageBreak' }
  | { kind: 'signature'; lines: Run[][] }
  | { kind: 'annexTitle'; label: string; text: string };

export interface AnnualReport {
  title: string;
  planId: number;
  region: { code: string; name: string };
  year: number;
  draftedOn: string;
  hasDemoData: boolean;
  total: number;
  counts: { status: Status; label: string; count: number }[];
  headline: {
    id: number;
    name: string;
    unit: string;
    actual: number | null;
    expected: number | null;
    target: string;
    status: Status;
  }[];
  behind: { id: number; name: string; leadUnit: string | null; status: Status; required: string }[];
  charts: ChartSpec[];
  blocks: Block[];
}

export type ReportFormat = 'docx' | 'pdf' | 'xlsx';

function query(year: number, region: string | undefined): string {
  const q = new URLSearchParams({ year: String(year) });
  if (region) q.set('region', region);
  return q.toString();
}

export function reportUrl(planId: Id, year: number, region: string | undefined, fmt?: ReportFormat): string {
  return `/api/plans/${encodeURIComponent(String(planId))}/reports/annual${fmt ? `.${fmt}` : ''}?${query(year, region)}`;
}

export const reportApi = {
  annual: (planId: Id, year: number, region: string | undefined) =>
    request<AnnualReport>(reportUrl(planId, year, region)),

  /** The file as a blob with the name the server gives it; throws ApiError with the server's bilingual message. */
  download: async (
    planId: Id,
    year: number,
    region: string | undefined,
    fmt: ReportFormat,
  ): Promise<{ blob: Blob; name: string }> => {
    let res: Response;
    try {
      res = await fetch(reportUrl(planId, year, region, fmt));
    } catch (err) {
      throw toApiError(err);
    }
    if (!res.ok) {
      let e: { code?: string; message?: string; messageZh?: string; messageEn?: string } | undefined;
      try {
        e = ((await res.json()) as { error?: typeof e }).error;
      } catch {
        e = undefined;
      }
      throw new ApiError(
        res.status,
        e?.code ?? `HTTP_${res.status}`,
        e?.messageZh ?? e?.message ?? `服务器返回错误 HTTP ${res.status}`,
        e?.messageEn ?? e?.message ?? `HTTP ${res.status} ${res.statusText}`,
      );
    }
    const blob = await res.blob();
    return { blob, name: fileName(res.headers.get('content-disposition')) ?? `report-${year}.${fmt}` };
  },
};

/** `filename*=UTF-8''…` first (the Chinese title), then `filename="…"`. */
export function fileName(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  const raw = star?.[1] ?? plain?.[1];
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Saves a blob through a temporary object URL (the browser's own download). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const FILL_RE = /(【待补充[^】]*】)/;

/** Places in the report a person must write: fill runs and 【待补充…】 in table cells. */
export function countFills(blocks: Block[]): number {
  let n = 0;
  const inText = (s: string) => s.split(FILL_RE).filter((p) => FILL_RE.test(p)).length;
  for (const b of blocks) {
    if (b.kind === 'paragraph' || b.kind === 'subtitle') n += b.runs.filter((r) => FILL_RE.test(r.text)).length;
    else if (b.kind === 'signature') n += b.lines.flat().filter((r) => FILL_RE.test(r.text)).length;
    else if (b.kind === 'table') n += b.rows.flat().reduce((a, c) => a + inText(c), 0);
  }
  return n;
}
