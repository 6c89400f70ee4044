import iconv from 'iconv-lite';
import { isCommonHan, isHan, plausibility } from './charset.ts';
import { replaceSpans, type Traced } from './traced.ts';
import type { Span } from './types.ts';

/** Outcome of the mojibake pass: the text with clean reversals applied, and what stays damaged. */
export interface MojibakeResult {
  traced: Traced;
  repaired: string[];
  /** Damaged spans in ORIGINAL offsets (so later passes cannot shift them). */
  damaged: Span[];
  damagedExamples: string[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
  damaged: boolean;
  before: string;
  /** A tentative reading for the report when the text keeps the garbled characters. */
  guess?: string | undefined;
}

/** Marks a byte that was lost before the text reached us. */
export const LOST = '\ufffd';

/**
 * Repair text that was decoded in the wrong encoding. Two families:
 * 1. a double-byte (GBK) stream read one byte out of step, whose orphan byte became `?`
 *    (seed 002: `局??疾鞂W習` = 考察學習 with the lead byte of 考 lost); the bytes after the `?`
 *    are re-read in step, the lost character stays marked damaged;
 * 2. whole runs decoded in the wrong code page (UTF-8 read as GBK or Big5, GBK read as Big5,
 *    UTF-8 or GBK read as Latin-1): reversed when the reversal reads as ordinary Chinese.
 * Runs that look like mojibake but reverse to nothing readable are marked damaged.
 */
export function repairMojibake(t: Traced): MojibakeResult {
  const edits = [...misalignedEdits(t.text), ...wrongCodepageEdits(t.text)]
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .filter((e, i, all) => i === 0 || e.start >= (all[i - 1] as Edit).end);
  const repaired: string[] = [];
  const damaged: Span[] = [];
  const damagedExamples: string[] = [];
  for (const e of edits) {
    if (e.damaged) {
      damaged.push({ start: t.origin[e.start] as number, end: t.origin[e.end] as number });
      damagedExamples.push(e.guess ? `${e.before} (≈ ${LOST}${e.guess})` : `${e.before} → ${e.text}`);
    } else repaired.push(`${e.before} → ${e.text}`);
  }
  const changed = edits.filter((e) => e.text !== e.before);
  return { traced: replaceSpans(t, changed), repaired, damaged, damagedExamples };
}

// Family 1 ---------------------------------------------------------------------------------------

/** `?` glued to Chinese on the left: a real question mark in Chinese text is full-width. */
const ORPHAN_RE = /(?<=[\u3400-\u9fff\uf900-\ufaff])\?+(?=[^\s?,，。；;：:、])/g;
const WINDOW = 10;

function misalignedEdits(text: string): Edit[] {
  const edits: Edit[] = [];
  ORPHAN_RE.lastIndex = 0;
  for (let m = ORPHAN_RE.exec(text); m !== null; m = ORPHAN_RE.exec(text)) {
    const start = m.index;
    const bodyStart = start + m[0].length;
    const edit = realign(text, start, bodyStart);
    if (edit) {
      edits.push(edit);
      ORPHAN_RE.lastIndex = edit.end;
    }
  }
  return edits;
}

/**
 * The characters after the `?` run, up to the last ASCII letter in a short window, are a GBK byte
 * stream one byte out of step (an ASCII letter there is the trail byte of a double-byte character:
 * `鞂W` is EC 8C 57 = …學). Re-read them without their first byte; a full-width `！` folded to `!`
 * by the converter is tried both ways.
 */
function realign(text: string, start: number, bodyStart: number): Edit | null {
  const window = text.slice(bodyStart, bodyStart + WINDOW);
  const stop = window.search(/[\s，。；：、,;:]/);
  const w = stop === -1 ? window : window.slice(0, stop);
  let sync = -1;
  for (let i = w.length - 1; i >= 0; i--) {
    if (/[A-Za-z]/.test(w[i] as string)) {
      sync = i;
      break;
    }
  }
  const rareRun = sync === -1 ? leadingRare(w) : sync + 1;
  const end = bodyStart + rareRun;
  const before = text.slice(start, end);
  if (rareRun === 0 || !hasRare(w.slice(0, rareRun))) {
    // Nothing garbled follows. A single `?` is a question mark typed half-width (`为什么?我们`);
    // a run of them inside a sentence is lost bytes: keep the place, mark it.
    if (bodyStart - start < 2) return null;
    return { start, end: bodyStart, text: LOST, damaged: true, before };
  }
  const body = w.slice(0, rareRun);
  const reading = decodeShifted(body);
  // Show the re-read characters only when they read cleanly; otherwise the garbled text stays,
  // since a wrong but plausible character would mislead a reviewer more than visible garbage.
  const shown = reading && plausibility(reading) >= 0.99 ? `${LOST}${reading}` : before;
  const guess = reading ?? decodeShifted(body.replace(/!/g, '！'));
  return { start, end, text: shown, damaged: true, before, guess: shown === before ? (guess ?? undefined) : undefined };
}

function decodeShifted(body: string): string | null {
  const bytes = iconv.encode(body, 'gbk');
  if (bytes.includes(0x3f) && !body.includes('?')) return null; // a character GBK cannot hold
  const out = iconv.decode(bytes.subarray(1), 'gbk');
  // Dropping a single-byte character re-aligns nothing: that is not a reading.
  if (out.includes('\ufffd') || out === body.slice(1)) return null;
  return out;
}

function leadingRare(w: string): number {
  let n = 0;
  while (n < w.length && isRareHan(w.charCodeAt(n))) n++;
  return n;
}

function hasRare(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isRareHan(s.charCodeAt(i)) || /[A-Za-z]/.test(s[i] as string)) return true;
  return false;
}

