import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import iconv from 'iconv-lite';
import { normalizeDocument } from '../src/text/normalize.ts';
import type { BenchResult } from './index.ts';

/**
 * Ingestion speed on the 245 KB 运城 plan (target ≥ 5 MB/s on one core, < 200 MB of memory),
 * plus the same plan as GBK (decoding by score) and the Traditional seed 002 (every repair runs).
 * Each figure is the median of several runs after a warm-up, so one-time table building
 * (the common-character table, the OpenCC dictionaries) is not counted as throughput.
 * Throughput is bytes per CPU second of the call (see `throughput`).
 */
const RUNS = 15;
const sample = (p: string) => new Uint8Array(readFileSync(new URL(`../samples/${p}`, import.meta.url)));

/**
 * Median over RUNS of the CPU time of one call (user + system, all threads of the process), so
 * the figure means "on one core" even when the machine is busy; wall time is reported beside it.
 */
async function throughput(bytes: Uint8Array, fileName: string): Promise<{ mbps: number; ms: number; wallMs: number }> {
  for (let i = 0; i < 3; i++) await normalizeDocument({ bytes, fileName });
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await normalizeDocument({ bytes, fileName });
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const ms = median(cpu);
  return { mbps: bytes.byteLength / 1e6 / (ms / 1000), ms, wallMs: median(wall) };
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** A handle on the collector, so memory is read without the garbage of earlier runs. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** Process memory at the end of one normalisation of the plan, started from a collected heap. */
async function memoryOfOneRun(bytes: Uint8Array): Promise<{ rssMb: number; heapMb: number }> {
  const gc = collector();
  await normalizeDocument({ bytes, fileName: 'plan.txt' });
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  await normalizeDocument({ bytes, fileName: 'plan.txt' });
  const m = process.memoryUsage();
  return { rssMb: m.rss / 1024 / 1024, heapMb: (m.heapUsed - heap0) / 1024 / 1024 };
}

export default async function bench(): Promise<BenchResult[]> {
  const plan = sample('yuncheng-14th-five-year-plan.txt');
  const memory = await memoryOfOneRun(plan);
  const utf8 = await throughput(plan, 'plan.txt');
  const gbk = await throughput(new Uint8Array(iconv.encode(Buffer.from(plan).toString('utf8'), 'gbk')), 'plan.txt');
  const news = await throughput(sample('news/002-study-tour-part2-traditional.txt'), '002.txt');
  return [
    {
      name: 'normalize plan (UTF-8, 245 KB)',
      value: round(utf8.mbps),
      unit: 'MB/s',
      target: '≥ 5 MB/s',
      pass: utf8.mbps >= 5,
      note: `median CPU ${round(utf8.ms)} ms, wall ${round(utf8.wallMs)} ms`,
    },
    {
      name: 'normalize plan (GBK)',
      value: round(gbk.mbps),
      unit: 'MB/s',
      target: '≥ 5 MB/s',
      pass: gbk.mbps >= 5,
      note: `median CPU ${round(gbk.ms)} ms, wall ${round(gbk.wallMs)} ms`,
    },
    {
      name: 'normalize seed 002 (Traditional, pinyin, mojibake)',
      value: round(news.mbps),
      unit: 'MB/s',
      target: '≥ 5 MB/s',
      pass: news.mbps >= 5,
      note: `median CPU ${round(news.ms)} ms, wall ${round(news.wallMs)} ms`,
    },
    {
      name: 'normalize: process memory (RSS)',
      value: round(memory.rssMb),
      unit: 'MB',
      target: '< 200 MB',
      pass: memory.rssMb < 200,
      note: `at the end of one run from a collected heap, node and libraries included; the run allocated ${round(memory.heapMb)} MB of heap`,
    },
  ];
}
