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
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: BenchResult[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { default: () => Promise<BenchResult[]> };
  process.stdout.write(`▶ ${f}\n`);
  const results = await mod.default();
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