function isRareHan(c: number): boolean {
  return isHan(c) && !isCommonHan(c);
}

// Family 2 ---------------------------------------------------------------------------------------

/**
 * Runs of non-ASCII text without sentence punctuation. Mojibake mixes in kana, Cyrillic, `€` and
 * private-use characters, so the run is not limited to Han. Latin-1 mojibake is the U+0080–U+00FF
 * and cp1252 range.
 */
const RUN_BREAK = new Set(Array.from('，。；：！？、“”‘’（）《》〈〉【】…—·\u3000\u00a0\u2028\u2029'));
const MIN_RUN = 4;

function isRunChar(c: number): boolean {
  return c > 0x7f && !RUN_BREAK.has(String.fromCharCode(c));
}

/**
 * Runs of non-ASCII text without sentence punctuation that hold at least one rare or private-use
 * character. Found from the rare characters outwards, so clean text costs one table look-up per
 * character instead of a regex over every run.
 */
function runsWithRare(text: string): Array<{ start: number; run: string }> {
  const out: Array<{ start: number; run: string }> = [];
  let floor = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0xe000 && c <= 0xf8ff) || isRareHan(c))) continue;
    let start = i;
    while (start > floor && isRunChar(text.charCodeAt(start - 1))) start--;
    let end = i + 1;
    while (end < text.length && isRunChar(text.charCodeAt(end))) end++;
    if (end - start >= MIN_RUN) out.push({ start, run: text.slice(start, end) });
    floor = end;
    i = end - 1;
  }
  return out;
}
const LATIN_RUN_RE = /[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]{3,}/g;
/** Famous garbage: `锟斤拷` is U+FFFD twice in UTF-8 read as GBK; `烫烫烫`/`屯屯屯` is uninitialised memory. */
const GARBAGE_RE = /(?:锟斤拷)+|烫{3,}|屯{3,}|\ufffd+/g;

