import { parseHTML } from 'linkedom';
import type { DocumentTable } from './types.ts';

/** Text of a document as read from its container, before any repair. Offsets are into `text`. */
export interface Extracted {
  text: string;
  tables: DocumentTable[];
  pages?: number;
}

// Minimal structural view of linkedom's DOM, so strict typing does not depend on lib.dom.
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
  getAttribute?(name: string): string | null;
  querySelectorAll?(sel: string): ArrayLike<DomNode>;
  remove?(): void;
}

const DROP_TAGS = 'script,style,noscript,template,nav,header,footer,aside,form,iframe,button,select,svg,canvas';
/** Class or id words that mark navigation, adverts and other page chrome. */
const CHROME_RE =
  /(^|[\s_-])(nav|navbar|menu|breadcrumbs?|footer|header|sidebar|side|ads?|advert\w*|banner|share|social|comments?|recommend\w*|related|copyright|toolbar|pagination)($|[\s_-])/i;
const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'UL',
  'OL',
  'BLOCKQUOTE',
  'PRE',
  'TR',
  'CENTER',
  'DD',
  'DT',
  'FIGCAPTION',
  'BODY',
]);

/** Web page: the main article only, without navigation, adverts and scripts. */
export function extractHtml(html: string): Extracted {
  const { document } = parseHTML(html);
  const doc = document as unknown as DomNode & { body: DomNode | null; documentElement: DomNode };
  for (const el of Array.from(doc.querySelectorAll?.(DROP_TAGS) ?? [])) el.remove?.();
  for (const el of Array.from(doc.querySelectorAll?.('[class],[id]') ?? [])) {
    const label = `${el.getAttribute?.('class') ?? ''} ${el.getAttribute?.('id') ?? ''}`;
    if (CHROME_RE.test(label) && el.nodeName !== 'BODY') el.remove?.();
  }
  const root = pickMain(doc) ?? doc.body ?? doc.documentElement;
  return renderBlocks(root);
}

/** Word file converted to HTML by mammoth: every block is content, nothing to strip. */
export function extractHtmlFragment(html: string): Extracted {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const doc = document as unknown as { body: DomNode };
  return renderBlocks(doc.body);
}

/** `<article>` or `<main>` when present, else the element holding the most paragraph text. */
function pickMain(doc: DomNode): DomNode | null {
  const explicit = Array.from(doc.querySelectorAll?.('article,main,[role=main]') ?? []);
  const best = (list: DomNode[]) =>
    list.reduce<DomNode | null>((a, b) => (a && textLen(a) >= textLen(b) ? a : b), null);
  const art = best(explicit);
  if (art && textLen(art) > 200) return art;
  const scores = new Map<DomNode, number>();
  for (const p of Array.from(doc.querySelectorAll?.('p,table') ?? [])) {
    const parent = p.parentNode;
    if (parent) scores.set(parent, (scores.get(parent) ?? 0) + textLen(p));
  }
  let top: DomNode | null = null;
  let topScore = 0;
  for (const [el, s] of scores) {
    if (s > topScore) {
      top = el;
      topScore = s;
    }
  }
  return top;
}

function textLen(n: DomNode): number {
  return (n.textContent ?? '').replace(/\s+/g, '').length;
}

/** Blocks become paragraphs separated by a blank line; tables become tab-separated lines. */
function renderBlocks(root: DomNode): Extracted {
  const out: string[] = [];
  const tables: DocumentTable[] = [];
  let length = 0;
  let para = '';
  const emit = (s: string) => {
    if (out.length > 0) {
      out.push('\n\n');
      length += 2;
    }
    out.push(s);
    length += s.length;
  };
  const flush = () => {
    const t = para.replace(/[ \t\r\n\f]+/g, ' ').trim();
    para = '';
    if (t) emit(t);
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      para += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    if (node.nodeName === 'TABLE') {
      flush();
      const rows = tableRows(node);
      if (rows.length === 0) return;
      const rendered = rows.map((r) => r.join('\t')).join('\n');
      emit(rendered);
      tables.push({ start: length - rendered.length, end: length, rows });
      return;
    }
    if (node.nodeName === 'BR') {
      flush();
      return;
    }
    const block = BLOCK_TAGS.has(node.nodeName);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return { text: out.join(''), tables };
}

/**
 * Rows of a table, cells trimmed and whitespace-collapsed; nested tables are read as text.
 * Merged cells keep the grid: a cell spanning columns is followed by empty cells, and a cell
 * spanning rows leaves an empty cell in the rows below (as the text seeds write a category once).
 */
function tableRows(table: DomNode): string[][] {
  const rows: string[][] = [];
  // Column index → rows still covered by a cell from above.
  const pending = new Map<number, number>();
  const visit = (n: DomNode) => {
    for (const child of Array.from(n.childNodes)) {
      if (child.nodeType !== 1) continue;
      if (child.nodeName === 'TR') {
        const cells = gridRow(child, pending);
        if (cells.some((c) => c.length > 0)) rows.push(cells);
      } else if (child.nodeName !== 'TABLE') visit(child);
    }
  };
  visit(table);
  return rows;
}

function gridRow(tr: DomNode, pending: Map<number, number>): string[] {
  const out: string[] = [];
  const fillCovered = () => {
    while ((pending.get(out.length) ?? 0) > 0) {
      pending.set(out.length, (pending.get(out.length) as number) - 1);
      out.push('');
    }
  };
  for (const cell of Array.from(tr.childNodes)) {
    if (cell.nodeName !== 'TD' && cell.nodeName !== 'TH') continue;
    fillCovered();
    const colspan = span(cell, 'colspan');
    const rowspan = span(cell, 'rowspan');
    for (let k = 0; k < colspan; k++) {
      if (rowspan > 1) pending.set(out.length, rowspan - 1);
      out.push(k === 0 ? cellText(cell) : '');
    }
  }
  fillCovered();
  return out;
}

function span(cell: DomNode, name: string): number {
  const n = Number.parseInt(cell.getAttribute?.(name) ?? '1', 10);
  // A bogus span must not blow a row up: Word never spans more than 63 columns.
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 64) : 1;
}

function cellText(cell: DomNode): string {
  // Paragraphs inside a Word cell are joined by a space: a cell stays on one line of the text.
  const parts: string[] = [];
  const walk = (n: DomNode) => {
    if (n.nodeType === 3) parts.push(n.textContent ?? '');
    else if (n.nodeType === 1) {
      if (BLOCK_TAGS.has(n.nodeName) || n.nodeName === 'BR') parts.push(' ');
      for (const c of Array.from(n.childNodes)) walk(c);
    }
  };
  walk(cell);
  return parts.join('').replace(/\s+/g, ' ').trim();
}
