import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
else if (process.env.BENCH_MERGE === '1') mergeResults(rows);

/**
 * `BENCH_MERGE=1 npm run bench -- NAME…`: rerun some files and replace their rows in RESULTS.md (by
 * benchmark name; new names are added at the end), stating which files were rerun and when.
 */
function mergeResults(fresh: BenchResult[]): void {
  const file = path.join(dir, 'RESULTS.md');
  const text = readFileSync(file, 'utf8').split('\n');
  const row = (r: BenchResult) =>
    `| ${r.name} | ${r.value} | ${r.unit} | ${r.target} | ${r.pass ? 'yes' : 'no'}${r.note ? ` (${r.note})` : ''} |`;
  const byName = new Map(fresh.map((r) => [r.name, r]));
  const out = text.map((line) => {
    const name = line.startsWith('| ') ? line.slice(2).split(' | ')[0] : undefined;
    const r = name ? byName.get(name) : undefined;
    if (!r) return line;
    byName.delete(r.name);
    return row(r);
  });
  const last = out.findLastIndex((l) => l.startsWith('| '));
  out.splice(last + 1, 0, ...[...byName.values()].map(row));
  const note = `Rerun on ${new Date().toISOString()}: ${files.join(', ')} (\`BENCH_MERGE=1\`); other rows as written before.`;
  const at = out.findIndex((l) => l.startsWith('Written by'));
  // One rerun note under the 'Written by' line, replaced by the next partial rerun.
  out.splice(at + 1, out[at + 1]?.startsWith('Rerun on') ? 1 : 0, note);
  writeFileSync(file, out.join('\n'));
}
