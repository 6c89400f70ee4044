import iconv from 'iconv-lite';
import { LantuError } from '../errors.ts';
import { countReplacement, plausibility } from './charset.ts';

export interface Decoded {
  text: string;
  encoding: string;
  confidence: number;
}

/** Below this plausibility no candidate is trusted: refusing beats showing garbage as a plan. */
const MIN_PLAUSIBLE = 0.6;
/** Scoring a prefix is enough to tell encodings apart and keeps big files fast. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * Decode the bytes of a text file: BOM first, then strict UTF-8, then the candidate that reads
 * most like Chinese among GB18030, Big5 and BOM-less UTF-16. Never guesses silently: the result
 * carries the encoding and a confidence, and an unreadable file is refused.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new LantuError('UPLOAD_EMPTY');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = decodeBom(buf);
  if (bom) return bom;
  const utf16 = sniffUtf16(buf);
  if (utf16) return utf16;
  if (looksBinary(buf)) return utf16OfHan(buf) ?? binary();
  const utf8 = strictUtf8(buf);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', confidence: isAscii(buf) ? 1 : 0.99 };
  return nearlyUtf8(buf) ?? decodeByScore(buf);
}

function decodeBom(buf: Buffer): Decoded | null {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8', confidence: 1 };
  }
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le', confidence: 1 };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be', confidence: 1 };
  if (buf[0] === 0x84 && buf[1] === 0x31 && buf[2] === 0x95 && buf[3] === 0x33)
    return { text: iconv.decode(buf.subarray(4), 'gb18030'), encoding: 'gb18030', confidence: 1 };
  return null;
}

/** BOM-less UTF-16 with ASCII in it shows zero bytes on one side only (newlines, digits). */
function sniffUtf16(buf: Buffer): Decoded | null {
  const n = Math.min(buf.length, SAMPLE_BYTES) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  const le = oddZero > pairs * 0.05 && evenZero < pairs * 0.01;
  const be = evenZero > pairs * 0.05 && oddZero < pairs * 0.01;
  if (!le && !be) return null;
  const encoding = le ? 'utf-16le' : 'utf-16be';
  const text = iconv.decode(buf.subarray(0, buf.length & ~1), encoding);
  const score = plausibility(text, SAMPLE_BYTES);
  if (score < MIN_PLAUSIBLE) return null;
  return { text, encoding, confidence: round(Math.min(0.95, score)) };
}

/**
 * UTF-16 without a BOM and without ASCII has no zero bytes, but Han code units put control
 * bytes in the stream (市 is 5E 02), so it looks binary. Accept it only when it reads as Chinese.
 */
function utf16OfHan(buf: Buffer): Decoded | null {
  if (buf.length % 2 !== 0) return null;
  const sample = buf.subarray(0, SAMPLE_BYTES);
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    const score = plausibility(iconv.decode(sample, encoding));
    if (score >= 0.9) return { text: iconv.decode(buf, encoding), encoding, confidence: round(score * 0.9) };
  }
  return null;
}

function binary(): never {
  throw new LantuError('BINARY_CONTENT');
}

/**
 * UTF-8 with a handful of broken sequences (a download cut mid-character, one bad byte) is still
 * UTF-8: the broken bytes become U+FFFD, which the repair passes mark damaged.
 */
function nearlyUtf8(buf: Buffer): Decoded | null {
  // A GBK or Big5 file fails on its first few hundred bytes: look at a sample before the whole.
  const sample = buf.subarray(0, 4096).toString('utf8');
  if (countReplacement(sample) > 2) return null;
  const text = buf.toString('utf8');
  const bad = countReplacement(text);
  if (bad > Math.max(2, text.length / 5000)) return null;
  return { text, encoding: 'utf-8', confidence: 0.9 };
}

function strictUtf8(buf: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}

const CANDIDATES = ['gb18030', 'big5', 'utf-16le', 'utf-16be'] as const;

/** Decode a sample in each candidate encoding and keep the one that reads most like Chinese. */
function decodeByScore(buf: Buffer): Decoded {
  const sample = buf.subarray(0, SAMPLE_BYTES);
  const scored = CANDIDATES.filter((enc) => !enc.startsWith('utf-16') || buf.length % 2 === 0)
    .map((enc) => {
      const text = iconv.decode(sample, enc);
      const bad = countReplacement(text) / Math.max(1, text.length);
      return { enc, score: plausibility(text) - bad * 2 };
    })
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  const second = scored[1];
  if (!best || best.score < MIN_PLAUSIBLE) {
    throw new LantuError(
      'ENCODING_UNKNOWN',
      { zh: '不是 UTF-8、UTF-16、GB18030 或 Big5 文本', en: 'not UTF-8, UTF-16, GB18030 or Big5 text' },
      { candidates: scored.map((s) => ({ encoding: s.enc, score: round(s.score) })) },
    );
  }
  // A narrow margin over the runner-up lowers the confidence we report.
  const margin = second ? best.score - second.score : 1;
  const confidence = round(Math.min(0.98, best.score) * Math.min(1, 0.5 + margin));
  return { text: iconv.decode(buf, best.enc), encoding: best.enc, confidence };
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i] as number;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) controls++;
  }
  return controls / n > 0.05;
}

function isAscii(buf: Buffer): boolean {
  for (let i = 0; i < buf.length; i++) if ((buf[i] as number) > 0x7f) return false;
  return true;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
