/**
 * Client of the project list endpoints (issue 6 at scale): the paged list with each row's warning
 * light, the pipeline funnel, the filter choices and the Excel export of the filtered list.
 */
import { request } from '../../../api.ts';
import type { Bilingual, Library, Light, LightView, Project } from '../../../api-projects.ts';

export const SORTS = ['id', 'name', 'investment', 'library', 'region', 'light', 'updated'] as const;
export type Sort = (typeof SORTS)[number];
export const LIGHTS: Light[] = ['red', 'yellow', 'green'];

/** The list's filter; the same names are the page's URL parameters and the API's query. */
export interface ListFilter {
  library?: Library | undefined;
  region?: string | undefined;
  zone?: string | undefined;
  chain?: string | undefined;
  light?: Light | undefined;
  q?: string | undefined;
  leader?: string | undefined;
  /** The day the lights are judged on (YYYY-MM-DD); today when absent. Not a filter: the rows stay the same. */
  asOf?: string | undefined;
}

export interface ListedProject extends Omit<Project, 'light'> {
  light: LightView;
  /** The light's inputs: the year, the months reported, the year's planned and completed investment (万元). */
  schedule: { year: number; monthsElapsed: number; plannedYear: number; completedYtd: number };
}

export interface ListPage {
  items: ListedProject[];
  total: number;
  page: number;
  pageSize: number;
  asOf: string;
}

export interface Stage {
  library: Library;
  label: Bilingual;
  projects: number;
  investment: number;
  reached: number;
  reachedInvestment: number;
}

export interface Pipeline {
  total: number;
  stages: Stage[];
  regions: Array<{ code: string | null; name: string | null; stages: Stage[] }>;
}

export interface Facets {
  zones: Array<{ value: string; n: number }>;
  chains: Array<{ value: string; n: number }>;
}

function qs(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

const filterParams = (f: ListFilter) => ({
  library: f.library,
  region: f.region,
  zone: f.zone,
  chain: f.chain,
  light: f.light,
  q: f.q,
  leader: f.leader,
  asOf: f.asOf,
});

export const listApi = {
  page: (f: ListFilter, o: { page: number; pageSize: number; sort: Sort; order: 'asc' | 'desc' }) =>
    request<ListPage>(`/api/projects${qs({ ...filterParams(f), ...o })}`),
  pipeline: (f: ListFilter) => request<Pipeline>(`/api/projects/pipeline${qs(filterParams(f))}`),
  facets: () => request<Facets>('/api/projects/facets'),
  /** The latest quarter with monthly investment reports: the lights mean little after its end. */
  latestData: () => request<{ year: number; quarter: number }>('/api/quarters/latest'),
  exportUrl: (f: ListFilter, o: { sort: Sort; order: 'asc' | 'desc' }) =>
    `/api/projects/export.xlsx${qs({ ...filterParams(f), ...o })}`,
};

/** Under ['projects'] so a transition elsewhere (which invalidates every project query) refreshes them. */
export const listKeys = {
  page: (f: ListFilter, o: object) => ['projects', 'list-page', f, o] as const,
  pipeline: (f: ListFilter) => ['projects', 'pipeline', f] as const,
  facets: ['projects', 'facets'] as const,
  latestData: ['projects', 'latest-data'] as const,
};
