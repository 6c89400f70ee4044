import { type DocumentView, request } from '../../api.ts';

export interface Span {
  start: number;
  end: number;
}

export interface DocumentReading {
  document: DocumentView;
  text: string;
  damaged: Span[];
  furniture: Span[];
}

export const documentsApi = {
  list: () => request<{ items: DocumentView[] }>('/api/documents').then((r) => r.items),
  reading: (id: string) => request<DocumentReading>(`/api/documents/${encodeURIComponent(id)}/text`),
};

export type Mark = 'damaged' | 'furniture' | null;

/** Cuts a text range into runs, each with the mark of the spans covering it (damaged wins). */
export function markRuns(text: string, from: number, to: number, damaged: Span[], furniture: Span[]) {
  const cuts = new Set([from, to]);
  for (const s of [...damaged, ...furniture]) {
    if (s.end > from && s.start < to) {
      cuts.add(Math.max(s.start, from));
      cuts.add(Math.min(s.end, to));
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Array<{ start: number; text: string; mark: Mark }> = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    const inside = (list: Span[]) => list.some((s) => s.start <= a && s.end >= b);
    const mark: Mark = inside(damaged) ? 'damaged' : inside(furniture) ? 'furniture' : null;
    runs.push({ start: a, text: text.slice(a, b), mark });
  }
  return runs;
}
