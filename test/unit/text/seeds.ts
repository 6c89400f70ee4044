import { readFileSync } from 'node:fs';
import { LantuError } from '../../../src/errors.ts';
import { normalizeDocument } from '../../../src/text/normalize.ts';
import type { NormalizedDocument } from '../../../src/text/types.ts';

/** Real seeds and generated variants; tests never mock our own parser. */
const root = new URL('../../../samples/', import.meta.url);

export const SEEDS = {
  plan: 'yuncheng-14th-five-year-plan.txt',
  news000: 'news/000-yuncheng-daily-green-development.txt',
  news001: 'news/001-study-tour-part4.txt',
  news002: 'news/002-study-tour-part2-traditional.txt',
  news003: 'news/003-jinzhong-economic-work-2025.txt',
} as const;

export function seedBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(path, root)));
}

export function seedText(path: string): string {
  return readFileSync(new URL(path, root), 'utf8');
}

export function normalize(bytes: Uint8Array, fileName: string, mediaType?: string): Promise<NormalizedDocument> {
  return normalizeDocument({ bytes, fileName, mediaType });
}

const cache = new Map<string, Promise<NormalizedDocument>>();
/** Normalised seed, computed once per test file. */
export function normalizedSeed(path: string): Promise<NormalizedDocument> {
  let p = cache.get(path);
  if (!p) {
    p = normalize(seedBytes(path), path.split('/').pop() as string);
    cache.set(path, p);
  }
  return p;
}

/** Text without any whitespace: what every format must agree on. */
export function compact(s: string): string {
  return s.replace(/\s+/g, '');
}

/** The error a promise rejects with, asserting it is a LantuError. */
export async function lantuError(p: Promise<unknown>): Promise<LantuError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LantuError) return e;
    throw new Error(`expected a LantuError, got ${String(e)}`);
  }
  throw new Error('expected a LantuError, but the promise resolved');
}

export function repair(doc: NormalizedDocument, kind: string) {
  return doc.repairs.find((r) => r.kind === kind);
}
