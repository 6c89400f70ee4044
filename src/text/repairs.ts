import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';
import { rewrite, type Traced, traced } from './traced.ts';

/** A pass's result: the new text and the before → after samples it made. */
export interface PassResult {
  traced: Traced;
  count: number;
  examples: string[];
}

const MAX_EXAMPLES = 5;

/** Run a regex rewrite and count what it changed, keeping a few samples for the report. */
function counted(
  t: Traced,
  re: RegExp,
  replace: (m: RegExpExecArray) => string | null,
  context = 0,
  after = 0,
): PassResult {
  let count = 0;
  const examples: string[] = [];
  const out = rewrite(t, re, (m) => {
    const rep = replace(m);
    if (rep === null || rep === m[0]) return null;
    count++;
    if (examples.length < MAX_EXAMPLES) {
      const pre = t.text.slice(Math.max(0, m.index - context), m.index);
      const post = t.text.slice(m.index + m[0].length, m.index + m[0].length + after);
      examples.push(`${pre}${m[0]}${post} → ${pre}${rep}${post}`);
    }
    return rep;
  });
  return { traced: out, count, examples };
}

// Pinyin annotations ------------------------------------------------------------------------------

const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ';
const PINYIN_LETTERS = `a-zü${TONED}`;
/**
 * `創(chuàng)新`: a converter wrote the reading after a character. Only brackets holding pinyin with a
 * tone mark are removed, so `(二)`, `(2023)`, `(R&D)` and `(%)` stay.
 */
const PINYIN_RE = new RegExp(`[(（]([${PINYIN_LETTERS}]{1,7}(?: [${PINYIN_LETTERS}]{1,7}){0,3})[)）]`, 'g');
const TONE_RE = new RegExp(`[${TONED}]`);
/** The same annotation whose `(` was eaten by mojibake: `當?shù)仄…`; the `?` stays for the mojibake pass. */
const BROKEN_PINYIN_RE = new RegExp(`(?<=\\?)[${PINYIN_LETTERS}]{1,7}\\)`, 'g');

export function removePinyin(t: Traced): PassResult {
  const broken = counted(t, BROKEN_PINYIN_RE, (m) => (TONE_RE.test(m[0]) ? '' : null), 2);
  const whole = counted(broken.traced, PINYIN_RE, (m) => (TONE_RE.test(m[1] as string) ? '' : null), 2);
  return {
    traced: whole.traced,
    count: broken.count + whole.count,
    examples: [...whole.examples, ...broken.examples].slice(0, MAX_EXAMPLES),
  };
}

// Traditional → Simplified ------------------------------------------------------------------------

let t2s: ((s: string) => string) | null = null;
let ambiguous: Set<string> | null = null;

function converter(): (s: string) => string {
  const convert = t2s ?? OpenCC.Converter({ from: 'tw', to: 'cn' });
  t2s = convert;
  return convert;
}

/**
 * Characters that are correct simplified characters and yet are changed by the converter
 * (`著` in `显著`): every GB2312 character the converter alters. Seeing only these on a line is
 * no evidence that the line is Traditional.
 */
function ambiguousChars(): Set<string> {
  if (ambiguous) return ambiguous;
  const bytes: number[] = [];
  for (let hi = 0xb0; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) bytes.push(hi, lo);
  const simplified = iconv.decode(Buffer.from(bytes), 'gb2312');
  const converted = converter()(simplified);
  ambiguous = new Set();
  if (converted.length === simplified.length) {
    for (let i = 0; i < simplified.length; i++)
      if (simplified[i] !== converted[i]) ambiguous.add(simplified[i] as string);
  }
  return ambiguous;
}

let traditionalOnly: Uint8Array | null = null;

/**
 * Flags for characters that only Traditional text uses (the converter changes them and they are
 * not ambiguous). The converter is slow; a line without any of these is not handed to it at all.
 */
function traditionalTable(): Uint8Array {
  if (traditionalOnly) return traditionalOnly;
  const table = new Uint8Array(0x10000);
  const skip = ambiguousChars();
  const chars: string[] = [];
  for (let c = 0x3400; c <= 0x9fff; c++) chars.push(String.fromCharCode(c));
  for (let c = 0xf900; c <= 0xfaff; c++) chars.push(String.fromCharCode(c));
  // One character per line, so no phrase rule joins neighbours.
  const converted = converter()(chars.join('\n')).split('\n');
  if (converted.length === chars.length) {
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] as string;
      if (converted[i] !== ch && !skip.has(ch)) table[ch.charCodeAt(0)] = 1;
    }
  }
  traditionalOnly = table;
  return table;
}

