import { foldWidth } from '../text/numerals.ts';
import type { Span } from '../text/types.ts';
import { parseIndicatorName, splitNameParts } from './names.ts';
import { alignRow, categoryHeading, parseCategory, type RawRow } from './rows.ts';
import type { Cell, Column, ColumnRole, IndicatorRow, NamePart, TableIssue } from './schema.ts';
import { isDamaged, source } from './text.ts';
import { parseCell } from './values.ts';

const VALUE_ROLES: ColumnRole[] = ['baseline', 'target', 'growth', 'actual', 'actualGrowth'];

interface State {
  category: { name: string; count: number | null } | null;
  seq: string | null;
  parent: { name: string; unit: string | null } | null;
}

/** Give composite parts the matching part of the name as label, when the shapes agree. */
function labelParts(c: Cell, parts: NamePart[]): Cell {
  if (c.kind !== 'composite' || c.parts.length !== parts.length) return c;
  return {
    ...c,
    parts: c.parts.map((p, i) => {
      const np = parts[i] as NamePart;
      return labelParts({ ...p, label: np.name }, np.parts);
    }),
  };
}

/** The seq cell: `2`, `2 城镇化率` (a group of sub-indicators), or blank (continues the last). */
function readSeq(raw: string, state: State): void {
  const t = foldWidth(raw).trim();
  if (t === '') return;
  const m = /^(\d+)\s*(.*)$/.exec(t);
  if (!m) return;
  state.seq = m[1] as string;
  const label = (m[2] as string).trim();
  if (!label) {
    state.parent = null;
    return;
  }
  const p = parseIndicatorName(label);
  state.parent = { name: p.name, unit: p.unit };
}

function readCells(cells: string[], columns: Column[], starYear: number | null, damaged: boolean) {
  const out: Partial<Record<ColumnRole, Cell>> = {};
  for (const col of columns) {
    if (!VALUE_ROLES.includes(col.role)) continue;
    const raw = (cells[col.index] ?? '').trim();
    const c = parseCell(raw, { starYear, columnYear: col.year });
    out[col.role] = damaged ? { ...c, kind: 'damaged', value: null, parts: [] } : c;
  }
  return out;
}

function attributeOf(s: string | undefined): IndicatorRow['attribute'] {
  if (!s) return null;
  if (s.includes('约束')) return 'binding';
  if (s.includes('预期')) return 'expected';
  return null;
}

const cellOf = (cells: string[], columns: Column[], role: ColumnRole) => {
  const col = columns.find((c) => c.role === role);
  return col ? (cells[col.index] ?? '').trim() : '';
};

function buildRow(
  text: string,
  raw: RawRow,
  columns: Column[],
  state: State,
  starYear: number | null,
  damaged: readonly Span[],
) {
  const cells = alignRow(raw.cells, columns);
  let nameText = cellOf(cells, columns, 'name');
  const seqText = cellOf(cells, columns, 'seq');
  // A name pushed into the seq column by a lost blank cell.
  if (!nameText && seqText && !/^\d/.test(foldWidth(seqText))) nameText = seqText;
  else readSeq(seqText, state);
  const catText = cellOf(cells, columns, 'category');
  if (catText) state.category = parseCategory(catText);
  if (!nameText) return null;
  const parsed = parseIndicatorName(nameText);
  const unitCol = cellOf(cells, columns, 'unit');
  const nameParts = splitNameParts(parsed.name);
  const values = readCells(cells, columns, starYear, isDamaged(damaged, raw.start, raw.end));
  for (const role of Object.keys(values) as ColumnRole[]) values[role] = labelParts(values[role] as Cell, nameParts);
  const row: IndicatorRow = {
    category: state.category?.name ?? null,
    seq: state.seq,
    name: parsed.name,
    unit: unitCol || parsed.unit || state.parent?.unit || null,
    tags: parsed.tags,
    parent: state.parent?.name ?? null,
    nameParts,
    cells: values,
    attribute: attributeOf(cellOf(cells, columns, 'attribute')),
    source: source(text, { start: raw.start, end: raw.end }),
  };
  return row;
}

function countIssues(rows: IndicatorRow[], stated: Map<string, number>): TableIssue[] {
  const issues: TableIssue[] = [];
  for (const [category, count] of stated) {
    const inCat = rows.filter((r) => r.category === category);
    const seqs = new Set(inCat.map((r) => r.seq ?? r.name));
    if (seqs.size !== count) {
      issues.push({
        kind: 'categoryCountMismatch',
        category,
        stated: count,
        found: seqs.size,
        message: `${category}: heading says ${count}, table lists ${seqs.size}`,
      });
    }
  }
  return issues;
}

/** Turn aligned body rows into indicator rows, carrying category, seq and parent down the table. */
export function buildRows(
  text: string,
  body: RawRow[],
  columns: Column[],
  starYear: number | null,
  damaged: readonly Span[],
): { rows: IndicatorRow[]; issues: TableIssue[] } {
  const state: State = { category: null, seq: null, parent: null };
  const stated = new Map<string, number>();
  const rows: IndicatorRow[] = [];
  for (const raw of body) {
    const heading = categoryHeading(raw.cells);
    if (heading !== null) {
      state.category = parseCategory(heading);
      state.parent = null;
    } else {
      const row = buildRow(text, raw, columns, state, starYear, damaged);
      if (row) rows.push(row);
    }
    if (state.category?.count != null) stated.set(state.category.name, state.category.count);
  }
  return { rows, issues: countIssues(rows, stated) };
}
