import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { connectDatabase, type Database } from '../db/client.ts';
import { createContext, type ServiceContext } from './context.ts';
import { DemoService } from './demo.service.ts';
import { DocumentService } from './document.service.ts';
import { QuarterDemo } from './quarter-demo.service.ts';
import { RegionService } from './region.service.ts';
import { RubricService } from './rubric.service.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_PLAN_FILE = path.join(REPO_ROOT, 'samples', 'yuncheng-14th-five-year-plan.txt');

export const DEMO_NEWS_DIR = path.join(REPO_ROOT, 'samples', 'news');

/** The news pieces beside the demo plan, stored as documents so their repairs can be read in the app. */
async function loadDemoNews(ctx: ServiceContext): Promise<void> {
  const documents = new DocumentService(ctx);
  for (const name of (await readdir(DEMO_NEWS_DIR)).filter((n) => n.endsWith('.txt')).sort()) {
    const bytes = new Uint8Array(await readFile(path.join(DEMO_NEWS_DIR, name)));
    await documents.ingest({ bytes, fileName: name, mediaType: 'text/plain' });
  }
}

/** The news files, read for the demo: it stores them before its values and takes the figures they state. */
async function readDemoNews(): Promise<Array<{ bytes: Uint8Array; fileName: string }>> {
  const names = (await readdir(DEMO_NEWS_DIR)).filter((n) => n.endsWith('.txt')).sort();
  return Promise.all(
    names.map(async (name) => ({
      bytes: new Uint8Array(await readFile(path.join(DEMO_NEWS_DIR, name))),
      fileName: name,
    })),
  );
}

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
    await new RubricService(ctx).ensureSeeded();
    let demo: Started['demo'] = null;
    if (config.loadDemo) {
      const bytes = await readFile(DEMO_PLAN_FILE);
      demo = await new DemoService(ctx).ensureLoaded({
        plan: { bytes, fileName: path.basename(DEMO_PLAN_FILE) },
        news: await readDemoNews(),
      });
      if (demo.loaded) {
        await loadDemoNews(ctx);
        // after the news: the Xi'an signing event quotes samples/news/002 as its evidence
        await new QuarterDemo(ctx).load();
      }
    }
    return { database, ctx, demo };
  } catch (e) {
    await database.close();
    throw e;
  }
}
