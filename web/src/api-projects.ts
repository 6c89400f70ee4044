/**
 * Typed client of the project part of the Lantu HTTP API (四库项目、季度考核、一联五).
 * Same conventions as api.ts: every call throws ApiError on failure; a refused transition keeps the
 * server's violations on {@link TransitionRefused}.
 */
import { ApiError, type Id, toApiError } from './api.ts';

export type Library = 'conceived' | 'reserve' | 'construction' | 'in_effect';
export const LIBRARIES: Library[] = ['conceived', 'reserve', 'construction', 'in_effect'];
export type Milestone = 'signed' | 'started' | 'completed' | 'in_production' | 'at_capacity';
export const MILESTONES: Milestone[] = ['signed', 'started', 'completed', 'in_production', 'at_capacity'];
export type Light = 'green' | 'yellow' | 'red';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Project {
  id: number;
  planId: number | null;
  code: string | null;
  name: string;
  programme: string | null;
  region: { code: string; name: string } | null;
  zone: string | null;
  industry: string | null;
  chain: string | null;
  ownerName: string | null;
  totalInvestment: number | null;
  library: Library;
  libraryLabel: Bilingual;
  skipsSigning: boolean;
  milestones: Record<Milestone, string | null>;
  capacityRate: number | null;
  planned: { started: string | null; in_production: string | null; at_capacity: string | null };
  responsibleUnit: string | null;
  liaisonLeaders: string[];
  serviceUnit: string | null;
  sourceText: string | null;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Only on list rows when the server adds it; the detail carries the light separately. */
  light?: Light;
}

export interface Investment {
  id: number;
  year: number;
  month: number;
  planned: number;
  completed: number;
  progressText: string | null;
  state: 'draft' | 'submitted' | 'approved' | 'returned';
  frozen: boolean;
}

export interface Problem {
  id: number;
  projectId: number;
  title: string;
  kind: string | null;
  owner: string | null;
  deadline: string | null;
  raisedOn: string;
  closedOn: string | null;
  status: { overdue: boolean; daysOverdue: number; level: 'county' | 'city' | 'leader'; zh: string; en: string } | null;
}

export interface LightView {
  light: Light;
  investmentLagPp: number | null;
  milestoneLagDays: number;
  reasons: { code: string; light: Light; zh: string; en: string }[];
}

export interface Audit {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface ProjectDetail {
  project: Project;
  investments: Investment[];
  problems: Problem[];
  light: LightView;
  asOf: string;
  history: Audit[];
}

export interface ProjectPage {
  items: Project[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ProjectFilter {
  library?: Library | undefined;
  region?: string | undefined;
  zone?: string | undefined;
  q?: string | undefined;
  leader?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export interface Kpis {
  landingRate: number | null;
  startRate: number | null;
  investmentCompletionRate: number | null;
  productionRate: number | null;
  capacityRate: number | null;
}

export interface RankingEntry {
  region: { code: string; name: string };
  score: number;
  rank: number;
  previousRank: number | null;
  change: number | null;
  vetoed: boolean;
  projectCount: number;
  overdueProblems: number;
  kpis: Kpis;
  items: { key: string; label: Bilingual; points: number; zh: string; en: string }[];
  deductions: { key: string; label: Bilingual; count: number; points: number }[];
}

export interface Ranking {
  year: number;
  quarter: number;
  by: 'county' | 'zone';
  period: { from: string; to: string; year: number; throughMonth: number };
  entries: RankingEntry[];
}

export interface LeaderSummary {
  name: string;
  projects: number;
}

export interface LeaderView {
  leader: string;
  since: string;
  projects: Project[];
  openProblems: Problem[];
  changes: Audit[];
}

export interface TransitionInput {
  version: number;
  library?: Library | undefined;
  milestones?: Partial<Record<Milestone, string | null>> | undefined;
  capacityRate?: number | null | undefined;
  reason?: string | undefined;
  allowSkip?: boolean | undefined;
}

export interface Violation {
  code: string;
  zh: string;
  en: string;
}

/** 422 TRANSITION_REFUSED with the rules the change broke. */
export class TransitionRefused extends ApiError {
  readonly violations: Violation[];
  constructor(base: ApiError, violations: Violation[]) {
    super(base.status, base.code, base.messageZh, base.messageEn);
    this.violations = violations;
  }
}

const enc = (id: Id) => encodeURIComponent(String(id));

function qs(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function send<T>(path: string, method: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw toApiError(err);
  }
  const raw = await res.text();
  let json: unknown = null;
  try {
    json = raw ? JSON.parse(raw) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const e = (json as { error?: Record<string, unknown> } | null)?.error ?? {};
    const en = String(e.messageEn ?? e.message ?? `HTTP ${res.status}`);
    const zh = String(e.messageZh ?? e.message ?? `服务器返回错误 HTTP ${res.status}`);
    const base = new ApiError(res.status, String(e.code ?? `HTTP_${res.status}`), zh, en);
    const data = e.data as { violations?: Violation[] } | undefined;
    if (Array.isArray(data?.violations)) throw new TransitionRefused(base, data.violations);
    throw base;
  }
  return json as T;
}

import { request } from './api.ts';

export const projectApi = {
  list: (f: ProjectFilter) =>
    request<ProjectPage>(
      `/api/projects${qs({
        library: f.library,
        region: f.region,
        zone: f.zone,
        q: f.q,
        leader: f.leader,
        page: f.page,
        pageSize: f.pageSize,
      })}`,
    ),
  detail: (id: Id) => request<ProjectDetail>(`/api/projects/${enc(id)}`),
  transition: (id: Id, input: TransitionInput) =>
    send<{ project: Project }>(`/api/projects/${enc(id)}/transition`, 'POST', input).then((r) => r.project),
  ranking: (year: number, quarter: number, by: 'county' | 'zone') =>
    request<Ranking>(`/api/quarters/${year}/${quarter}/ranking?by=${by}`),
  leaders: () => request<{ items: LeaderSummary[] }>('/api/leaders').then((r) => r.items),
  leader: (name: string) => request<LeaderView>(`/api/leaders/${enc(name)}/projects`),
  templateUrl: (f: { region?: string | undefined; library?: Library | undefined }) =>
    `/api/projects/template.xlsx${qs({ region: f.region, library: f.library })}`,
};

export const projectKeys = {
  all: ['projects'] as const,
  list: (f: ProjectFilter) => ['projects', 'list', f] as const,
  funnel: (region: string, library: Library | 'all') => ['projects', 'funnel', region, library] as const,
  detail: (id: Id) => ['projects', 'detail', String(id)] as const,
  ranking: (year: number, quarter: number, by: string) => ['quarters', year, quarter, by] as const,
  leaders: ['leaders'] as const,
  leader: (name: string) => ['leaders', name] as const,
};
