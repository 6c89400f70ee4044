import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../src/api/app.ts';
import { type Started, startServices } from '../src/services/bootstrap.ts';
import { evaluationCacheFor } from '../src/services/evaluation-cache.ts';
import type { BenchResult } from './index.ts';

/**
 * The API under load: the real app (startServices with the demo plan, buildApp, listening on a free
 * localhost port) answering GET /api/plans/1/indicators?period=2024 — the monitoring page's main
 * request, 37 indicators — to 50 concurrent clients, 2,000 requests in all. p95 under 100 ms. Every
 * request reads the plan's data_version; the list itself comes from the evaluation cache while no value
 * changes (src/services/evaluation-cache.ts). On PGlite, and on a throwaway PostgreSQL database when one
 * is reachable.
 */
const CLIENTS = 50;
const REQUESTS = 2000;
const WARM_UP = 100;
const PATH = '/api/plans/1/indicators?period=2024';
const PG_URL = process.env.LANTU_TEST_PG || 'postgresql://root@127.0.0.1:5432/test';

interface Load {
  latencies: number[];
  seconds: number;
  errors: number;
}

async function fire(base: string, total: number): Promise<Load> {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const client = async () => {
    while (issued < total) {
      issued++;
      const t0 = performance.now();
      try {
        const res = await fetch(base + PATH);
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { latencies, seconds: (performance.now() - t0) / 1000, errors };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function against(label: string, databaseUrl: string | undefined): Promise<BenchResult[]> {
  let started: Started | undefined;
  const app = await (async () => {
    started = await startServices({
      databaseUrl,
      dataDir: 'memory://',
      maxUploadBytes: 10 * 1024 * 1024,
      loadDemo: true,
    });
    return buildApp({ ctx: started.ctx, maxUploadBytes: 10 * 1024 * 1024 });
  })();
  try {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const cache = evaluationCacheFor(started!.database);
    await fire(address, WARM_UP);
    const load = await fire(address, REQUESTS);
    const sorted = [...load.latencies].sort((a, b) => a - b);
    const [p50, p95, p99] = [0.5, 0.95, 0.99].map((q) => quantile(sorted, q)) as [number, number, number];
    const rps = Math.round(load.latencies.length / load.seconds);
    const note =
      `${REQUESTS} × GET ${PATH}, ${CLIENTS} concurrent clients (Node fetch, same process as the server) after ${WARM_UP} warm-up; ` +
      `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms, ${rps} req/s, ${load.errors} errors; ` +
      `evaluation cache: ${cache.hits} hits, ${cache.misses} misses (each request reads the plans row for its data_version)`;
    return [
      {
        name: `API GET /plans/1/indicators p95 under ${CLIENTS} clients (${label})`,
        value: Math.round(p95 * 10) / 10,
        unit: 'ms',
        target: '< 100 ms',
        pass: p95 < 100 && load.errors === 0,
        note,
      },
      {
        name: `API GET /plans/1/indicators p50 (${label})`,
        value: Math.round(p50 * 10) / 10,
        unit: 'ms',
        target: 'reported only',
        pass: true,
        note: `p99 ${p99.toFixed(1)} ms`,
      },
      {
        name: `API throughput (${label})`,
        value: rps,
        unit: 'req/s',
        target: 'reported only',
        pass: load.errors === 0,
      },
    ];
  } finally {
    await app.close();
    await started?.database.close();
  }
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
        name: 'API GET /plans/1/indicators p95 (PostgreSQL)',
        value: 0,
        unit: 'ms',
        target: '< 100 ms',
        pass: false,
        note: `PostgreSQL unreachable at ${new URL(PG_URL).host}: ${(e as Error).message}`,
      },
    ];
  }
  try {
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    return await against('PostgreSQL', url.toString());
  } finally {
    await dropDatabase(admin, name);
    await admin.end();
  }
}

export default async function run(): Promise<BenchResult[]> {
  return [...(await against('PGlite', undefined)), ...(await onPostgres())];
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
