import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { connectDatabase } from '../src/db/client.ts';
import { createContext } from '../src/services/context.ts';
import { WorkbenchService } from '../src/services/workbench.service.ts';
import type { BenchResult } from './index.ts';
import { load } from './ranking-db.bench.ts';

/**
 * The workbench (工作台) at issue-6 scale: WorkbenchService.summary over the ranking benchmark's data
 * (100 k projects, 5 M monthly investment rows, about 20 k problems) in PostgreSQL, on 2026-09-30:
 * red, yellow and all projects (stored lights), overdue problems by level, the quarter's schedule.
 * The first call refreshes the day's stored lights (as the server does at start) and is not counted;
 * then best of 5. Target < 1 s.
 */
const PG_URL = process.env.LANTU_TEST_PG || 'postgresql://root@127.0.0.1:5432/test';
const TITLE = 'workbench summary from PostgreSQL, 100 k projects / 5 M investment rows (service, wall)';

export default async function run(): Promise<BenchResult[]> {
  const name = `lantu_bench_wb_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (e) {
    await admin.end().catch(() => {});
    return [{ name: TITLE, value: 0, unit: 'ms', target: '< 1,000 ms', pass: false, note: (e as Error).message }];
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const database = await connectDatabase({ databaseUrl: url.toString(), dataDir: 'memory://' });
  try {
    await database.migrate();
    await load(database);
    const service = new WorkbenchService(
      createContext(database, { maxUploadBytes: 1 }),
      () => new Date('2026-09-30T04:00:00Z'),
    );
    const runs: number[] = [];
    let detail = '';
    for (let pass = 0; pass < 6; pass++) {
      const s = performance.now();
      const w = await service.summary();
      const ms = performance.now() - s;
      if (pass === 0) {
        detail = `first call (refreshes the day's 100 k stored lights) ${(ms / 1000).toFixed(1)} s`;
        continue;
      }
      runs.push(ms);
      if (pass === 5) {
        detail += `; ${w.projects.red} red, ${w.projects.yellow} yellow of ${w.projects.total}; ${w.problems.total} overdue problems`;
      }
    }
    const best = Math.min(...runs);
    return [
      {
        name: TITLE,
        value: Math.round(best),
        unit: 'ms',
        target: '< 1,000 ms',
        pass: best < 1000,
        note: `best of 5 after the first call, on a shared 2-core machine: runs ${runs.map((r) => r.toFixed(0)).join('/')} ms; ${detail}; load average ${loadavg()
          .map((x) => x.toFixed(1))
          .join('/')}`,
      },
    ];
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}
