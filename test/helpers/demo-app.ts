import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { type Started, startServices } from '../../src/services/bootstrap.ts';
import type { DatabaseTarget } from './db.ts';

const MAX_UPLOAD = 10 * 1024 * 1024;

/**
 * A fresh database on `target` with the demo loaded and the API over it, for one describe block: created
 * before its tests (the demo load takes a while on a machine shared with other suites) and dropped after.
 */
export function useDemoApp(target: DatabaseTarget): { readonly app: FastifyInstance; readonly started: Started } {
  const ref: { app?: FastifyInstance; started?: Started; drop?: () => Promise<void> } = {};
  beforeAll(async () => {
    const db = await target.create();
    ref.drop = db.drop;
    ref.started = await startServices({ ...db, maxUploadBytes: MAX_UPLOAD, loadDemo: true });
    ref.app = await buildApp({ ctx: ref.started.ctx, maxUploadBytes: MAX_UPLOAD });
  }, 240_000);
  afterAll(async () => {
    await ref.app?.close();
    await ref.started?.database.close();
    await ref.drop?.();
  });
  return {
    get app() {
      return ref.app as FastifyInstance;
    },
    get started() {
      return ref.started as Started;
    },
  };
}
