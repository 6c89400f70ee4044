import { ApiError, request } from '../../../api.ts';

/** Client of the quarter's API: ranking with tour, tour sheet, events, rubrics, a leader's quarter. */
export type By = 'county' | 'zone';
export interface Bilingual {
  zh: string;
  en: string;
}

export interface TourResult {
  score: number | null;
  mean: number | null;
  maxTotal: number;
  judges: { judge: string; total: number }[];
  incomplete: string[];
  used: number[];
  dropped: number[];
  zh: string;
  en: string;
}

export interface QuarterRankingEntry {
  region: { code: string; name: string };
  score: number;
  rank: number;
  previousRank: number | null;
  change: number | null;
  vetoed: boolean;
  /** Why it was vetoed (一票否决：…), empty when not. */
  vetoes: { code: string; zh: string; en: string }[];
  projectCount: number;
  overdueProblems: number;
  kpis: {
    landingRate: number | null;
    startRate: number | null;
    investmentCompletionRate: number | null;
    productionRate: number | null;
    capacityRate: number | null;
  };
  items: { key: string; label: Bilingual; points: number; zh: string; en: string }[];
  deductions: { key: string; label: Bilingual; count: number; points: number }[];
  tour: TourResult | null;
}

export interface QuarterRanking {
  year: number;
  quarter: number;
  by: By;
  period: { from: string; to: string; year: number; throughMonth: number };
  rubric: { id: string; version: number; name: Bilingual; bound: boolean };
  state: 'open' | 'closed';
  tourScores: boolean;
  entries: QuarterRankingEntry[];
}

export interface TourSheet {
  year: number;
  quarter: number;
  by: By;
  rubric: { id: string; version: number; bound: boolean };
  state: 'open' | 'closed';
  sheet: { items: { key: string; label: Bilingual; max: number }[]; dropFrom: number };
  regions: {
    region: { code: string; name: string };
    judges: { judge: string; scores: Record<string, number>; total: number | null }[];
    result: TourResult;
  }[];
}

export interface QuarterEvent {
  id: number;
  kind: 'signing' | 'groundbreaking' | 'tour';
  title: string;
  heldOn: string;
  place: string | null;
  note: string | null;
  evidence: { documentId: number; start: number; end: number; text?: string } | null;
  isDemo: boolean;
  projects: { id: number; name: string; region: { code: string; name: string } | null; amount: number | null }[];
  total: { projects: number; amount: number };
}

export interface QuarterEvents {
  year: number;
  quarter: number;
  events: QuarterEvent[];
  totals: Record<'signing' | 'groundbreaking' | 'tour', { events: number; projects: number; amount: number }>;
}

export interface LeaderQuarter {
  leader: string;
  year: number;
  quarter: number;
  period: { from: string; to: string };
  previous: { year: number; quarter: number; from: string; to: string };
  projects: { id: number; name: string; library: string; region: string | null }[];
  changes: {
    moves: { projectId: number; milestone: string; on: string; library: string | null; zh: string; en: string }[];
    newProblems: { id: number; projectId: number; title: string; raisedOn: string; closedOn: string | null }[];
    closedProblems: { id: number; projectId: number; title: string; raisedOn: string; closedOn: string | null }[];
    investment: {
      current: number;
      previous: number;
      change: number;
      projects: { projectId: number; current: number; previous: number; change: number }[];
    };
    zh: string;
    en: string;
  };
}

export type KpiKey = keyof QuarterRankingEntry['kpis'];

/** The projects behind one KPI cell of the ranking: the denominator's projects, counted or not, with the figures. */
export interface KpiProjects {
  year: number;
  quarter: number;
  by: By;
  period: { from: string; to: string; year: number; throughMonth: number };
  kpi: KpiKey;
  region: { code: string; name: string };
  numerator: number;
  denominator: number;
  rate: number | null;
  projects: {
    id: number;
    name: string;
    library: string;
    region: { code: string; name: string } | null;
    zone: string | null;
    inDenominator: boolean;
    counted: boolean;
    basis: string | null;
    reached: string | null;
    planned: number | null;
    completed: number | null;
  }[];
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const quarterApi = {
  ranking: (year: number, quarter: number, by: By) =>
    request<QuarterRanking>(`/api/quarters/${year}/${quarter}/ranking?by=${by}`),
  tour: (year: number, quarter: number, by: By) => request<TourSheet>(`/api/quarters/${year}/${quarter}/tour?by=${by}`),
  saveJudge: (
    year: number,
    quarter: number,
    body: { by: By; groupKey: string; judge: string; scores: Record<string, number> },
  ) =>
    request<{ region: { code: string; name: string }; result: TourResult }>(
      `/api/quarters/${year}/${quarter}/tour/scores`,
      json('PUT', body),
    ),
  close: (year: number, quarter: number) =>
    request<{ year: number; quarter: number; state: 'open' | 'closed' }>(
      `/api/quarters/${year}/${quarter}/close`,
      json('POST', {}),
    ),
  events: (year: number, quarter: number) => request<QuarterEvents>(`/api/quarters/${year}/${quarter}/events`),
  latest: () => request<{ year: number; quarter: number }>('/api/quarters/latest'),
  kpiProjects: (year: number, quarter: number, by: By, region: string, kpi: KpiKey) =>
    request<KpiProjects>(
      `/api/quarters/${year}/${quarter}/kpi-projects?${new URLSearchParams({ by, region, kpi }).toString()}`,
    ),
  leaderQuarter: (name: string, year: number, quarter: number) =>
    request<LeaderQuarter>(`/api/leaders/${encodeURIComponent(name)}/quarter-changes?year=${year}&quarter=${quarter}`),
};

export const quarterKeys = {
  ranking: (year: number, quarter: number, by: By) => ['quarters', year, quarter, by] as const,
  tour: (year: number, quarter: number, by: By) => ['quarters', year, quarter, by, 'tour'] as const,
  events: (year: number, quarter: number) => ['quarters', year, quarter, 'events'] as const,
  kpiProjects: (year: number, quarter: number, by: By, region: string, kpi: KpiKey) =>
    ['quarters', year, quarter, by, 'kpi-projects', region, kpi] as const,
  leaderQuarter: (name: string, year: number, quarter: number) => ['leaders', name, 'quarter', year, quarter] as const,
};

export { ApiError };
