import { request, sendJson, toApiError } from '../../../api.ts';
import type { By } from './api.ts';

/** A quarter's deduction and veto matters (扣分与否决事项) and what its rubric lets the office record. */
export type Bilingual = { zh: string; en: string };
export interface PenaltyKind {
  input: string;
  kind: 'deduction' | 'veto';
  key: string;
  label: Bilingual;
  pointsEach: number | null;
  max: number | null;
}
export interface Penalty {
  id: number;
  region: { code: string; name: string };
  kind: PenaltyKind;
  occurredOn: string;
  reason: string;
  source: string | null;
  createdBy: string | null;
  createdAt: string;
}
export interface Penalties {
  year: number;
  quarter: number;
  by: By;
  rubric: { id: string; version: number; bound: boolean; vetoScore: number };
  state: 'open' | 'closed';
  kinds: PenaltyKind[];
  regions: Array<{ code: string; name: string }>;
  items: Penalty[];
}
export type PenaltyProblem = { field: string; zh: string; en: string };

/** The server's field problems, kept so the form can put each at its field. */
export function penaltyProblems(err: unknown): PenaltyProblem[] {
  const problems = (toApiError(err).data as { problems?: PenaltyProblem[] } | undefined)?.problems;
  return Array.isArray(problems) ? problems : [];
}

export const penaltyKeys = {
  list: (year: number, quarter: number, by: By) => ['quarters', year, quarter, by, 'penalties'] as const,
};

export const penaltyApi = {
  list: (year: number, quarter: number, by: By) =>
    request<Penalties>(`/api/quarters/${year}/${quarter}/penalties?by=${by}`),
  record: (year: number, quarter: number, body: Record<string, unknown>) =>
    sendJson<Penalty>(`/api/quarters/${year}/${quarter}/penalties`, 'POST', body) as Promise<Penalty>,
  remove: (year: number, quarter: number, id: number) =>
    sendJson<null>(`/api/quarters/${year}/${quarter}/penalties/${id}`, 'DELETE').then(() => undefined),
};
