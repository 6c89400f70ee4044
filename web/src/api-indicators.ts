/**
 * Typed client of the indicator-monitoring part of the Lantu HTTP API (指标监测、驾驶舱、数据填报).
 * Same conventions as api.ts: every call throws ApiError on failure; validation details that the
 * server attaches to an error (`error.data`) are kept on {@link IndicatorApiError}.
 */
import { ApiError, type Id, toApiError } from './api.ts';

export type Status =
  | 'failed'
  | 'warning'
  | 'seriously_behind'
  | 'behind'
  | 'no_data'
  | 'not_assessable'
  | 'on_track'
  | 'ahead'
  | 'achieved'
  | 'achieved_early';

/** Worst first, as the server orders them. */
export const STATUSES: Status[] = [
  'failed',
  'warning',
  'seriously_behind',
  'behind',
  'no_data',
  'not_assessable',
  'on_track',
  'ahead',
  'achieved',
  'achieved_early',
];

export interface Bilingual {
  zh: string;
  en: string;
}

export type Attribute = 'expected' | 'binding';
export type Direction = 'higher' | 'lower';
export type Frequency = 'year' | 'quarter' | 'month';

export interface Indicator {
  id: number;
  planId: number;
  code: string;
  name: string;
  unit: string;
  category: string | null;
  parentName: string | null;
  attribute: Attribute;
  direction: Direction;
  frequency: Frequency;
  baseline: { year: number; value: number } | null;
  target: Record<string, unknown> & { kind?: string };
  targetText: string;
  targetRule: string;
  leadUnit: string | null;
  supportingUnits: string[];
  dataSource: string | null;
  source: { start: number; end: number; text: string } | null;
  version: number;
}

export interface Evaluation {
  status: Status;
  statusLabel: Bilingual;
  period: string;
  expected: number | null;
  actual: number | null;
  ratio: number | null;
  reason: Bilingual;
  requiredRate: number | null;
  requiredPerYear: number | null;
  rule: string;
  inputs: Record<string, number | string | boolean | null>;
}

export interface EvaluatedIndicator {
  indicator: Indicator;
  evaluation: Evaluation;
  latest: { period: string; value: number } | null;
}

export interface Rollup {
  key: string;
  counts: Partial<Record<Status, number>>;
  total: number;
  assessed: number;
  score: number | null;
}

export interface Cockpit {
  period: string;
  counts: Partial<Record<Status, number>>;
  byCategory: Rollup[];
  behind: EvaluatedIndicator[];
  heat: { region: { code: string; name: string }; groups: Rollup[] }[];
}

export type ValueState = 'draft' | 'submitted' | 'approved' | 'returned';

export interface IndicatorValue {
  id: number;
  indicatorId: number;
  regionCode: string;
  period: string;
  value: number;
  note: string | null;
  evidence: Record<string, unknown> | null;
  state: ValueState;
  returnReason: string | null;
  isDemo: boolean;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

export interface TrajectoryPoint {
  period: string;
  expected: number | null;
  actual: number | null;
  status: Status;
  reason: Bilingual;
}

export interface IndicatorDetail {
  indicator: Indicator;
  trajectory: TrajectoryPoint[];
  values: IndicatorValue[];
}

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface ValueWarning {
  code: string;
  zh: string;
  en: string;
}

/** One message of a VALUE_INVALID answer: which field it is about, in both languages. */
export interface FieldError {
  field: string;
  zh: string;
  en: string;
}

export interface IndicatorPatch {
  leadUnit?: string | null;
  supportingUnits?: string[];
  dataSource?: string | null;
  direction?: Direction;
  attribute?: Attribute;
  frequency?: Frequency;
}

export type ValueAction = 'submit' | 'approve' | 'return';

/** One year of a provincial assignment (省下达目标) with its source. */
export interface Assignment {
  year: number;
  value: number;
  note: string;
  evidence: { documentId: number; start: number | null; end: number | null; text: string | null } | null;
}

export interface AssignmentInput {
  year: number;
  value: number;
  note: string;
  documentId?: number | null;
  quote?: string | null;
}

/** One row-level problem of an ASSIGNMENT_INVALID answer. */
export interface AssignmentError {
  row: number;
  field: 'year' | 'value' | 'note' | 'documentId' | 'quote';
  zh: string;
  en: string;
}

/** An ApiError that keeps the server's `error.data` (field errors, current version). */
export class IndicatorApiError extends ApiError {
  readonly data: Record<string, unknown>;

  constructor(status: number, code: string, zh: string, en: string, data: Record<string, unknown> | undefined) {
    super(status, code, zh, en);
    this.data = data ?? {};
  }

