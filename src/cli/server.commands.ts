import { writeFile } from 'node:fs/promises';
import { buildApp } from '../api/app.ts';
import { loadConfig } from '../config.ts';
import { connectDatabase } from '../db/client.ts';
import { startServices } from '../services/bootstrap.ts';
import { createContext } from '../services/context.ts';
import { ProjectService } from '../services/project.service.ts';
import { ensureWebBuilt, WEB_DIST } from './web-build.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

export async function serveCommand(opts: { port?: number; buildWeb?: boolean; demo: boolean }): Promise<void> {
  const config = loadConfig();
  if (opts.buildWeb) await ensureWebBuilt(say);
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite ${config.dataDir}`;
  say(`数据库 / database: ${where}`);
  const started = await startServices({ ...config, loadDemo: config.loadDemo && opts.demo });
  if (started.demo?.loaded) say(`已加载示例规划 / demo plan loaded (#${started.demo.planId})`);
  const app = await buildApp({
    ctx: started.ctx,
    maxUploadBytes: config.maxUploadBytes,
    webDist: WEB_DIST,
    logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
  });
  const address = await app.listen({ port: opts.port ?? config.port, host: config.host });
  const port = new URL(address).port;
  say(`蓝图 Lantu 已启动 / is running: http://localhost:${port}`);
  say(`接口文档 / API docs: http://localhost:${port}/api/docs`);
  // today's stored warning lights are kept current in the background (a new day, a large import)
  const projects = new ProjectService(started.ctx);
  const keepLights = () =>
    projects
      .refreshTodayLights()
      .catch((e: unknown) => app.log.warn({ err: e }, 'refreshing the stored lights failed'));
  void keepLights();
  const lightsTimer = setInterval(keepLights, 5 * 60_000);
  lightsTimer.unref();
  const shutdown = async () => {
    clearInterval(lightsTimer);
    await app.close();
    await started.database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

export async function migrateCommand(): Promise<void> {
  const config = loadConfig();
  const database = await connectDatabase(config);
  try {
    await database.migrate();
    say(`数据库已迁移 / migrations applied (${database.kind})`);
  } finally {
    await database.close();
  }
}

/** The OpenAPI document comes from the real routes, on a throwaway in-memory database. */
export async function openapiCommand(opts: { out?: string }): Promise<void> {
  const database = await connectDatabase({ dataDir: 'memory://' });
  try {
    const app = await buildApp({ ctx: createContext(database, { maxUploadBytes: 1 }), maxUploadBytes: 1 });
    await app.ready();
    const doc = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    if (opts.out) await writeFile(opts.out, doc);
    else process.stdout.write(doc);
  } finally {
    await database.close();
  }
}
