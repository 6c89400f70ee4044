import { readFileSync } from 'node:fs';
import { REGION_SEED } from '../src/db/regions.seed.ts';
import { indicatorsFromTables } from '../src/domain/indicators/from-extraction.ts';
import { extractFacts } from '../src/extract/facts.ts';
import { matchFacts } from '../src/extract/facts-match.ts';
import { extractPlan } from '../src/extract/index.ts';
import type { BenchResult } from './index.ts';

const SEED = new URL('../samples/yuncheng-14th-five-year-plan.txt', import.meta.url);
const RUNS = 10;

/**
 * Facts of the whole seed plan (245 KB, the largest text a user would feed in as a "report") and their
 * matching to its 37 indicators, on one core: median of ten runs after one warm-up. A news piece is
 * 6–7 K characters, so this is the worst case of `GET /api/documents/:id/facts`.
 */
export default async function bench(): Promise<BenchResult[]> {
  const text = readFileSync(SEED, 'utf8');
  const plan = { start: 2021, end: 2025 };
  const indicators = indicatorsFromTables(extractPlan({ text }).indicatorTables, plan).map((d, i) => ({
    id: i + 1,
    name: d.name,
    unit: d.unit,
    frequency: 'year' as const,
    baseline: d.baseline,
  }));
  const scope = {
    regionCode: '140800',
    regionCodes: REGION_SEED.filter((r) => r.code === '140800' || r.parentCode === '140800').map((r) => r.code),
    ...plan,
  };
  const once = () => {
    const { facts } = extractFacts(text, { regions: REGION_SEED });
    return { facts: facts.length, matches: matchFacts(facts, indicators, scope).filter((m) => m.match).length };
  };
  const counts = once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    once();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = Math.round((times[RUNS >> 1] as number) * 10) / 10;
  return [
    {
      name: 'facts: seed plan (245 KB) extract + match to 37 indicators, median',
      value: median,
      unit: 'ms',
      target: '< 500 ms',
      pass: median < 500,
      note: `${counts.facts} facts, ${counts.matches} with a candidate indicator; worst of ${RUNS}: ${Math.round((times[RUNS - 1] as number) * 10) / 10} ms`,
    },
  ];
}
