import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../services/bootstrap.ts';

export const WEB_DIST = path.join(REPO_ROOT, 'web', 'dist');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const m = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (m > newest) newest = m;
  }
  return newest;
}

function isStale(): boolean {
  try {
    const built = statSync(path.join(WEB_DIST, 'index.html')).mtimeMs;
    const sources = Math.max(
      newestMtime(path.join(REPO_ROOT, 'web', 'src')),
      statSync(path.join(REPO_ROOT, 'web', 'index.html')).mtimeMs,
    );
    return sources > built;
  } catch {
    return true;
  }
}

/** Builds the web app when its sources are newer than the last build, so `npm start` always serves the current UI. */
export async function ensureWebBuilt(log: (line: string) => void): Promise<void> {
  if (!isStale()) return;
  log('正在构建网页界面… / Building the web app…');
  const vite = await import('vite');
  await vite.build({ configFile: path.join(REPO_ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
}
