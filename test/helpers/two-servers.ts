import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import { createContext } from '../../src/services/context.ts';
import type { DatabaseTarget } from './db.ts';

const MB = 1024 * 1024;

export interface TwoServers {
  started: Started;
  /** The server that loaded the demo. */
  a: FastifyInstance;
  /** A second server on the same database, with caches of its own (another process, in production). */
  b: FastifyInstance;
  close(): Promise<void>;
}

/** Two API servers over one fresh demo database: caches must never hide one server's writes from the other. */
export async function startTwoServers(target: DatabaseTarget): Promise<TwoServers> {
  const db = await target.create();
  const started = await startServices({ ...db, maxUploadBytes: 10 * MB, loadDemo: true });
  const a = await buildApp({ ctx: started.ctx, maxUploadBytes: 10 * MB });
  let second: { database: Started['database']; close(): Promise<void> };
  if (target.name === 'postgres') {
    const other = await startServices({ ...db, maxUploadBytes: 10 * MB, loadDemo: false });
    second = { database: other.database, close: () => other.database.close() };
  } else {
    // One embedded database cannot be opened twice; a second Database object over the same client
    // gets a cache of its own, which is what a second process would have.
    second = { database: { ...started.database }, close: async () => {} };
  }
  const b = await buildApp({
    ctx: createContext(second.database, { maxUploadBytes: 10 * MB }),
    maxUploadBytes: 10 * MB,
  });
  return {
    started,
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
      await second.close();
      await started.database.close();
      await db.drop();
    },
  };
}
