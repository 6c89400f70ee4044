import { loadConfig } from '../config.ts';
import { type Started, startServices } from '../services/bootstrap.ts';

/**
 * Runs a CLI command against the configured database and closes it afterwards.
 * `demo: true` behaves like `serve` (an empty data directory gets the demo, LANTU_DEMO=off skips it):
 * commands that read demo data (report, quarter, projects) use it; commands that write a user's own
 * data (import, values, evaluate, plans) never load the demo, so their results are only the user's.
 */
export async function withServices<T>(work: (s: Started) => Promise<T>, opts: { demo: boolean }): Promise<T> {
  const config = loadConfig();
  const started = await startServices({ ...config, loadDemo: opts.demo && config.loadDemo });
  try {
    return await work(started);
  } finally {
    await started.database.close();
  }
}
