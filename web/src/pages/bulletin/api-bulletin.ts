import { ApiError, request } from '../../api.ts';
import { fileName } from '../report/model.ts';

/** Client of /api/bulletins (see src/api/routes/bulletin.routes.ts for the shapes). */

export interface RankRow {
  region: { code: string; name: string };
  score: number;
  rank: number;
  previousRank: number | null;
  vetoed: boolean;
  kpis: {
    landingRate: number | null;
    startRate: number | null;
    investmentCompletionRate: number | null;
    productionRate: number | null;
  };
}

export interface ListEntry {
  key: string;
  projectId: number | null;
  project: string;
  county: string;
  responsibleUnit: string;
  reason: string;
  source: 'system' | 'manual';
  basis: { code: string; text: string }[];
}

export type ParagraphId = 'opening' | 'overview' | 'ranking' | 'red' | 'yellow' | 'requirements';

export interface BulletinContent {
  year: number;
  quarter: number;
  city: { code: string; name: string };
  period: { from: string; to: string; throughMonth: number };
  issuerMark: string;
  issuer: string;
  docNumber: string;
  title: string;
  recipients: string;
  paragraphs: { id: ParagraphId; heading: string | null; text: string }[];
  figures: {
    key: string;
    label: string;
    value: number | null;
    unit: string;
    rule: string;
    inputs: Record<string, number | string | null>;
    projectIds: number[];
  }[];
  rankings: {
    rubric: { id: string; version: number };
    tourScores: boolean;
    county: RankRow[];
    zone: RankRow[];
  };
  redList: ListEntry[];
  yellowList: ListEntry[];
  hasDemoData: boolean;
  signedOn: string;
  draftedOn: string;
}

export interface Bulletin {
  id: number;
  year: number;
  quarter: number;
  state: 'draft' | 'issued';
  version: number;
  issuedAt: string | null;
  issuedBy: string | null;
  updatedBy: string | null;
  updatedAt: string;
  content: BulletinContent;
}

export type EntryInput = Pick<ListEntry, 'project' | 'county' | 'responsibleUnit' | 'reason'> & {
  key?: string;
  projectId?: number | null;
};

export interface BulletinEdit {
  version: number;
  title?: string;
  docNumber?: string;
  recipients?: string;
  paragraphs?: Partial<Record<ParagraphId, string>>;
  redList?: EntryInput[];
  yellowList?: EntryInput[];
}

const base = (year: number, quarter: number) => `/api/bulletins/${year}/${quarter}`;
const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export interface BulletinSummary {
  year: number;
  quarter: number;
  state: 'draft' | 'issued';
  version: number;
  title: string;
  issuedAt: string | null;
  updatedAt: string;
}

export const bulletinApi = {
  list: () => request<{ items: BulletinSummary[] }>('/api/bulletins').then((r) => r.items),
  /**
   * The stored bulletin, or null when the quarter has none yet. The list is asked first so that a quarter
   * without a bulletin costs no 404 (which the browser would log as an error).
   */
  get: async (year: number, quarter: number): Promise<Bulletin | null> => {
    const items = await bulletinApi.list();
    if (!items.some((i) => i.year === year && i.quarter === quarter)) return null;
    try {
      return await request<Bulletin>(base(year, quarter));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  },
  draft: (year: number, quarter: number, version?: number) =>
    request<Bulletin>(`${base(year, quarter)}/draft`, json('POST', version === undefined ? {} : { version })),
  edit: (year: number, quarter: number, edit: BulletinEdit) =>
    request<Bulletin>(base(year, quarter), json('PATCH', edit)),
  issue: (year: number, quarter: number, version: number) =>
    request<Bulletin>(`${base(year, quarter)}/issue`, json('POST', { version })),
  download: async (year: number, quarter: number, fmt: 'docx' | 'pdf'): Promise<{ blob: Blob; name: string }> => {
    const res = await fetch(`${base(year, quarter)}/bulletin.${fmt}`);
    if (!res.ok) {
      const e = ((await res.json().catch(() => null)) as { error?: Record<string, string> } | null)?.error;
      throw new ApiError(
        res.status,
        e?.code ?? `HTTP_${res.status}`,
        e?.messageZh ?? `服务器返回错误 HTTP ${res.status}`,
        e?.messageEn ?? `HTTP ${res.status}`,
      );
    }
    return { blob: await res.blob(), name: fileName(res.headers.get('content-disposition')) ?? `bulletin.${fmt}` };
  },
};