function hasTraditional(line: string, table: Uint8Array): boolean {
  for (let i = 0; i < line.length; i++) if (table[line.charCodeAt(i)] === 1) return true;
  return false;
}

/**
 * opencc-js with the Taiwan → mainland tables, applied line by line and only to lines that hold
 * a Traditional-only character, so simplified text is never "converted" (`显著` stays). The
 * converter works phrase by phrase, almost always one character for one; a line whose length
 * changes is replaced whole, so offsets stay inside it.
 */
export function toSimplified(t: Traced): PassResult {
  const convert = converter();
  const table = traditionalTable();
  let count = 0;
  const examples: string[] = [];
  const out = rewrite(t, /[^\n]+/g, (m) => {
    const line = m[0];
    if (!hasTraditional(line, table)) return null;
    const conv = convert(line);
    if (conv === line) return null;
    const changed: string[] = [];
    if (conv.length === line.length) {
      for (let i = 0; i < line.length; i++) if (conv[i] !== line[i]) changed.push(`${line[i]} → ${conv[i]}`);
    } else changed.push(`${line.slice(0, 12)} → ${conv.slice(0, 12)}`);
    count += changed.length;
    for (const c of changed) if (examples.length < MAX_EXAMPLES && !examples.includes(c)) examples.push(c);
    return conv;
  });
  return { traced: out, count, examples };
}

// Width and numbers --------------------------------------------------------------------------------

/** Full-width digits and Latin letters become ASCII; Chinese punctuation is left as written. */
export function foldFullWidth(t: Traced): PassResult {
  const fold = (s: string) => String.fromCharCode(...Array.from(s, (c) => c.charCodeAt(0) - 0xfee0));
  const letters = counted(t, /[０-９Ａ-Ｚａ-ｚ]+/g, (m) => fold(m[0]));
  // A full-width point or percent only becomes ASCII next to a digit: `３．５％` → `3.5%`.
  const marks = counted(letters.traced, /(?<=\d)[．％]|[．](?=\d)/g, (m) => (m[0] === '．' ? '.' : '%'));
  return {
    traced: marks.traced,
    count: letters.count + marks.count,
    examples: [...letters.examples, ...marks.examples].slice(0, MAX_EXAMPLES),
  };
}

/**
 * `1.61 万公里`, `5 万亿`, `3. 5`: spaces a typesetter or converter put inside a quantity. Only
 * between a digit and a unit, or inside a decimal; never in table lines, where a space may
 * separate a row number from a name.
 */
const UNIT = '(?:[万亿千百元年月日个项家座米吨倍户亩台辆条处次%‰℃]|公[里顷斤])';
const NUMBER_SPACE_RE = new RegExp(`(?<=\\d)[ \\u00a0\\u3000]+(?=${UNIT})|(?<=\\d\\.)[ \\u00a0]+(?=\\d)`, 'g');

export function joinNumberSpaces(t: Traced): PassResult {
  // The line of the previous match is remembered, so a long line is scanned once, not per match.
  let lineStart = -1;
  let lineEnd = -1;
  let tabbed = false;
  return counted(
    t,
    NUMBER_SPACE_RE,
    (m) => {
      if (m.index >= lineEnd || m.index < lineStart) {
        lineStart = t.text.lastIndexOf('\n', m.index) + 1;
        const e = t.text.indexOf('\n', m.index);
        lineEnd = e === -1 ? t.text.length : e;
        tabbed = t.text.slice(lineStart, lineEnd).includes('\t');
      }
      return tabbed ? null : '';
    },
    6,
    2,
  );
}

// Invisible characters and line ends --------------------------------------------------------------

/** CR/LF variants become `\n`; zero-width characters and a stray BOM are dropped; NBSP is a space. */
export function cleanControls(t: Traced): PassResult {
  return counted(t, /\r\n?|[\u200b-\u200d\u2060\ufeff]|\u00a0|[\u2028\u2029]|\f/g, (m) => {
    const c = m[0];
    if (c === '\u00a0') return ' ';
    if (c === '\r\n' || c === '\r' || c === '\u2028' || c === '\u2029') return '\n';
    if (c === '\f') return '\n\n';
    return '';
  });
}

export { traced };
