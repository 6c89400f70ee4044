import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testEnvironment } from '../../src/config.ts';

/**
 * The database tiers run every suite on the embedded PGlite and on a real PostgreSQL. Each suite
 * gets a database of its own on the server, dropped afterwards, so suites never see each other's rows.
 */
export interface DatabaseTarget {
  name: 'pglite' | 'postgres';
  /** Undefined when the target is unavailable; the suite is then skipped (or fails in CI). */
  available: boolean;
  /** Create a fresh, empty database; returns the settings to pass to startServices. */
  create(): Promise<{ databaseUrl: string | undefined; dataDir: string; drop(): Promise<void> }>;
}

const env = testEnvironment();

function adminUrl(dbName: string): string {
  const url = new URL(env.postgresUrl as string);
  url.pathname = `/${dbName}`;
  return url.toString();
}

async function withAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: env.postgresUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export const databaseTargets: DatabaseTarget[] = [
  {
    name: 'pglite',
    available: true,
    create: async () => ({ databaseUrl: undefined, dataDir: 'memory://', drop: async () => {} }),
  },
  {
    name: 'postgres',
    available: env.postgresUrl !== undefined,
    create: async () => {
      const name = `lantu_t_${randomBytes(6).toString('hex')}`;
      await withAdmin(`CREATE DATABASE ${name}`);
      return {
        databaseUrl: adminUrl(name),
        dataDir: 'memory://',
        drop: async () => {
          // A plain drop first: FORCE terminates connections a pool may still be closing.
          for (let i = 0; i < 20; i++) {
            try {
              return await withAdmin(`DROP DATABASE IF EXISTS ${name}`);
            } catch {
              await new Promise((r) => setTimeout(r, 100));
            }
          }
          await withAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        },
      };
    },
  },
];

/** Outside CI a missing PostgreSQL is announced and skipped; in CI it is a failure. */
export function checkTargetAvailability(target: DatabaseTarget): boolean {
  if (target.available) return true;
  const msg = `[${target.name}] LANTU_TEST_PG is not set: PostgreSQL suites are skipped / 未设置 LANTU_TEST_PG，跳过 PostgreSQL 测试`;
  if (env.ci) throw new Error(`${msg} — required when CI=true`);
  console.warn(msg);
  return false;
}
