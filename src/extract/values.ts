import { foldWidth } from '../text/numerals.ts';
import type { Cell, CellKind } from './schema.ts';

export interface CellContext {
  /** Year a `*` marks, from the table note (`*为2019年数据`); null when the note gives none. */
  starYear: number | null;
  /** The column's own year, used when the cell does not say otherwise. */
  columnYear: number | null;
}

const NUM = String.raw`[-+−]?\d+(?:\.\d+)?`;
const NUM_RE = new RegExp(`^(${NUM})$`);
const PREFIX_BOUND = new RegExp(
  String.raw`^(>=|<=|≥|≤|>|<|≧|≦|不低于|不少于|不超过|不高于|高于|低于|超过)\s*(${NUM})\s*(%|‰)?$`,
);
const SUFFIX_BOUND = new RegExp(String.raw`^(${NUM})\s*(%|‰)?\s*(以上|以下|以内|左右|上下)$`);
const CUMULATIVE = new RegExp(String.raw`^\[\s*(降低|下降|减少|提高|增加|增长)?\s*(${NUM})\s*(%|‰)?\s*\]$`);
const STARRED = new RegExp(String.raw`^(${NUM})\s*(%|‰)?\s*\*$`);
const WITH_UNIT = new RegExp(String.raw`^(${NUM})\s*(%|‰)$`);

const COMPARATORS: Record<string, Cell['comparator']> = {
  '>': '>',
  '<': '<',
  '>=': '>=',
  '<=': '<=',
  '≥': '>=',
  '≧': '>=',
  '≤': '<=',
  '≦': '<=',
  不低于: '>=',
  不少于: '>=',
  不超过: '<=',
  不高于: '<=',
  高于: '>',
  超过: '>',
  低于: '<',
  以上: '>=',
  以下: '<=',
  以内: '<=',
  左右: 'approx',
  上下: 'approx',
};

function cell(text: string, kind: CellKind, value: number | null, ctx: CellContext, extra: Partial<Cell> = {}): Cell {
  return {
    text,
    kind,
    value,
    year: ctx.columnYear,
    comparator: null,
    change: null,
    unit: null,
    reference: null,
    label: null,
    parts: [],
    ...extra,
  };
}

function num(s: string): number {
  return Number(s.replace('−', '-'));
}

/** Parse one value cell of an indicator table; never throws, unknown forms come back as `text`. */
export function parseCell(text: string, ctx: CellContext): Cell {
  const t = foldWidth(text).replace(/\s+/g, ' ').trim();
  if (t === '') return cell(text, 'blank', null, ctx);
  if (/^[-—–－/\\]+$|^(无|无指标|不适用|暂无|—)$/.test(t)) return cell(text, 'none', null, ctx);
  return parseSimple(text, t, ctx) ?? parseComposite(text, t, ctx) ?? parseWords(text, t, ctx);
}

function parseSimple(text: string, t: string, ctx: CellContext): Cell | null {
  let m = NUM_RE.exec(t);
  if (m) return cell(text, 'number', num(m[1] as string), ctx);
  m = WITH_UNIT.exec(t);
  if (m) return cell(text, 'number', num(m[1] as string), ctx, { unit: m[2] as string });
  m = PREFIX_BOUND.exec(t);
  if (m) {
    return cell(text, 'bound', num(m[2] as string), ctx, {
      comparator: COMPARATORS[m[1] as string] ?? null,
      unit: m[3] ?? null,
    });
  }
  m = SUFFIX_BOUND.exec(t);
  if (m) {
    return cell(text, 'bound', num(m[1] as string), ctx, {
      comparator: COMPARATORS[m[3] as string] ?? null,
      unit: m[2] ?? null,
    });
  }
  m = CUMULATIVE.exec(t);
  if (m) {
    const change = m[1] ? (/降低|下降|减少/.test(m[1]) ? 'decrease' : 'increase') : null;
    return cell(text, 'cumulative', num(m[2] as string), ctx, { change, unit: m[3] ?? null });
  }
  m = STARRED.exec(t);
  if (m)
    return cell(text, 'otherYear', num(m[1] as string), { ...ctx, columnYear: ctx.starYear }, { unit: m[2] ?? null });
  return null;
}

/** `0/0`, `-/1`, `(0/3) /(0/0) /(0/8)`: split on top-level `/`, parts in brackets split again. */
function parseComposite(text: string, t: string, ctx: CellContext): Cell | null {
  const parts = splitTopLevel(t, '/');
  if (parts.length < 2) return null;
  const parsed = parts.map((p) => {
    const inner = p.trim().replace(/^[(（](.*)[)）]$/, '$1');
    return inner.includes('/') ? parseComposite(inner, inner, ctx) : parseCell(inner, ctx);
  });
  if (parsed.some((p) => p === null || p.kind === 'text')) return null;
  return cell(text, 'composite', null, ctx, { parts: parsed as Cell[] });
}

function parseWords(text: string, t: string, ctx: CellContext): Cell {
  if (/省.*(下达|任务|下任务)|上级下达/.test(t)) return cell(text, 'provincial', null, ctx);
  const rel = /^(?:与|同|和)(.+?)(?:保持)?(?:一致|同步|相适应|相协调|基本同步)$/.exec(t);
  if (rel) return cell(text, 'relative', null, ctx, { reference: rel[1] as string });
  return cell(text, 'text', null, ctx);
}

/** Split on `sep` outside round brackets. */
export function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(' || ch === '（') depth++;
    if (ch === ')' || ch === '）') depth = Math.max(0, depth - 1);
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
