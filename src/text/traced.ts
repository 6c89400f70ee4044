import type { Span } from './types.ts';

/**
 * Text that remembers, for every character, the offset it came from in the original text.
 * Each repair pass rewrites a Traced into a new one, so offsets survive any number of passes
 * without composing anchor tables by hand. `origin` has one extra slot for the end of the text.
 */
export interface Traced {
  text: string;
  origin: Int32Array;
}

export function traced(text: string): Traced {
  const origin = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) origin[i] = i;
  return { text, origin };
}

/** Growable Int32 buffer: repair passes append origins without per-character arrays. */
class OriginBuilder {
  buf: Int32Array;
  len = 0;
  constructor(capacity: number) {
    this.buf = new Int32Array(Math.max(16, capacity));
  }
  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    const next = new Int32Array(Math.max(this.buf.length * 2, this.len + extra));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  copy(src: Int32Array, from: number, to: number): void {
    this.ensure(to - from);
    this.buf.set(src.subarray(from, to), this.len);
    this.len += to - from;
  }
  push(v: number): void {
    this.ensure(1);
    this.buf[this.len++] = v;
  }
  done(): Int32Array {
    return this.buf.slice(0, this.len);
  }
}

/**
 * Replace every match of a global regex. `replace` returns the new string, or null to keep the
 * match. Characters of a replacement map onto the matched characters one to one while they last,
 * then onto the last matched character, so a highlight never points outside the source span.
 */
export function rewrite(t: Traced, re: RegExp, replace: (m: RegExpExecArray) => string | null): Traced {
  if (!re.global) throw new Error('rewrite needs a global regex');
  re.lastIndex = 0;
  const parts: string[] = [];
  const ob = new OriginBuilder(t.text.length + 1);
  let last = 0;
  let changed = false;
  for (let m = re.exec(t.text); m !== null; m = re.exec(t.text)) {
    if (m[0].length === 0) re.lastIndex++;
    const rep = replace(m);
    if (rep === null || rep === m[0]) continue;
    changed = true;
    parts.push(t.text.slice(last, m.index), rep);
    ob.copy(t.origin, last, m.index);
    const len = m[0].length;
    for (let k = 0; k < rep.length; k++) ob.push(t.origin[m.index + Math.min(k, Math.max(0, len - 1))] as number);
    last = m.index + len;
  }
  if (!changed) return t;
  parts.push(t.text.slice(last));
  ob.copy(t.origin, last, t.text.length + 1);
  return { text: parts.join(''), origin: ob.done() };
}

/** Replace whole spans (sorted, non-overlapping) of the current text by new strings. */
export function replaceSpans(t: Traced, edits: Array<{ start: number; end: number; text: string }>): Traced {
  if (edits.length === 0) return t;
  const parts: string[] = [];
  const ob = new OriginBuilder(t.text.length + 1);
  let last = 0;
  for (const e of edits) {
    parts.push(t.text.slice(last, e.start), e.text);
    ob.copy(t.origin, last, e.start);
    const len = e.end - e.start;
    for (let k = 0; k < e.text.length; k++) ob.push(t.origin[e.start + Math.min(k, Math.max(0, len - 1))] as number);
    last = e.end;
  }
  parts.push(t.text.slice(last));
  ob.copy(t.origin, last, t.text.length + 1);
  return { text: parts.join(''), origin: ob.done() };
}

/** Anchor pairs [normalisedOffset, originalOffset]; between anchors both advance together. */
export function toOffsetMap(t: Traced): Array<[number, number]> {
  const map: Array<[number, number]> = [[0, t.origin[0] ?? 0]];
  for (let i = 1; i <= t.text.length; i++) {
    if (t.origin[i] !== (t.origin[i - 1] as number) + 1) map.push([i, t.origin[i] as number]);
  }
  return map;
}

/** Original offset of a normalised offset, read from an offset map (what the UI does). */
export function mapToOriginal(map: Array<[number, number]>, offset: number): number {
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((map[mid] as [number, number])[0] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const [n, o] = map[lo] as [number, number];
  return o + (offset - n);
}

/** First normalised offset whose origin is at or after `original` (origins never decrease). */
export function forwardOffset(t: Traced, original: number): number {
  let lo = 0;
  let hi = t.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((t.origin[mid] as number) < original) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Spans given in original offsets, mapped into the current text; empty spans are dropped. */
export function forwardSpans(t: Traced, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const start = forwardOffset(t, s.start);
    const end = forwardOffset(t, s.end);
    if (end > start) out.push({ start, end });
  }
  return out;
}
