import type { Database } from '../db/client.ts';
import type { ListQuery, ProjectFilter } from '../db/repositories/project.repository.ts';
import { LruCache } from './evaluation-cache.ts';

/**
 * Pages of the project list (issue 6: 50 clients paging 100 k projects). An entry is never stale by
 * construction, like the indicator list's: its key carries the `data_versions` row `projects`, which
 * every write to projects, their months, problems and approvals bumps (after the write, in its
 * transaction, see bumpProjectsVersion); a request reads that one row first and asks for the current
 * version's entry. The key also carries the light's day (asOf, default today), so lights that turn by
 * the calendar alone (a milestone falling due) move at midnight. Old versions are never asked for
 * again and age out. Several server processes on one PostgreSQL each keep their own cache and all
 * read the one row.
 */
export interface ProjectListKey {
  filter: ProjectFilter;
  query: ListQuery;
  /** The schedule's day (YYYY-MM-DD). */
  asOf: string;
  dataVersion: number;
}

/** Same filter, same key: fields in a fixed order, absent and empty values dropped. */
export function projectListKey(k: ProjectListKey): string {
  const f = k.filter;
  const parts = [
    f.library,
    f.regionCode,
    f.zone,
    f.chain,
    f.light,
    f.q,
    f.leader,
    f.planId,
    k.query.sort ?? 'id',
    k.query.order ?? 'asc',
    k.query.limit,
    k.query.offset,
    k.asOf,
    k.dataVersion,
  ];
  return JSON.stringify(parts.map((p) => (p === undefined || p === '' ? null : p)));
}

/**
 * A page of 20 with lights is ~20 KB as objects plus its serialised body; 1,000 entries stay well under
 * 100 MB. Pages larger than {@link CACHED_PAGE_MAX} are computed every time so a few 500-row pages
 * cannot crowd out the screens people page through.
 */
export const PROJECT_LIST_CACHE_ENTRIES = 1000;
export const CACHED_PAGE_MAX = 100;

/** One cache per database connection (per running service set), as for evaluations. */
const caches = new WeakMap<Database, LruCache<string, unknown>>();

export function projectListCacheFor(database: Database): LruCache<string, unknown> {
  let cache = caches.get(database);
  if (!cache) {
    cache = new LruCache<string, unknown>(PROJECT_LIST_CACHE_ENTRIES);
    caches.set(database, cache);
  }
  return cache;
}

/**
 * Stored lights are refreshed by the first request that finds them behind. Requests arriving while a
 * refresh runs may have seen marks that refresh did not take (it took its marks when it started), so
 * they all wait for ONE follow-up refresh that starts when the running one ends; the follow-up is
 * cheap when nothing new was marked. (At 100 k projects the once-a-day refresh of every light takes
 * about a second on PostgreSQL.) Other processes on the same database may refresh at the same time:
 * a refresh is idempotent and locks rows in id order.
 */
interface Refreshes {
  running?: Promise<number> | undefined;
  next?: Promise<number> | undefined;
}
const refreshing = new WeakMap<Database, Refreshes>();

export function refreshLightsOnce(database: Database, run: () => Promise<number>): Promise<number> {
  let r = refreshing.get(database);
  if (!r) {
    r = {};
    refreshing.set(database, r);
  }
  const state = r;
  const start = (): Promise<number> => {
    const p = run().finally(() => {
      if (state.running === p) state.running = undefined;
    });
    state.running = p;
    return p;
  };
  if (!state.running) return start();
  if (!state.next) {
    const next = state.running
      .catch(() => 0)
      .then(() => {
        state.next = undefined;
        return start();
      });
    state.next = next;
  }
  return state.next;
}

/** Counts in flight per database and key (the key carries the data version, so a shared count is never stale). */
const counting = new WeakMap<Database, Map<string, Promise<number>>>();

export function countOnce(database: Database, key: string, run: () => Promise<number>): Promise<number> {
  let inFlight = counting.get(database);
  if (!inFlight) {
    inFlight = new Map();
    counting.set(database, inFlight);
  }
  const map = inFlight;
  const current = map.get(key);
  if (current) return current;
  const p = run().finally(() => map.delete(key));
  map.set(key, p);
  return p;
}

/**
 * Requests that arrive in the same turn of the event loop, before the statement is sent, share one
 * read of the data version (50 clients paging cached lists would otherwise queue 50 identical
 * statements). A request never joins a read that was sent before it arrived, so a user who just
 * saved still sees the write.
 */
const batches = new WeakMap<Database, Map<string, Promise<unknown>>>();

export function readTogether<T>(database: Database, key: string, run: () => Promise<T>): Promise<T> {
  let pending = batches.get(database);
  if (!pending) {
    pending = new Map();
    batches.set(database, pending);
  }
  const map = pending;
  const current = map.get(key) as Promise<T> | undefined;
  if (current) return current;
  const p = new Promise<T>((resolve, reject) => {
    setImmediate(() => {
      map.delete(key);
      run().then(resolve, reject);
    });
  });
  map.set(key, p);
  return p;
}