interface Reversal {
  from: string;
  to: string;
}
const HAN_REVERSALS: Reversal[] = [
  { from: 'gbk', to: 'utf-8' },
  { from: 'big5', to: 'utf-8' },
  { from: 'big5', to: 'gbk' },
  { from: 'gbk', to: 'big5' },
];
const LATIN_REVERSALS: Reversal[] = [
  { from: 'windows-1252', to: 'utf-8' },
  { from: 'latin1', to: 'utf-8' },
  { from: 'windows-1252', to: 'gbk' },
  { from: 'latin1', to: 'gbk' },
];

/** A run is suspect when a third of its Han characters fall outside the common tables. */
const SUSPECT_RARE = 0.34;
/** Beyond this, no real Chinese reads like that: damaged even when nothing reverses it. */
const HOPELESS_RARE = 0.6;

function wrongCodepageEdits(text: string): Edit[] {
  const edits: Edit[] = [];
  const add = (start: number, run: string, fix: Reversed | null, hopeless: boolean) => {
    if (fix) edits.push({ start, end: start + run.length, text: fix.text, damaged: fix.lossy, before: run });
    else if (hopeless) edits.push({ start, end: start + run.length, text: run, damaged: true, before: run });
  };
  for (const { start, run } of runsWithRare(text)) {
    const ratio = rareRatio(run);
    if (ratio < SUSPECT_RARE) continue;
    add(start, run, bestReversal(run, HAN_REVERSALS), ratio >= HOPELESS_RARE && run.length >= 6);
  }
  LATIN_RUN_RE.lastIndex = 0;
  for (let m = LATIN_RUN_RE.exec(text); m !== null; m = LATIN_RUN_RE.exec(text)) {
    add(m.index, m[0], bestReversal(m[0], LATIN_REVERSALS), false);
  }
  GARBAGE_RE.lastIndex = 0;
  for (let m = GARBAGE_RE.exec(text); m !== null; m = GARBAGE_RE.exec(text)) {
    edits.push({ start: m.index, end: m.index + m[0].length, text: m[0], damaged: true, before: m[0] });
  }
  return edits;
}

function rareRatio(run: string): number {
  let han = 0;
  let rare = 0;
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (c >= 0xe000 && c <= 0xf8ff) {
      han++;
      rare++; // private-use characters are what GBK's user-defined area decodes to
    } else if (isHan(c)) {
      han++;
      if (!isCommonHan(c)) rare++;
    }
  }
  return han === 0 ? 0 : rare / han;
}

interface Reversed {
  text: string;
  /** Some bytes were lost (shown as U+FFFD): the span is kept but marked damaged. */
  lossy: boolean;
}

/**
 * The reversal that decodes into text at least as plausible as ordinary Chinese. A byte or two
 * lost at a run's edge (an odd byte count, an invalid pair) is tolerated: the rest is restored,
 * the lost character shows as U+FFFD and the span is marked damaged.
 */
function bestReversal(run: string, reversals: Reversal[]): Reversed | null {
  let best: Reversed | null = null;
  let bestScore = Math.max(0.9, plausibility(run) + 0.2);
  for (const r of reversals) {
    // Characters already lost stay lost: re-encoding them would invent a `?` byte.
    const bytes = iconv.encode(run.replaceAll(LOST, ''), r.from);
    const out = iconv.decode(bytes, r.to).replace(/\ufffd+/g, LOST);
    const lost = Math.max(countLost(out), countLost(run) > 0 ? 1 : 0);
    // A lost byte per run edge is normal; more than one character in eight lost is no reading.
    if (lost > 2 + out.length / 8 || !/[\u4e00-\u9fff]/.test(out)) continue;
    const score = plausibility(out.replaceAll(LOST, ''));
    if (score > bestScore) {
      best = { text: out, lossy: lost > 0 || (bytes.includes(0x3f) && !run.includes('?')) };
      bestScore = score;
    }
  }
  return best;
}

function countLost(s: string): number {
  let n = 0;
  for (let i = s.indexOf(LOST); i !== -1; i = s.indexOf(LOST, i + 1)) n++;
  return n;
}
