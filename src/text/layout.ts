import { replaceSpans, type Traced } from './traced.ts';
import type { Span } from './types.ts';

/** A paragraph: a run of non-blank lines. `start`/`end` are offsets in the current text. */
export interface Block {
  start: number;
  end: number;
  text: string;
}

/** Split into blocks separated by blank lines; a linear scan, no regex backtracking. */
export function blocks(text: string): Block[] {
  const out: Block[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && isBlankLineAt(text, i)) i = nextLine(text, i);
    if (i >= n) break;
    const start = i;
    let end = i;
    while (i < n && !isBlankLineAt(text, i)) {
      const lineEnd = text.indexOf('\n', i);
      end = lineEnd === -1 ? n : lineEnd;
      i = lineEnd === -1 ? n : lineEnd + 1;
    }
    out.push({ start, end, text: text.slice(start, end) });
  }
  return out;
}

function nextLine(text: string, i: number): number {
  const e = text.indexOf('\n', i);
  return e === -1 ? text.length : e + 1;
}

function isBlankLineAt(text: string, i: number): boolean {
  for (let k = i; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x3000) return false;
  }
  return true;
}

// Headings ---------------------------------------------------------------------------------------

const HEADING_RE =
  /^\s*(第\s*[一二三四五六七八九十百零〇两\d]+\s*[章节篇部条]|专栏\s*\d|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．]\s*[^\d])/;

export function isHeading(line: string): boolean {
  return HEADING_RE.test(line);
}

// Page furniture ---------------------------------------------------------------------------------

const PAGE_NUMBER_RE =
  /^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})\s*$/;
const CREDIT_RE =
  /^\s*(?:本版)?(?:责编|责任编辑|美编|校对|编辑|审核|终审|责任校对)\s*[:：]?\s*\S{1,12}(?:\s+(?:美编|校对|编辑|责编)\s*[:：]?\s*\S{1,12})*\s*$/;
const IMAGE_LABEL_RE = /^\s*[a-z]{1,10}\d{0,3}[ ._-]*(?:webp|jpe?g|png|gif|bmp)\s*$/i;

/**
 * Page numbers, credit lines (本版责编 … 校对 …), image labels left by a scraper, and — in a
 * PDF — running heads repeated on most pages. They stay in the text (the reader shows them) but
 * are reported as furniture so no extractor reads them as body text.
 */
export function findFurniture(text: string, pages: number): Span[] {
  const spans: Span[] = [];
  const counts = new Map<string, number>();
  const lines: Array<{ start: number; end: number; line: string; alone: boolean }> = [];
  for (const b of blocks(text)) {
    let offset = b.start;
    const parts = b.text.split('\n');
    for (const line of parts) {
      lines.push({ start: offset, end: offset + line.length, line, alone: parts.length === 1 });
      offset += line.length + 1;
      const key = line.trim();
      if (key.length > 0 && key.length <= 30 && !key.includes('\t')) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const runningMin = Math.max(3, Math.ceil(pages / 2));
  for (const l of lines) {
    if (l.line.includes('\t')) continue;
    const key = l.line.trim();
    const pageNo = PAGE_NUMBER_RE.test(l.line) && (l.alone || pages > 1 || /[-—–－页/]/.test(l.line));
    const running = pages > 1 && (counts.get(key) ?? 0) >= runningMin && !isHeading(key);
    if (pageNo || CREDIT_RE.test(l.line) || IMAGE_LABEL_RE.test(l.line) || running) {
      spans.push({ start: l.start, end: l.end });
    }
  }
  return spans;
}

// Repeated blocks --------------------------------------------------------------------------------

/** Long enough that a repeat is a copy, not a coincidence (a byline, a slogan). */
const REPEAT_MIN = 40;

export interface DedupeResult {
  traced: Traced;
  dropped: string[];
}

/**
 * A block printed twice (seed 000 prints its first article twice) is kept once. Long repeats go;
 * a short repeat goes only next to a long one that goes, so a byline shared by two articles
 * stays. Tables (tab lines) are never dropped: a header repeated after a page break is data.
 */
export function dropRepeatedBlocks(t: Traced, furniture: Span[]): DedupeResult {
  const list = blocks(t.text);
  const seen = new Set<string>();
  const shingles = new Set<number>();
  const repeat = list.map((b) => {
    const key = b.text.replace(/\s+/g, '');
    const eligible = !b.text.includes('\t') && !overlaps(b, furniture);
    if (!eligible) return false;
    const hashes = rollingHashes(key);
    const isRepeat = seen.has(key) || (key.length >= NEAR_MIN && coverage(hashes, shingles) >= NEAR_COVER);
    seen.add(key);
    addShingles(hashes, shingles);
    return isRepeat;
  });
  const keyLen = (b: Block) => b.text.replace(/\s+/g, '').length;
  const drop = list.map((b, i) => repeat[i] === true && keyLen(b) >= REPEAT_MIN);
  // Spread to short repeats that sit between dropped long ones (headings, bylines of the copy).
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < list.length; i++) {
      if (!drop[i] && repeat[i] && (drop[i - 1] === true || drop[i + 1] === true)) drop[i] = true;
    }
  }
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const dropped: string[] = [];
  for (let i = 0; i < list.length; i++) {
    if (!drop[i]) continue;
    const b = list[i] as Block;
    const prevEnd = i > 0 ? (list[i - 1] as Block).end : 0;
    // Remove the block with the blank line before it, so paragraph spacing stays regular.
    edits.push({ start: prevEnd, end: b.end, text: '' });
    dropped.push(b.text.slice(0, 30));
  }
  return { traced: replaceSpans(t, edits), dropped };
}

