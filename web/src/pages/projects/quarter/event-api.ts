import { ApiError, sendJson, toApiError } from '../../../api.ts';
import type { QuarterEvent } from './api.ts';

/** Creating and deleting a quarter's events (the list itself is read through ./api.ts). */
export class EventInvalid extends ApiError {
  readonly problems: Problem[];
  constructor(base: ApiError, problems: Problem[]) {
    super(base.status, base.code, base.messageZh, base.messageEn, base.data);
    this.problems = problems;
  }
}

type Problem = { field: string; zh: string; en: string };

/** The API's error with `data.problems` (the fields at fault) as an EventInvalid the form can place. */
async function send<T>(path: string, method: string, body?: unknown): Promise<T | null> {
  try {
    return await sendJson<T>(path, method, body);
  } catch (err) {
    const base = toApiError(err);
    const problems = (base.data as { problems?: Problem[] } | undefined)?.problems;
    throw Array.isArray(problems) ? new EventInvalid(base, problems) : base;
  }
}

export const eventApi = {
  create: (year: number, quarter: number, body: unknown) =>
    send<QuarterEvent>(`/api/quarters/${year}/${quarter}/events`, 'POST', body) as Promise<QuarterEvent>,
  remove: (id: number) => send<null>(`/api/quarter-events/${id}`, 'DELETE').then(() => undefined),
};
