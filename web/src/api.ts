/** Typed client of the Lantu HTTP API (see the API contract); every call throws ApiError on failure. */

/** Ids are numbers today; the client treats them as opaque and keys everything by `String(id)`. */
export type Id = number | string;

export interface Repair {
  kind: string;
  count: number;
  examples: string[];
}

export interface DocumentView {
  id: Id;
  fileName: string;
  mediaType: string;
  format: string;
  encoding: string;
  encodingConfidence: number;
  sha256: string;
  byteSize: number;
  chars: number;
  repairs: Repair[];
  createdAt: string;
}

export interface PlanView {
  id: Id;
  title: string;
  region: { code: string; name: string };
  periodStart: number;
  periodEnd: number;
  status: 'draft' | 'published';
  isDemo: boolean;
  documentId: Id;
  chapterCount: number;
  createdAt: string;
  updatedAt: string;
}

export type OutlineKind = 'chapter' | 'section' | 'box';

export interface OutlineItem {
  id: Id;
  kind: OutlineKind;
  level: number;
  number: string;
  title: string;
  start: number;
  end: number;
  children: OutlineItem[];
}

export interface SectionView {
  id: Id;
  parentId: Id | null;
  kind: OutlineKind;
  level: number;
  number: string;
  title: string;
  start: number;
  end: number;
  text: string;
}

export interface Region {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
}

export interface Health {
  status: 'ok';
  database: 'pglite' | 'postgres';
  version: string;
}

export type PlanItemKind = 'indicator_table' | 'indicator' | 'project' | 'cluster' | 'zone' | 'commitment';
export type PlanItemState = 'extracted' | 'corrected' | 'added' | 'deleted';

export interface SourceSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * One reviewable thing extraction found (or a person added). `data` is the current object: the
 * correction when there is one, else what was extracted; its shape per kind is below.
 */
export interface PlanItem<D = Record<string, unknown>> {
  id: number;
  kind: PlanItemKind;
  key: string;
  label: string;
  state: PlanItemState;
  data: D;
  extracted: D | null;
  corrected: D | null;
  source: SourceSpan | null;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

export interface ItemCount {
  kind: PlanItemKind;
  state: string;
  n: number;
}

export type CellKind =
  | 'number'
  | 'none'
  | 'bound'
  | 'cumulative'
  | 'otherYear'
  | 'provincial'
  | 'relative'
  | 'composite'
  | 'text'
  | 'blank'
  | 'damaged';

export type Comparator = '>' | '>=' | '<' | '<=' | 'approx';

export interface Cell {
  text: string;
  kind: CellKind;
  value: number | null;
  year: number | null;
  comparator: Comparator | null;
  change: 'decrease' | 'increase' | null;
  unit: string | null;
  reference: string | null;
  label: string | null;
  parts: Cell[];
}

export type ColumnRole =
  | 'category'
  | 'seq'
  | 'name'
  | 'unit'
  | 'baseline'
  | 'target'
  | 'growth'
  | 'actual'
  | 'actualGrowth'
  | 'attribute'
  | 'other';

export interface TableColumn {
  index: number;
  header: string;
  role: ColumnRole;
  year: number | null;
}

export interface TableIssue {
  kind: string;
  category: string;
  stated: number;
  found: number;
  message: string;
}

export interface IndicatorTableData {
  box: string;
  title: string;
  columns: TableColumn[];
  notes: string[];
  issues: TableIssue[];
  source?: SourceSpan;
}

export interface IndicatorData {
  box: string;
  category: string | null;
  seq: string | null;
  name: string;
  unit: string | null;
  tags: string[];
  parent: string | null;
  nameParts?: unknown[];
  cells: Partial<Record<ColumnRole, Cell>>;
  attribute: 'expected' | 'binding' | null;
  source?: SourceSpan;
}

export interface Capacity {
  text: string;
  value: number | null;
  unit: string;
  perYear: boolean;
}

export interface ProjectData {
  box: string;
  boxTitle: string;
  group: string | null;
  name: string;
  county: string | null;
  zone: string | null;
  capacity: Capacity[];
  alsoIn: string[];
  source?: SourceSpan;
}

export interface ChainData {
  kind: 'value' | 'spatial';
  segments: string[][];
  source?: SourceSpan;
}

export interface ClusterData {
  name: string;
  listed: boolean;
  chains: ChainData[];
  source?: SourceSpan;
}

export interface ZoneData {
  name: string;
  box: string | null;
  industries: { industry: string; leadFirms: string[] }[];
  source?: SourceSpan;
}

export interface CommitmentData {
  subject: string;
  value: number | null;
  valueMax: number | null;
  valueText: string;
  unit: string | null;
  comparator: '=' | '>' | '>=' | '<' | '<=' | 'approx';
  frequency: string | null;
  deadline: number | null;
  source?: SourceSpan;
}

export interface ExtractionSummary {
  added: number;
  refreshed: number;
  removed: number;
  keptCorrections: number;
}

export interface ImportPlanInput {
  file: File;
  regionCode: string;
  periodStart: number;
  periodEnd: number;
  title?: string | undefined;
}

/** An error as the server reports it: a stable code and a message in both languages. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly messageZh: string;
  readonly messageEn: string;
  /** The error's `data` as the server sent it (e.g. `problems` with the fields at fault). */
  readonly data: unknown;

  constructor(status: number, code: string, messageZh: string, messageEn: string, data?: unknown) {
    super(messageEn);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.data = data;
  }

  localized(locale: 'zh' | 'en'): string {
    return locale === 'zh' ? this.messageZh : this.messageEn;
  }
}

