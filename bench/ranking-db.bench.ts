import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { connectDatabase, type Database } from '../src/db/client.ts';
import { createContext } from '../src/services/context.ts';
import { QuarterService } from '../src/services/quarter.service.ts';
import type { BenchResult } from './index.ts';

/**
 * Issue 6 scale, end to end: the quarter's ranking (QuarterService.ranking: projects, investment sums,
 * overdue problems, tour scores, KPIs, 五个一 scoring of this quarter and the previous one) over
 * 100 k projects and 5 M monthly investment rows (100 k × 50 months, 2022-11 … 2026-12) stored in
 * PostgreSQL, for 2026 Q3 by county. Target < 1 s. The data is generated server-side
 * (INSERT … SELECT generate_series) in a throwaway database, created and dropped here; the load is
 * reported apart. 7 judges score each county's tour, and about 20 k problems exist.
 */
const PROJECTS = 100_000;
const MONTHS = 50;
const COUNTIES = 13;
const PG_URL = process.env.LANTU_TEST_PG || 'postgresql://root@127.0.0.1:5432/test';

async function exec(database: Database, text: string): Promise<void> {
  for (const statement of text.split(/;\s*\n/)) {
    if (statement.trim()) await database.db.execute(sql.raw(statement.replace(/;\s*$/, '')));
  }
}

/** A day of `year` from a random number, as an ISO date (SQL). */
const day = (year: string, r: string) => `to_char(make_date(${year}, 1, 1) + floor(${r} * 365)::int, 'YYYY-MM-DD')`;

export async function load(database: Database): Promise<void> {
  await exec(
    database,
    `INSERT INTO regions (code, name, level, parent_code) VALUES ('990000', '基准市', 'city', NULL);
     INSERT INTO regions (code, name, level, parent_code)
       SELECT (990100 + r)::text, '基准县' || r, 'county', '990000' FROM generate_series(1, ${COUNTIES}) r;
     SELECT setseed(0.6);
     INSERT INTO projects (name, region_code, zone, library, signed_on, started_on, in_production_on,
                           planned_start_on, planned_production_on, planned_capacity_on, total_investment)
       SELECT '基准项目' || i, (990100 + 1 + i % ${COUNTIES})::text,
              CASE WHEN random() < 0.6 THEN '基准开发区' || (i % 23) END,
              'construction',
              CASE WHEN s < 0.8 THEN ${day('2025 + (i % 2)', 'random()')} END,
              CASE WHEN s < 0.56 THEN ${day('2026', 'random()')} END,
              CASE WHEN s < 0.17 THEN ${day('2026', 'random()')} END,
              ${day('2026', 'random()')},
              CASE WHEN random() < 0.3 THEN ${day('2026', 'random()')} END,
              CASE WHEN random() < 0.1 THEN ${day('2026', 'random()')} END,
              10 + floor(random() * 990) * 12
         FROM (SELECT i, random() AS s FROM generate_series(0, ${PROJECTS - 1}) i) g;`,
  );
  // Foreign-key and unique checks per row would cost minutes at 5 M: dropped, re-created afterwards.
  await exec(
    database,
    `ALTER TABLE project_investments DROP CONSTRAINT IF EXISTS project_investments_project_id_projects_id_fk;
     DROP INDEX IF EXISTS project_investments_month_idx;
     DROP INDEX IF EXISTS project_investments_year_idx;`,
  );
  // Month by month, as monthly reports arrive (every project's report of a month lands together), so a
  // year's rows sit together on disk as they would in a real database.
  for (let m = 0; m < MONTHS; m++) {
    await exec(
      database,
      `INSERT INTO project_investments (project_id, year, month, planned, completed, state)
       SELECT p.id, (2022 * 12 + 10 + ${m}) / 12, (2022 * 12 + 10 + ${m}) % 12 + 1,
              p.total_investment / 12, p.total_investment / 12 * random() * 1.6, 'approved'
         FROM projects p ORDER BY p.id`,
    );
  }
  await exec(
    database,
    `CREATE UNIQUE INDEX project_investments_month_idx ON project_investments (project_id, year, month);
     CREATE INDEX project_investments_year_idx ON project_investments (year, month);
     ALTER TABLE project_investments ADD CONSTRAINT project_investments_project_id_projects_id_fk
       FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE;
     INSERT INTO project_problems (project_id, title, deadline, raised_on, closed_on)
       SELECT id, '基准问题', ${day('2026', '0.3 + random() * 0.4')}, ${day('2026', 'random() * 0.3')},
              CASE WHEN random() < 0.5 THEN ${day('2026', 'random()')} END
         FROM projects WHERE random() < 0.2;
     INSERT INTO tour_scores (year, quarter, group_by, group_key, judge, item, score)
       SELECT 2026, 3, 'county', code, '评委' || j, it.k, it.m * (0.6 + random() * 0.4)
         FROM regions CROSS JOIN generate_series(1, 7) j
        CROSS JOIN (VALUES ('progress', 40), ('quality', 30), ('service', 30)) it(k, m)
        WHERE parent_code = '990000';
     VACUUM ANALYZE projects;
     VACUUM ANALYZE project_investments;
     VACUUM ANALYZE project_problems;`,
  );
}

export default async function run(): Promise<BenchResult[]> {
  const name = `lantu_bench_h5_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  const title = 'quarter ranking from PostgreSQL, 100 k projects / 5 M investment rows (service, wall)';
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (e) {
    await admin.end().catch(() => {});
    return [
      {
        name: title,
        value: 0,
        unit: 'ms',
        target: '< 1,000 ms',
        pass: false,
        note: `PostgreSQL unreachable: ${(e as Error).message}`,
      },
    ];
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const database = await connectDatabase({ databaseUrl: url.toString(), dataDir: 'memory://' });
  try {
    await database.migrate();
    const t0 = performance.now();
    await load(database);
    const loadMs = performance.now() - t0;
    const service = new QuarterService(createContext(database, { maxUploadBytes: 1 }));
    const runs: number[] = [];
    let detail = '';
    // one warm-up (plans cached, code compiled, as in a running server), then best of 5
    for (let pass = 0; pass < 6; pass++) {
      const s = performance.now();
      const r = await service.ranking(2026, 3, 'county', '990000');
      const ms = performance.now() - s;
      if (pass === 0) continue;
      runs.push(ms);
      const top = r.entries[0]!;
      detail = `${r.entries.length} counties, ${r.entries.reduce((n, e) => n + e.projectCount, 0)} projects; top ${top.region.name} ${top.score} (tour ${top.tour?.score}, ${top.tour?.judges.length} judges)`;
    }
    const best = Math.min(...runs);
    return [
      {
        name: title,
        value: Math.round(best),
        unit: 'ms',
        target: '< 1,000 ms',
        pass: best < 1000,
        note: `best of 5 after a warm-up, on a shared 2-core machine (noisy): runs ${runs.map((r) => r.toFixed(0)).join('/')} ms; KPI counts, investment sums and overdue problems counted per county in SQL; load average ${loadavg()
          .map((x) => x.toFixed(1))
          .join('/')} at the end; ${detail}; load ${(loadMs / 1000).toFixed(1)} s, not counted`,
      },
      {
        name: 'load 100 k projects + 5 M investment rows into PostgreSQL (generate_series, indexes, VACUUM ANALYZE)',
        value: Math.round(loadMs / 1000),
        unit: 's',
        target: 'reported only',
        pass: true,
      },
    ];
  } finally {
    await database.close();
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}
