import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testEnvironment } from '../../src/config.ts';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LANTU_BIN = path.join(REPO, 'bin', 'lantu.js');
const env = testEnvironment();

export interface RunningServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the real server (`lantu serve --build-web`) on a free port with a fresh data dir and the demo
 * loaded, exactly as `npm start` does, and resolves once it prints its URL.
 */
export async function startServer(opts: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lantu-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [LANTU_BIN, 'serve', '--build-web', '--port', '0'], {
    cwd: REPO,
    env: { ...process.env, LANTU_DATA_DIR: dataDir, DATABASE_URL: '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /http:\/\/localhost:(\d+)\s/.exec(output);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    setTimeout(() => reject(new Error(`server did not start in 150 s:\n${output}`)), 150_000);
  });
  return {
    url,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, or null. Outside CI a missing browser skips with a message; in CI it fails. */
export function chromiumPath(): string | null {
  if (existsSync(env.chromiumPath)) return env.chromiumPath;
  const msg = `Chromium not found at ${env.chromiumPath}: browser tests are skipped / 未找到 Chromium，跳过浏览器测试`;
  if (env.ci) throw new Error(`${msg} — required when CI=true (apt-get install -y chromium)`);
  console.warn(msg);
  return null;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