/**
 * A truncated copy is not an exact repeat (seed 000's second copy starts mid-paragraph), so long
 * blocks are also compared by shingles: 16-character pieces sampled every 8 characters from the
 * earlier text. A block most of whose pieces were seen before is a copy.
 */
const SHINGLE = 16;
const STRIDE = 8;
const NEAR_MIN = 60;
const NEAR_COVER = 0.8;

const BASE = 0x01000193;
/** BASE^SHINGLE mod 2^32, to drop the character leaving the rolling window. */
const BASE_POW = (() => {
  let p = 1;
  for (let i = 0; i < SHINGLE; i++) p = Math.imul(p, BASE);
  return p;
})();

/**
 * Rolling 32-bit hashes of every SHINGLE-long window of `key` (window ending at i is at
 * index i - SHINGLE + 1): no substring is allocated, which keeps the 245 KB plan fast.
 */
function rollingHashes(key: string): Int32Array {
  const n = Math.max(0, key.length - SHINGLE + 1);
  const out = new Int32Array(n);
  let h = 0;
  for (let i = 0; i < key.length; i++) {
    h = (Math.imul(h, BASE) + key.charCodeAt(i)) | 0;
    if (i >= SHINGLE) h = (h - Math.imul(key.charCodeAt(i - SHINGLE), BASE_POW)) | 0;
    if (i >= SHINGLE - 1) out[i - SHINGLE + 1] = h;
  }
  return out;
}

function addShingles(hashes: Int32Array, set: Set<number>): void {
  for (let i = 0; i < hashes.length; i += STRIDE) set.add(hashes[i] as number);
}

/** Share of the block covered by earlier shingles (each sampled hit stands for STRIDE positions). */
function coverage(hashes: Int32Array, set: Set<number>): number {
  if (set.size === 0 || hashes.length === 0) return 0;
  let hits = 0;
  for (let i = 0; i < hashes.length; i++) if (set.has(hashes[i] as number)) hits++;
  return Math.min(1, (hits * STRIDE) / hashes.length);
}

/** Spans are sorted and disjoint, so a binary search finds the only candidate. */
function overlaps(b: Block, spans: Span[]): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as Span).end <= b.start) lo = mid + 1;
    else hi = mid;
  }
  const s = spans[lo];
  return s !== undefined && s.start < b.end;
}

// Broken sentences -------------------------------------------------------------------------------

/** A line ending in one of these ends a sentence (or a heading); nothing is joined after it. */
const TERMINAL_RE = /[。！？；：…”’」』）)\]】!?;:]\s*$/;
/** Shorter lines are headings, titles or bylines: never joined to what follows. */
const BODY_MIN = 40;

export interface JoinResult {
  traced: Traced;
  count: number;
  examples: string[];
  /** Page furniture that sat inside a mended sentence and was taken out of the text. */
  removedFurniture: string[];
}

/** Page numbers and running heads between two halves of a sentence: at most a footer and a header. */
const MAX_FURNITURE_BETWEEN = 4;

/**
 * Join a paragraph to the next when a page break cut a sentence (`规划纲` / `要的延伸`): the first
 * is a long body line that does not end a sentence, the second starts like a continuation.
 * Headings, tables and short lines are never joined. Furniture between the two halves (a PDF's
 * footer and the next page's running head) is taken out, since text offsets cannot reorder it,
 * and reported.
 */
export function joinBrokenSentences(t: Traced, furniture: Span[]): JoinResult {
  const list = blocks(t.text);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const examples: string[] = [];
  const removedFurniture: string[] = [];
  for (let i = 0; i + 1 < list.length; i++) {
    const a = list[i] as Block;
    let j = i + 1;
    while (j < list.length && j - i <= MAX_FURNITURE_BETWEEN && within(list[j] as Block, furniture)) j++;
    const b = list[j];
    if (!b || !continues(a, b, furniture)) continue;
    edits.push({ start: a.end, end: b.start, text: '' });
    for (let k = i + 1; k < j; k++) removedFurniture.push((list[k] as Block).text);
    if (examples.length < 5) examples.push(`${a.text.slice(-8)}|${b.text.slice(0, 8)}`);
    i = j - 1;
  }
  return { traced: replaceSpans(t, edits), count: edits.length, examples, removedFurniture };
}

/** The block is all furniture (every line of it is in a furniture span). */
function within(b: Block, spans: Span[]): boolean {
  let offset = b.start;
  for (const line of b.text.split('\n')) {
    if (!overlaps({ start: offset, end: offset + Math.max(1, line.length), text: line }, spans)) return false;
    offset += line.length + 1;
  }
  return true;
}

function continues(a: Block, b: Block, furniture: Span[]): boolean {
  const lastLine = a.text.slice(a.text.lastIndexOf('\n') + 1);
  const firstLine = b.text.split('\n', 1)[0] as string;
  if (lastLine.includes('\t') || firstLine.includes('\t')) return false;
  // Body text is long, or holds a finished sentence; headings and titles are neither.
  const body = lastLine.trim().length >= BODY_MIN || (lastLine.trim().length >= 20 && /[。；]/.test(lastLine));
  if (!body || TERMINAL_RE.test(lastLine)) return false;
  if (!/[，。、；]/.test(lastLine) || isHeading(lastLine) || isHeading(firstLine)) return false;
  if (overlaps(a, furniture) || overlaps(b, furniture)) return false;
  // The continuation starts like running text, not with a space; a short line without
  // punctuation is a title (`用运城精神照亮奋进之路`), whatever precedes it.
  if (!/^[\u4e00-\u9fff\d，、。）”]/.test(firstLine)) return false;
  return firstLine.trim().length >= BODY_MIN || /[，。、；：]/.test(firstLine);
}
