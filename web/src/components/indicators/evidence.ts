/**
 * Link to the document reader at the place a value or assignment came from: `/documents/7?start=120&end=168`
 * opens the normalised text with those offsets highlighted (offsets as stored in the evidence).
 */
export function documentLink(e: { documentId: number; start?: number | null; end?: number | null }): string {
  const base = `/documents/${encodeURIComponent(e.documentId)}`;
  if (typeof e.start !== 'number' || typeof e.end !== 'number' || e.end <= e.start) return base;
  return `${base}?start=${e.start}&end=${e.end}`;
}

/** The document an evidence record points into, if it is one (not an upload's name). */
export function documentEvidence(
  e: Record<string, unknown> | null | undefined,
): { documentId: number; start: number | null; end: number | null; text: string | null } | null {
  if (!e || typeof e.documentId !== 'number') return null;
  return {
    documentId: e.documentId,
    start: typeof e.start === 'number' ? e.start : null,
    end: typeof e.end === 'number' ? e.end : null,
    text: typeof e.text === 'string' ? e.text : null,
  };
}