  /** Field errors of a VALUE_INVALID answer; empty for any other error. */
  get fieldErrors(): FieldError[] {
    const errors = this.data.errors;
    return Array.isArray(errors) ? (errors as FieldError[]) : [];
  }
}

interface ErrorBody {
  error?: {
    code?: string;
    message?: string;
    messageZh?: string;
    messageEn?: string;
    data?: Record<string, unknown>;
  };
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
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
    throw new IndicatorApiError(res.status, e?.code ?? `HTTP_${res.status}`, zh, en, e?.data);
  }
  if (body === null) {
    throw new ApiError(res.status, 'BAD_RESPONSE', '服务器返回的数据无法解析', 'The server response could not be read');
  }
  return body as T;
}

const enc = (id: Id) => encodeURIComponent(String(id));
const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const indicatorApi = {
  /** Every indicator of a plan with its status at `period` in `region` (default: the plan's region). */
  list: (planId: Id, period: string, region?: string) =>
    request<{ items: EvaluatedIndicator[]; period: string; regionCode: string }>(
      `/api/plans/${enc(planId)}/indicators${query({ period, region })}`,
    ),

  cockpit: (planId: Id, period: string) => request<Cockpit>(`/api/plans/${enc(planId)}/cockpit${query({ period })}`),

  detail: (id: Id, region?: string) => request<IndicatorDetail>(`/api/indicators/${enc(id)}${query({ region })}`),

  history: (id: Id) => request<{ items: HistoryEntry[] }>(`/api/indicators/${enc(id)}/history`).then((r) => r.items),

  update: (id: Id, version: number, patch: IndicatorPatch) =>
    request<{ indicator: Indicator }>(`/api/indicators/${enc(id)}`, json('PATCH', { version, ...patch })).then(
      (r) => r.indicator,
    ),

  /** Saves a draft; `version` when the value exists already. */
  recordValue: (
    indicatorId: Id,
    input: {
      regionCode: string;
      period: string;
      value: string | number;
      note?: string | null;
      version?: number;
      /** A place in a document, `{documentId, start, end}`; the server takes the quoted text from the document. */
      evidence?: Record<string, unknown> | null;
    },
  ) =>
    request<{ value: IndicatorValue; warnings: ValueWarning[] }>(
      `/api/indicators/${enc(indicatorId)}/values`,
      json('POST', input),
    ),

  transition: (valueId: Id, action: ValueAction, version: number, reason?: string) =>
    request<{ value: IndicatorValue }>(
      `/api/values/${enc(valueId)}/${action}`,
      json('POST', reason === undefined ? { version } : { version, reason }),
    ).then((r) => r.value),

  /** Every value recorded for one region of the plan (all periods): the data-entry page's one request. */
  values: (planId: Id, region?: string, period?: string) =>
    request<{ items: IndicatorValue[] }>(`/api/plans/${enc(planId)}/values${query({ region, period })}`).then(
      (r) => r.items,
    ),

  assignments: (id: Id) =>
    request<{ indicator: Indicator; assignments: Assignment[] }>(`/api/indicators/${enc(id)}/assignments`),

  /** Replaces the whole table of assignments; `version` is the indicator's. */
  setAssignments: (id: Id, version: number, assignments: AssignmentInput[]) =>
    request<{ indicator: Indicator; assignments: Assignment[] }>(
      `/api/indicators/${enc(id)}/assignments`,
      json('PUT', { version, assignments }),
    ),

  /** Where the Excel ledger of the list is served (the link is hidden while the server lacks it). */
  xlsxUrl: (planId: Id, period: string, region?: string) =>
    `/api/plans/${enc(planId)}/indicators.xlsx${query({ period, region })}`,

  /** Whether the server offers the Excel export (HEAD, falling back to GET when HEAD is refused). */
  xlsxAvailable: async (planId: Id, period: string, region?: string): Promise<boolean> => {
    const url = `/api/plans/${enc(planId)}/indicators.xlsx${query({ period, region })}`;
    try {
      let res = await fetch(url, { method: 'HEAD' });
      if (res.status === 405) res = await fetch(url);
      return res.ok;
    } catch {
      return false;
    }
  },
};

export const indicatorKeys = {
  all: ['indicators'] as const,
  list: (planId: Id, period: string, region: string) => ['indicators', 'list', String(planId), period, region] as const,
  cockpit: (planId: Id, period: string) => ['indicators', 'cockpit', String(planId), period] as const,
  detail: (id: Id, region?: string) => ['indicators', 'detail', String(id), region ?? ''] as const,
  history: (id: Id) => ['indicators', 'history', String(id)] as const,
  values: (planId: Id, region: string) => ['indicators', 'values', String(planId), region] as const,
  assignments: (id: Id) => ['indicators', 'assignments', String(id)] as const,
  xlsx: (planId: Id, period: string, region: string) => ['indicators', 'xlsx', String(planId), period, region] as const,
};
