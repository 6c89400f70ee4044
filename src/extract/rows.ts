import { foldWidth } from '../text/numerals.ts';
import type { Column, ColumnRole } from './schema.ts';
import { parseCell } from './values.ts';

/** One tab-separated line of the text. */
export interface RawRow {
  cells: string[];
  start: number;
  end: number;
}

const ATTRIBUTE = /^(预期性|约束性|预期|约束)$/;
const VALUE_KINDS = new Set([
  'number',
  'none',
  'bound',
  'cumulative',
  'otherYear',
  'composite',
  'provincial',
  'relative',
]);

function isValueLike(s: string): boolean {
  const t = s.trim();
  if (t === '') return false;
  return VALUE_KINDS.has(parseCell(t, { starYear: null, columnYear: null }).kind);
}

/** A row that carries data (an attribute, or at least two values), as opposed to a header row. */
export function isDataRow(cells: string[]): boolean {
  if (cells.some((c) => ATTRIBUTE.test(c.trim()))) return true;
  return cells.filter((c) => isValueLike(c) && !/^[-—]$/.test(c.trim())).length >= 2;
}

const CATEGORY_HEAD = /^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[）)])\s*(.+)$/;

/** `一、经济发展（7个）` alone in its row. */
export function categoryHeading(cells: string[]): string | null {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length !== 1) return null;
  const only = filled[0] as string;
  if (CATEGORY_HEAD.test(only) || /[（(]\s*[\d０-９]+\s*[个项]\s*[）)]$/.test(only)) return only;
  return null;
}

/** `经济发展 7项`, `一、经济发展（7个）` → name and stated count. */
export function parseCategory(s: string): { name: string; count: number | null } {
  let t = foldWidth(s).trim();
  const head = CATEGORY_HEAD.exec(t);
  if (head) t = (head[1] as string).trim();
  const m = /^(.*?)\s*[（(]?\s*(\d+)\s*[个项]\s*[）)]?$/.exec(t);
  if (m && (m[1] as string).trim()) return { name: (m[1] as string).trim(), count: Number(m[2]) };
  return { name: t, count: null };
}

function scoreCell(role: ColumnRole, raw: string): number {
  const s = raw.trim();
  const blank = s === '';
  switch (role) {
    case 'attribute':
      return ATTRIBUTE.test(s) ? 3 : blank ? 0 : -3;
    case 'name':
      return blank ? -1 : isValueLike(s) || ATTRIBUTE.test(s) ? -2 : 2;
    case 'seq':
      return blank || /^\d+/.test(foldWidth(s)) ? 1 : -1;
    case 'category':
      return blank ? 0 : isValueLike(s) || ATTRIBUTE.test(s) || /^\d+$/.test(s) ? -2 : 0;
    case 'unit':
      return 0;
    case 'other':
      return blank ? 0 : -1;
    default:
      return blank || isValueLike(s) ? 1 : ATTRIBUTE.test(s) ? -3 : -1;
  }
}

/**
 * Rows rendered from merged cells lose or move their leading blank cells (the row comes out
 * shifted left, with a stray trailing tab). Try the row as written and shifted right, and keep the
 * alignment whose cells best fit the column roles.
 */
export function alignRow(cells: string[], columns: Column[]): string[] {
  const width = columns.length;
  const trimmed = [...cells];
  while (trimmed.length > 0 && (trimmed[trimmed.length - 1] as string).trim() === '') trimmed.pop();
  const candidates: string[][] = [padTo(cells, width)];
  for (let pad = 1; pad <= 2 && trimmed.length + pad <= width; pad++) {
    candidates.push(padTo([...Array.from({ length: pad }, () => ''), ...trimmed], width));
  }
  let best = candidates[0] as string[];
  let bestScore = -Infinity;
  for (const c of candidates) {
    const score = c.reduce((acc, v, j) => acc + scoreCell((columns[j] as Column).role, v), 0);
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

function padTo(cells: string[], width: number): string[] {
  const out = cells.slice(0, width);
  while (out.length < width) out.push('');
  return out;
}
