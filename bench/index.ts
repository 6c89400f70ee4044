import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Runs every `bench/*.bench.ts` (each default-exports an async function returning results) and
 * writes bench/RESULTS.md. Targets are checked here, never in unit tests.
 */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Human statement of the target, e.g. `≥ 5 MB/s`. */
  target: string;
  pass: boolean;
  note?: string;
}

const dir = path.dirname(fileURLToPath(import.meta.url));
const CHILD_MARK = '@@bench-results@@';
/**
 * Each benchmark file runs in a process of its own, so one file's memory (18 M generated values) does not
 * count against the next file's memory target. `--child FILE` is that inner run; it prints JSON.
 */
const args = process.argv.slice(2);
if (args[0] === '--child') {
  const mod = (await import(pathToFileURL(path.join(dir, args[1] as string)).href)) as {
    default: () => Promise<BenchResult[]>;
  };
  process.stdout.write(`${CHILD_MARK}${JSON.stringify(await mod.default())}\n`);
  process.exit(0);
}

const only = args;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: BenchResult[] = [];
for (const f of files) {
  process.stdout.write(`▶ ${f}\n`);
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', f], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = out.split('\n').find((l) => l.startsWith(CHILD_MARK)) ?? `${CHILD_MARK}[]`;
  const results = JSON.parse(line.slice(CHILD_MARK.length)) as BenchResult[];
  for (const r of results) {
    process.stdout.write(`  ${r.pass ? '✓' : '✗'} ${r.name}: ${r.value} ${r.unit} (target ${r.target})\n`);
  }
  rows.push(...results);
}

const lines = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString()} (node ${process.version}, ${process.platform}/${process.arch}).`,
  '',
  '| benchmark | value | unit | target | met |',
  '|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.value} | ${r.unit} | ${r.target} | ${r.pass ? 'yes' : 'no'}${r.note ? ` (${r.note})` : ''} |`,
  ),
  '',
];
if (only.length === 0) writeFileSync(path.join(dir, 'RESULTS.md'), lines.join('\n'));
