import { readFileSync } from 'node:fs';
import { extractPlan } from '../src/extract/index.ts';
import type { BenchResult } from './index.ts';

const SEED = new URL('../samples/yuncheng-14th-five-year-plan.txt', import.meta.url);
const RUNS = 10;

/** Whole-plan extraction of the seed on one core: median of ten runs after one warm-up. */
export default async function bench(): Promise<BenchResult[]> {
  const text = readFileSync(SEED, 'utf8');
  extractPlan({ text });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    extractPlan({ text });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = Math.round((times[RUNS >> 1] as number) * 10) / 10;
  const worst = Math.round((times[RUNS - 1] as number) * 10) / 10;
  return [
    {
      name: 'extract: seed plan (245 KB), median',
      value: median,
      unit: 'ms',
      target: '< 1000 ms',
      pass: median < 1000,
      note: `worst of ${RUNS}: ${worst} ms`,
    },
  ];
}
