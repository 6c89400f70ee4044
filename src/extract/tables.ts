import { foldWidth } from '../text/numerals.ts';
import type { Span } from '../text/types.ts';
import { combineHeaders, expandHeaderSpans, identifyColumns } from './columns.ts';
import { buildRows } from './indicator-rows.ts';
import type { OutlineNode } from './outline.ts';
import { categoryHeading, isDataRow, type RawRow } from './rows.ts';
import type { IndicatorTable } from './schema.ts';
import { source } from './text.ts';

/** Tab-separated lines of [start, end), with their offsets; other lines come back in `other`. */
function tabLines(text: string, start: number, end: number): { rows: RawRow[]; other: RawRow[] } {
  const rows: RawRow[] = [];
  const other: RawRow[] = [];
  let pos = start;
  while (pos < end) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 || nl > end ? end : nl;
    const line = text.slice(pos, lineEnd);
    if (line.trim()) (line.includes('\t') ? rows : other).push({ cells: line.split('\t'), start: pos, end: lineEnd });
    pos = lineEnd + 1;
  }
  return { rows, other };
}

const rowKey = (r: RawRow) => r.cells.map((c) => c.trim()).join('\t');
const isNote = (r: RawRow) => /^注[：:]/.test((r.cells[0] ?? '').trim());

/**
 * Header rows are the rows before the first data row or category heading. A table printed in parts
 * repeats them: those repeats are dropped, so the parts merge into one table.
 */
function splitHeader(rows: RawRow[]): { header: RawRow[]; body: RawRow[] } {
  const firstData = rows.findIndex((r) => isDataRow(r.cells) || categoryHeading(r.cells) !== null);
  if (firstData <= 0) return { header: [], body: rows };
  const header = rows.slice(0, firstData);
  const keys = new Set(header.map(rowKey));
  const body = rows.slice(firstData).filter((r) => !keys.has(rowKey(r)));
  return { header, body };
}

/** The 注 paragraph after a table and its numbered continuation lines (` 2. …`), not later prose. */
function notesAfter(lines: RawRow[], after: number): string[] {
  const out: string[] = [];
  for (const l of lines.filter((o) => o.start > after)) {
    const t = l.cells.join(' ').trim();
    if (/^注[：:]/.test(t) || (out.length > 0 && /^(?:\d+|[（(]\d+[）)])[.．、]?/.test(t))) out.push(t);
    else if (out.length > 0) break;
  }
  return out;
}

/** `*为2019年数据` in a note gives the year of starred values. */
function starYearOf(notes: string[]): number | null {
  for (const n of notes) {
    const m = /\*\s*(?:为|表示|是|系)\s*((?:19|20)\d{2})\s*年/.exec(foldWidth(n));
    if (m) return Number(m[1]);
  }
  return null;
}

/** The widest data row, not counting trailing blank cells. */
function dataWidth(body: RawRow[]): number {
  return Math.max(
    ...body.map((r) => {
      let n = r.cells.length;
      while (n > 0 && (r.cells[n - 1] as string).trim() === '') n--;
      return n;
    }),
  );
}

/** The indicator table of one box, or null when the box holds no table of indicators. */
function extractBoxTable(text: string, box: OutlineNode, damaged: readonly Span[] = []): IndicatorTable | null {
  const { rows, other } = tabLines(text, box.bodyStart, box.end);
  const tableRows = rows.filter((r) => !isNote(r));
  const { header, body } = splitHeader(tableRows);
  if (header.length === 0 || body.length === 0) return null;
  const width = Math.max(dataWidth(body), ...header.map((h) => h.cells.length));
  const headerRows = expandHeaderSpans(
    header.map((h) => h.cells),
    width,
  );
  const columns = identifyColumns(combineHeaders(headerRows, width));
  const roles = new Set(columns.map((c) => c.role));
  if (!roles.has('name') || !['baseline', 'target', 'growth'].some((r) => roles.has(r as never))) return null;
  const lastRowEnd = Math.max(...body.map((r) => r.end));
  const notes = [...rows.filter(isNote).map((r) => r.cells.join(' ').trim()), ...notesAfter(other, lastRowEnd)];
  const { rows: parsed, issues } = buildRows(text, body, columns, starYearOf(notes), damaged);
  const first = header[0] as RawRow;
  return {
    box: box.number,
    title: box.title,
    columns,
    rows: parsed,
    notes,
    issues,
    source: source(text, { start: first.start, end: lastRowEnd }),
  };
}

export function extractIndicatorTables(text: string, boxes: OutlineNode[], damaged: readonly Span[] = []) {
  const out: IndicatorTable[] = [];
  for (const box of boxes) {
    const t = extractBoxTable(text, box, damaged);
    if (t && t.rows.length > 0) out.push(t);
  }
  return out;
}
