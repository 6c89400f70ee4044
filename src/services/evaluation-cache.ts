import type { Database } from '../db/client.ts';

/**
 * A bounded least-recently-used map (issue 5: the indicator list under load). A JavaScript Map keeps
 * insertion order, so re-inserting on every hit makes its first key the least recently used one; no
 * list of our own to keep in step.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  hits = 0;
  misses = 0;

  constructor(readonly maxEntries: number) {
    if (!(maxEntries >= 1)) throw new RangeError('an LRU cache needs room for at least one entry');
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value as K;
      this.map.delete(oldest);
    }
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}

/**
 * Evaluation results of one plan at one period in one region. An entry is never stale by
 * construction: its key carries the plan's `data_version`, which every write to the plan's
 * indicators or values bumps in the same transaction; a request first reads the plans row (one row)
 * and so asks for the current version's entry. Old versions are never looked up again and age out.
 * Several server processes on one PostgreSQL each keep their own cache and all read the one row.
 */
export interface EvaluationKey {
  planId: number;
  period: string;
  regionCode: string;
  dataVersion: number;
  /** plans.version too: a plan edit that moves its years changes every path. */
  planVersion: number;
}

export function evaluationKey(k: EvaluationKey): string {
  return `${k.planId}|${k.period}|${k.regionCode}|${k.dataVersion}|${k.planVersion}`;
}

/**
 * 37 indicators × (period, region) is a few tens of KB per entry; 2,000 entries keep every county ×
 * the plan's years × a few periods of several plans, well under 100 MB.
 */
export const EVALUATION_CACHE_ENTRIES = 2000;

/**
 * One cache per database connection (per running service set): services are constructed per call in
 * several places (reports, exchanges), so the cache cannot live on a service instance. Two
 * `startServices` in one process (the tests' "two servers") get two caches, as two processes would.
 */
const caches = new WeakMap<Database, LruCache<string, unknown>>();

export function evaluationCacheFor(database: Database): LruCache<string, unknown> {
  let cache = caches.get(database);
  if (!cache) {
    cache = new LruCache<string, unknown>(EVALUATION_CACHE_ENTRIES);
    caches.set(database, cache);
  }
  return cache;
}
