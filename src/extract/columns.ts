import { foldWidth } from '../text/numerals.ts';
import type { Column, ColumnRole } from './schema.ts';

type Pending = ColumnRole | 'completed' | 'year';

const YEAR = /((?:19|20)\d{2})\s*年?/;

/** Role of one column from its (combined) header text, before years are compared. */
function roleOf(header: string): Pending {
  const h = foldWidth(header).replace(/\s+/g, '');
  if (h === '') return 'other';
  if (/类别|类型|领域|分类|维度/.test(h)) return 'category';
  if (/序号|编号|^序$|^No\.?$/i.test(h)) return 'seq';
  if (/属性|性质/.test(h)) return 'attribute';
  if (/单位/.test(h) && !/指标/.test(h)) return 'unit';
  if (/指标|名称|内容/.test(h) && !YEAR.test(h)) return 'name';
  if (/年均|增长|增速|累计|平均|增幅/.test(h)) return /完成|实际|进展|实现/.test(h) ? 'actualGrowth' : 'growth';
  if (/目标|规划|预期/.test(h) && !/完成|实际|实现/.test(h)) return 'target';
  if (/基数|基期|基准|现状|基础/.test(h)) return 'baseline';
  if (/完成|实际|实现|进展/.test(h)) return 'completed';
  if (YEAR.test(h)) return 'year';
  return 'other';
}

function yearOf(header: string): number | null {
  const m = YEAR.exec(foldWidth(header));
  return m ? Number(m[1]) : null;
}

/**
 * Identify each column from its header, whatever the order. A year column that says 完成 (or just a
 * year) is the baseline when its year is before the target year, else the actual value.
 */
export function identifyColumns(headers: string[]): Column[] {
  const pending = headers.map((h, index) => ({ index, header: h, role: roleOf(h), year: yearOf(h) }));
  promoteLatestYear(pending);
  const targetYear = pending.find((c) => c.role === 'target' && c.year !== null)?.year ?? null;
  const resolved = pending.map((c): Column => {
    let role: ColumnRole;
    if (c.role === 'completed')
      role = c.year !== null && targetYear !== null && c.year < targetYear ? 'baseline' : 'actual';
    else if (c.role === 'year') role = targetYear === null || (c.year as number) < targetYear ? 'baseline' : 'actual';
    else role = c.role;
    const year = c.year ?? (role === 'actual' ? targetYear : null);
    return { index: c.index, header: c.header, role, year };
  });
  return dedupeRoles(resolved);
}

/** Headers that are only years (`2020年`, `2025年`) and no 目标 column: the latest year is the target. */
function promoteLatestYear(cols: Array<{ role: Pending; year: number | null }>): void {
  if (cols.some((c) => c.role === 'target')) return;
  const years = cols.filter((c) => c.role === 'year');
  if (years.length < 2) return;
  const latest = years.reduce((a, b) => ((b.year as number) > (a.year as number) ? b : a));
  latest.role = 'target';
}

/** Two columns cannot share a role: keep the first, demote later ones to `other`. */
function dedupeRoles(cols: Column[]): Column[] {
  const seen = new Set<ColumnRole>();
  return cols.map((c) => {
    if (c.role === 'other') return c;
    if (seen.has(c.role)) return { ...c, role: 'other' };
    seen.add(c.role);
    return c;
  });
}

/**
 * Combine one or more header rows into one header per column. A parent header printed over a
 * merged range (`规划目标` then a blank) is carried right over the columns that have a sub-header.
 */
export function combineHeaders(rows: string[][], width: number): string[] {
  const out: string[] = Array.from({ length: width }, () => '');
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as string[];
    const below = rows.slice(r + 1);
    let carry = '';
    for (let j = 0; j < width; j++) {
      const cellText = (row[j] ?? '').trim();
      const hasSub = below.some((b) => (b[j] ?? '').trim() !== '');
      // Only a header with sub-headers under it can span the next columns.
      if (cellText) carry = hasSub ? cellText : '';
      else if (!hasSub) carry = '';
      const text = cellText || (hasSub ? carry : '');
      if (text) out[j] = out[j] ? `${out[j]} ${text}` : text;
    }
  }
  return out;
}

const trimEnd = (row: string[]) => {
  const r = [...row];
  while (r.length > 0 && (r[r.length - 1] as string).trim() === '') r.pop();
  return r;
};

/** A header over several sub-headers (`规划目标`, `进展情况`): no year, and not a leaf role. */
function isGroupHeader(h: string): boolean {
  const role = roleOf(h);
  return !YEAR.test(h) && !['category', 'seq', 'name', 'attribute', 'unit', 'other'].includes(role);
}

/**
 * Tables from HTML or Word arrive without their colspans: the top header row is short and the row
 * below holds only the sub-headers. Spread the sub-headers evenly under the group headers so both
 * rows line up with the data columns again. Anything that does not fit that shape is left as is.
 */
export function expandHeaderSpans(rows: string[][], width: number): string[][] {
  if (rows.length !== 2) return rows;
  const top = trimEnd(rows[0] as string[]);
  const subs = (rows[1] as string[]).map((c) => c.trim()).filter(Boolean);
  const missing = width - top.length;
  const groups = top.filter(isGroupHeader).length;
  if (missing <= 0 || groups === 0 || subs.length !== groups + missing || subs.length % groups !== 0) return rows;
  const span = subs.length / groups;
  const newTop: string[] = [];
  const newSub: string[] = [];
  for (const cell of top) {
    if (!isGroupHeader(cell)) {
      newTop.push(cell);
      newSub.push('');
      continue;
    }
    newTop.push(cell, ...Array.from({ length: span - 1 }, () => ''));
    newSub.push(...subs.splice(0, span));
  }
  return [newTop, newSub];
}
