import { ApiError, request, sendJson, toApiError } from '../../../api.ts';
import type { Problem } from './form.ts';

/** Client of the rubric API: every version with its bound quarters, and a new version. */
export interface RubricVersion {
  id: string;
  version: number;
  name: { zh: string; en: string };
  current: boolean;
  createdAt: string | null;
  createdBy: string | null;
  note: string | null;
  quarters: { year: number; quarter: number; state: 'open' | 'closed' }[];
  definition: Record<string, unknown>;
}

/** 422 RUBRIC_INVALID with each problem's path into the submitted JSON. */
export class RubricInvalid extends ApiError {
  readonly problems: Problem[];
  constructor(base: ApiError, problems: Problem[]) {
    super(base.status, base.code, base.messageZh, base.messageEn, base.data);
    this.problems = problems;
  }
}

async function post<T>(path: string, body: unknown): Promise<T> {
  try {
    return (await sendJson<T>(path, 'POST', body)) as T;
  } catch (err) {
    const base = toApiError(err);
    const problems = (base.data as { problems?: Problem[] } | undefined)?.problems;
    throw Array.isArray(problems) ? new RubricInvalid(base, problems) : base;
  }
}

export const rubricApi = {
  list: () => request<{ items: RubricVersion[] }>('/api/rubrics').then((r) => r.items),
  create: (body: Record<string, unknown>) => post<RubricVersion>('/api/rubrics', body),
};

export const rubricKeys = { all: ['rubrics'] as const };
