import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { normalizeDocument } from '../src/text/normalize.ts';
import type { BenchResult } from './index.ts';

/**
 * Ingestion speed on the 245 KB 运城 plan (target ≥ 5 MB/s on one core, < 200 MB of memory),
 * plus the same plan as GBK (decoding by score) and the Traditional seed 002 (every repair runs).
 * Each figure is the median of several runs after a warm-up, so one-time table building
 * (the common-character table, the OpenCC dictionaries) is not counted as throughput.
 */
const RUNS = 15;
const sample = (p: string) => new Uint8Array(readFileSync(new URL(`../samples/${p}`, import.meta.url)));

async function throughput(bytes: Uint8Array, fileName: string): Promise<{ mbps: number; ms: number }> {
  for (let i = 0; i < 3; i++) await normalizeDocument({ bytes, fileName });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await normalizeDocument({ bytes, fileName });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)] as number;
  return { mbps: bytes.byteLength / 1e6 / (ms / 1000), ms };
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export default async function bench(): Promise<BenchResult[]> {
  const plan = sample('yuncheng-14th-five-year-plan.txt');
  const rssBefore = process.memoryUsage().rss;
  const utf8 = await throughput(plan, 'plan.txt');
  const rssAfter = process.memoryUsage().rss;
  const gbk = await throughput(new Uint8Array(iconv.encode(Buffer.from(plan).toString('utf8'), 'gbk')), 'plan.txt');
  const news = await throughput(sample('news/002-study-tour-part2-traditional.txt'), '002.txt');
  const rssMb = Math.max(rssBefore, rssAfter, process.memoryUsage().rss) / 1024 / 1024;
  return [
    {
      name: 'normalize plan (UTF-8, 245 KB)',
      value: round(utf8.mbps),
      unit: 'MB/s',
      target: '≥ 5 MB/s',
      pass: utf8.mbps >= 5,
      note: `median ${round(utf8.ms)} ms`,
    },
    {
      name: 'normalize plan (GBK)',
      value: round(gbk.mbps),
      unit: 'MB/s',
      target: '≥ 5 MB/s',
      pass: gbk.mbps >= 5,
      note: `median ${round(gbk.ms)} ms`,
    },
    {
      name: 'normalize seed 002 (Traditional, pinyin, mojibake)',
      value: round(news.mbps),
      unit: 'MB/s',
      target: '≥ 5 MB/s',
      pass: news.mbps >= 5,
      note: `median ${round(news.ms)} ms`,
    },
    {
      name: 'normalize: process memory (RSS)',
      value: round(rssMb),
      unit: 'MB',
      target: '< 200 MB',
      pass: rssMb < 200,
      note: 'whole process after 54 runs, node runtime and libraries included',
    },
  ];
}
