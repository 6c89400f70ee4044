import { LantuError } from '../errors.ts';
import { extractDocx, extractHtmlBytes, extractPdf } from './containers.ts';
import { decodeText } from './decode.ts';
import type { Extracted } from './html.ts';
import { dropRepeatedBlocks, findFurniture, joinBrokenSentences } from './layout.ts';
import { repairMojibake } from './mojibake.ts';
import { cleanControls, foldFullWidth, joinNumberSpaces, removePinyin, toSimplified } from './repairs.ts';
import { MEDIA_TYPES, sniffFormat } from './sniff.ts';
import { forwardOffset, forwardSpans, rewrite, type Traced, toOffsetMap, traced } from './traced.ts';
import type { DocumentFormat, DocumentTable, IngestInput, NormalizedDocument, Repair, Span } from './types.ts';

/** Hard ceiling inside the pure layer, whatever the caller's upload limit: parsing cost grows with size. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** What a reader hands to the repair passes. */
export interface Source extends Extracted {
  format: DocumentFormat;
  encoding: string;
  confidence: number;
}

/**
 * Bytes in, normalised document out. Pure: no file system, no clock. The format is decided by
 * the bytes (the name is a hint); every repair is counted in `repairs`; offsets in `text` map
 * back to `originalText` (the text as read from the file, before any repair) through `offsetMap`.
 */
export async function normalizeDocument(input: IngestInput): Promise<NormalizedDocument> {
  const bytes = input.bytes;
  if (bytes.byteLength === 0) throw new LantuError('UPLOAD_EMPTY', { zh: input.fileName, en: input.fileName });
  const limit = input.maxBytes ?? MAX_INPUT_BYTES;
  if (bytes.byteLength > limit) {
    const mb = Math.round(limit / 1024 / 1024);
    throw new LantuError('UPLOAD_TOO_LARGE', { zh: `上限为 ${mb} MB`, en: `the limit is ${mb} MB` });
  }
  const format = sniffFormat(bytes, input.fileName, input.mediaType);
  const source = await guard(() => readSource(format, bytes), 'CORRUPT_FILE');
  return guard(async () => normalizeSource(source), 'INTERNAL');
}

/** Only LantuError leaves this module: a parser's own exception becomes a coded error. */
async function guard<T>(fn: () => Promise<T> | T, code: 'CORRUPT_FILE' | 'INTERNAL'): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof LantuError) throw e;
    const message = String((e as Error)?.message ?? e).slice(0, 200);
    throw new LantuError(code, { zh: message, en: message });
  }
}

async function readSource(format: DocumentFormat, bytes: Uint8Array): Promise<Source> {
  if (format === 'docx') return { ...(await extractDocx(bytes)), format, encoding: 'binary', confidence: 1 };
  if (format === 'pdf') return { ...(await extractPdf(bytes)), format, encoding: 'binary', confidence: 1 };
  if (format === 'html') {
    const { encoding, confidence, ...rest } = extractHtmlBytes(bytes);
    return { ...rest, format, encoding, confidence };
  }
  const decoded = decodeText(bytes);
  return { text: decoded.text, tables: [], format, encoding: decoded.encoding, confidence: decoded.confidence };
}

/** The repair passes, in an order where each sees what it needs (mojibake before conversion). */
export function normalizeSource(source: Source): NormalizedDocument {
  const repairs: Repair[] = [];
  const note = (kind: string, count: number, examples: string[]) => {
    if (count > 0) repairs.push({ kind, count, examples: examples.slice(0, 5) });
  };
  // Line ends are not a repair worth reporting; invisible characters are.
  let t: Traced = rewrite(traced(source.text), /\r\n?/g, () => '\n');
  const controls = cleanControls(t);
  t = controls.traced;
  note('invisible_characters', controls.count, controls.examples.map(visible));

  const pinyin = removePinyin(t);
  t = pinyin.traced;
  note('pinyin_annotation', pinyin.count, pinyin.examples);

  const moji = repairMojibake(t);
  t = moji.traced;
  note('mojibake', moji.repaired.length, moji.repaired);
  note('mojibake_damaged', moji.damaged.length, moji.damagedExamples);

  for (const [kind, pass] of [
    ['traditional_to_simplified', toSimplified],
    ['full_width', foldFullWidth],
    ['number_spacing', joinNumberSpaces],
  ] as const) {
    const r = pass(t);
    t = r.traced;
    note(kind, r.count, r.examples);
  }

  const furnitureNow = findFurniture(t.text, source.pages ?? 1);
  const furnitureOrig = toOriginal(t, furnitureNow);
  const furnitureText = furnitureNow.map((s) => t.text.slice(s.start, s.end));

  const dedupe = dropRepeatedBlocks(t, furnitureNow);
  t = dedupe.traced;
  note('repeated_block', dedupe.dropped.length, dedupe.dropped);

  const joined = joinBrokenSentences(t, forwardSpans(t, furnitureOrig));
  t = joined.traced;
  note('broken_line_joined', joined.count, joined.examples);
  // Furniture is reported once: what stays marked in the text and what a mended sentence removed.
  note('page_furniture', furnitureText.length, [...new Set(furnitureText)]);
  note('page_furniture_removed', joined.removedFurniture.length, [...new Set(joined.removedFurniture)]);

  return {
    format: source.format,
    mediaType: MEDIA_TYPES[source.format],
    encoding: source.encoding,
    encodingConfidence: source.confidence,
    text: t.text,
    originalText: source.text,
    repairs,
    tables: tablesOf(t, source),
    damaged: forwardSpans(t, moji.damaged),
    furniture: forwardSpans(t, furnitureOrig),
    offsetMap: toOffsetMap(t),
    ...(source.pages ? { pages: source.pages } : {}),
  };
}

function toOriginal(t: Traced, spans: Span[]): Span[] {
  return spans.map((s) => ({ start: t.origin[s.start] as number, end: t.origin[s.end] as number }));
}

/**
 * Tables found by the reader (docx, html) are mapped into the normalised text and their cells
 * re-read from it, so cells are simplified and folded like the text. A plain text file's tables
 * are its runs of tab-separated lines.
 */
function tablesOf(t: Traced, source: Source): DocumentTable[] {
  const spans =
    source.tables.length > 0
      ? source.tables.map((tb) => ({ start: forwardOffset(t, tb.start), end: forwardOffset(t, tb.end) }))
      : tabRuns(t.text);
  return spans
    .filter((s) => s.end > s.start)
    .map((s) => ({
      ...s,
      rows: t.text
        .slice(s.start, s.end)
        .split('\n')
        .map((line) => line.split('\t')),
    }));
}

/** Two or more consecutive lines containing a tab. */
function tabRuns(text: string): Span[] {
  const spans: Span[] = [];
  let offset = 0;
  let runStart = -1;
  let runLines = 0;
  let runEnd = 0;
  for (const line of text.split('\n')) {
    if (line.includes('\t')) {
      if (runStart === -1) runStart = offset;
      runLines++;
      runEnd = offset + line.length;
    } else {
      if (runLines >= 2) spans.push({ start: runStart, end: runEnd });
      runStart = -1;
      runLines = 0;
    }
    offset += line.length + 1;
  }
  if (runLines >= 2) spans.push({ start: runStart, end: runEnd });
  return spans;
}

function visible(example: string): string {
  return example.replace(
    /[\u200b-\u200d\u2060\ufeff\u00a0]/g,
    (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