/** Any thrown value as an ApiError, so the UI can always show a bilingual message. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const text = err instanceof Error ? err.message : String(err);
  return new ApiError(0, 'NETWORK', `无法连接服务器：${text}`, `Cannot reach the server: ${text}`);
}

interface ErrorBody {
  error?: { code?: string; message?: string; messageZh?: string; messageEn?: string; data?: unknown };
}

export async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const body = await requestMaybeEmpty<T>(path, init);
  if (body === null) {
    throw new ApiError(0, 'BAD_RESPONSE', '服务器返回的数据无法解析', 'The server response could not be read');
  }
  return body;
}

/** A JSON request and body; null when the reply has no body (e.g. 204 after a DELETE). */
export function sendJson<T>(path: string, method: string, body?: unknown): Promise<T | null> {
  return requestMaybeEmpty<T>(path, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
}

async function requestMaybeEmpty<T>(path: string, init?: RequestInit): Promise<T | null> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch (err) {
    throw toApiError(err);
  }
  const raw = await res.text();
  let body: unknown = null;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    const e = (body as ErrorBody | null)?.error;
    const en = e?.messageEn ?? e?.message ?? `HTTP ${res.status} ${res.statusText}`;
    const zh = e?.messageZh ?? e?.message ?? `服务器返回错误 HTTP ${res.status}`;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, zh, en, e?.data);
  }
  if (body === null && raw.length > 0) {
    throw new ApiError(res.status, 'BAD_RESPONSE', '服务器返回的数据无法解析', 'The server response could not be read');
  }
  return body as T | null;
}

const enc = (id: Id) => encodeURIComponent(String(id));

export const api = {
  health: () => request<Health>('/api/health'),

  regions: (params: { parent?: string; level?: Region['level'] } = {}) => {
    const q = new URLSearchParams();
    if (params.parent) q.set('parent', params.parent);
    if (params.level) q.set('level', params.level);
    const qs = q.toString();
    return request<{ items: Region[] }>(`/api/regions${qs ? `?${qs}` : ''}`).then((r) => r.items);
  },

  plans: () => request<{ items: PlanView[] }>('/api/plans').then((r) => r.items),

  plan: (id: Id) => request<{ plan: PlanView }>(`/api/plans/${enc(id)}`).then((r) => r.plan),

  outline: (id: Id) => request<{ items: OutlineItem[] }>(`/api/plans/${enc(id)}/outline`).then((r) => r.items),

  section: (planId: Id, sectionId: Id) =>
    request<{ section: SectionView }>(`/api/plans/${enc(planId)}/sections/${enc(sectionId)}`).then((r) => r.section),

  /** Items of one kind (or all); `counts` always covers every kind and state of the plan. */
  items: (planId: Id, kind?: PlanItemKind) =>
    request<{ items: PlanItem[]; counts: ItemCount[] }>(
      `/api/plans/${enc(planId)}/items${kind ? `?kind=${encodeURIComponent(kind)}` : ''}`,
    ),

  correctItem: (planId: Id, itemId: Id, version: number, data: Record<string, unknown>) =>
    request<{ item: PlanItem }>(`/api/plans/${enc(planId)}/items/${enc(itemId)}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version, data }),
    }).then((r) => r.item),

  deleteItem: (planId: Id, itemId: Id, version: number) =>
    request<{ item: PlanItem }>(`/api/plans/${enc(planId)}/items/${enc(itemId)}/delete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version }),
    }).then((r) => r.item),

  restoreItem: (planId: Id, itemId: Id, version: number) =>
    request<{ item: PlanItem }>(`/api/plans/${enc(planId)}/items/${enc(itemId)}/restore`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version }),
    }).then((r) => r.item),

  addItem: (planId: Id, input: { kind: PlanItemKind; label: string; data: Record<string, unknown> }) =>
    request<{ item: PlanItem }>(`/api/plans/${enc(planId)}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    }).then((r) => r.item),

  reextract: (planId: Id) =>
    request<{ summary: ExtractionSummary }>(`/api/plans/${enc(planId)}/reextract`, { method: 'POST' }).then(
      (r) => r.summary,
    ),

  publish: (planId: Id) =>
    request<{ plan: PlanView }>(`/api/plans/${enc(planId)}/publish`, { method: 'POST' }).then((r) => r.plan),

  document: (id: Id) => request<{ document: DocumentView }>(`/api/documents/${enc(id)}`).then((r) => r.document),

  /** Fields go before the file: the server reads the multipart stream in order. */
  importPlan: (input: ImportPlanInput) => {
    const form = new FormData();
    form.append('regionCode', input.regionCode);
    form.append('periodStart', String(input.periodStart));
    form.append('periodEnd', String(input.periodEnd));
    if (input.title && input.title.trim().length > 0) form.append('title', input.title.trim());
    form.append('file', input.file, input.file.name);
    return request<{ plan: PlanView; document: DocumentView }>('/api/plans/import', { method: 'POST', body: form });
  },
};

export const queryKeys = {
  health: ['health'] as const,
  regions: ['regions'] as const,
  plans: ['plans'] as const,
  plan: (id: Id) => ['plans', String(id)] as const,
  outline: (id: Id) => ['plans', String(id), 'outline'] as const,
  items: (planId: Id, kind?: PlanItemKind) => ['plans', String(planId), 'items', kind ?? 'all'] as const,
  allItems: (planId: Id) => ['plans', String(planId), 'items'] as const,
  section: (planId: Id, sectionId: Id) => ['plans', String(planId), 'sections', String(sectionId)] as const,
};
