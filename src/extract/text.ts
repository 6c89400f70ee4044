import type { Span } from '../text/types.ts';
import type { Source } from './schema.ts';

/** A logical paragraph: lines joined across page breaks; `text` has the break whitespace removed. */
export interface Paragraph {
  start: number;
  end: number;
  text: string;
  /** offsets[i] is the position in the document of text[i]. */
  offsets: number[];
}

const TERMINAL = /[。！？；：]$/;
/** `1.`, `（2）`, `03 `, `一、`: a numbered line starts its own paragraph. */
export const ENUMERATED =
  /^(?:\d{1,2}[.．、](?![\d０-９])|[（(]\d{1,2}[）)]|0\d\s|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])/;
/** A line cut by a page break is a full printed line; short lines without a stop are titles. */
const MIN_CUT_LINE = 20;
const HEADING = /^(?:第\s*[一二三四五六七八九十百零〇两\d]+\s*[章节]|专栏\s*[\d０-９])/;

/**
 * Split [start, end) into paragraphs. A page break in the source shows as a blank line in the middle
 * of a sentence; a paragraph that does not end with terminal punctuation continues on the next
 * non-blank line, unless that line is tab-separated (a table row).
 */
export function paragraphs(text: string, start = 0, end = text.length): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: Paragraph | null = null;
  let lastLine = '';
  let pos = start;
  while (pos < end) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 || nl > end ? end : nl;
    const line = text.slice(pos, lineEnd);
    const trimmed = line.trim();
    if (trimmed.length > 0) {
      const lead = line.length - line.trimStart().length;
      const lineStart = pos + lead;
      const continues =
        cur !== null &&
        !TERMINAL.test(cur.text) &&
        lastLine.length >= MIN_CUT_LINE &&
        !line.includes('\t') &&
        !lastLine.includes('\t') &&
        !HEADING.test(trimmed) &&
        !ENUMERATED.test(trimmed) &&
        !HEADING.test(lastLine);
      if (!continues) {
        if (cur) out.push(cur);
        cur = { start: lineStart, end: lineStart, text: '', offsets: [] };
      }
      appendLine(cur as Paragraph, trimmed, lineStart);
      lastLine = trimmed;
    }
    pos = lineEnd + 1;
  }
  if (cur) out.push(cur);
  return out;
}

function appendLine(p: Paragraph, trimmed: string, lineStart: number): void {
  for (let i = 0; i < trimmed.length; i++) p.offsets.push(lineStart + i);
  p.text += trimmed;
  p.end = lineStart + trimmed.length;
}

/** Document span of paragraph characters [from, to). */
export function spanOf(p: Paragraph, from: number, to: number): Span {
  const s = p.offsets[from] ?? p.end;
  const last = p.offsets[Math.max(from, to - 1)];
  const e = to > from && last !== undefined ? last + 1 : s;
  return { start: s, end: e };
}

export function source(text: string, span: Span): Source {
  return { start: span.start, end: span.end, text: text.slice(span.start, span.end) };
}

/** Sentences of a paragraph, split after `。！？；`, with their paragraph-relative bounds. */
export function sentences(p: Paragraph): Array<{ from: number; to: number; text: string }> {
  const out: Array<{ from: number; to: number; text: string }> = [];
  let from = 0;
  for (let i = 0; i < p.text.length; i++) {
    if ('。！？；'.includes(p.text[i] as string) || i === p.text.length - 1) {
      const to = i + 1;
      const t = p.text.slice(from, to);
      if (t.trim()) out.push({ from, to, text: t });
      from = to;
    }
  }
  return out;
}

/** True when [start, end) overlaps any damaged span. */
export function isDamaged(damaged: readonly Span[] | undefined, start: number, end: number): boolean {
  if (!damaged) return false;
  return damaged.some((d) => d.start < end && start < d.end);
}
