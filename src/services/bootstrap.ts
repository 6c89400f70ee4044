import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { connectDatabase, type Database } from '../db/client.ts';
import { createContext, type ServiceContext } from './context.ts';
import { DemoService } from './demo.service.ts';
import { RegionService } from './region.service.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_PLAN_FILE = path.join(REPO_ROOT, 'samples', 'yuncheng-14th-five-year-plan.txt');

export interface Started {
  database: Database;
  ctx: ServiceContext;
  demo: { loaded: boolean; planId?: number } | null;
}

/** Connect, migrate, seed regions and (when configured) the demo. Used by `serve` and by tests. */
export async function startServices(
  config: Pick<Config, 'dataDir' | 'databaseUrl' | 'maxUploadBytes' | 'loadDemo'>,
): Promise<Started> {
  const database = await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await database.migrate();
    const ctx = createContext(database, config);
    await new RegionService(ctx).ensureSeeded();
    let demo: Started['demo'] = null;
    if (config.loadDemo) {
      const bytes = await readFile(DEMO_PLAN_FILE);
      demo = await new DemoService(ctx).ensureLoaded({ plan: { bytes, fileName: path.basename(DEMO_PLAN_FILE) } });
    }
    return { database, ctx, demo };
  } catch (e) {
    await database.close();
    throw e;
  }
}
