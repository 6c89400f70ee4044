import { performance } from 'node:perf_hooks';
import { evaluateGrid, type Indicator, type Target } from '../src/domain/evaluation/index.ts';
import { firstPeriodOf, type PlanPeriod, periodRange } from '../src/domain/period.ts';
import type { BenchResult } from './index.ts';

/**
 * The pure evaluation engine on the issue-5 workload: 300 indicators × 3,000 regions × 20 periods
 * (quarters 2021Q1–2025Q4) of generated values, all in memory. The whole pipeline, database
 * included, must finish under 3 s, so the pure part is held to a 0.5 s budget here.
 */
const INDICATORS = 300;
const REGIONS = 3000;
const plan: PlanPeriod = { start: 2021, end: 2025 };
const periods = periodRange(firstPeriodOf(plan, 'quarter'), { frequency: 'quarter', year: 2025, index: 4 });

/** Deterministic generator (mulberry32) so runs are comparable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TARGETS: Target[] = [
  { kind: 'level', value: 130 },
  { kind: 'growth', ratePct: 6 },
  { kind: 'growth', ratePct: 6, measure: 'rate' },
  { kind: 'cumulative', total: 100 },
  { kind: 'bound', op: '≤', value: 110 },
  { kind: 'provincial', assignments: { 2021: 100, 2022: 102, 2023: 104, 2024: 106 } },
  { kind: 'trend' },
];

function indicator(i: number): Indicator {
  return {
    id: `I${i}`,
    name: `指标${i}`,
    unit: '%',
    attribute: i % 3 === 0 ? 'binding' : 'expected',
    direction: 'higher',
    frequency: 'quarter',
    baseline: { year: 2020, value: 100 },
    target: TARGETS[i % TARGETS.length]!,
  };
}

/** Values around a rising path with noise and 2 % missing, as counties report them. */
function values(i: number): Float64Array {
  const next = rng(i + 1);
  const out = new Float64Array(REGIONS * periods.length);
  const flow = TARGETS[i % TARGETS.length]!.kind === 'cumulative';
  const rate = i % TARGETS.length === 2;
  for (let k = 0; k < out.length; k++) {
    const q = (k % periods.length) + 1;
    const v = flow ? 5 * (0.6 + next() * 0.8) : rate ? 2 + next() * 8 : 100 + q * (0.5 + next() * 2);
    out[k] = next() < 0.02 ? Number.NaN : v;
  }
  return out;
}

export default async function run(): Promise<BenchResult[]> {
  const indicators = Array.from({ length: INDICATORS }, (_, i) => indicator(i));
  const grids = indicators.map((_, i) => values(i));
  const total = INDICATORS * REGIONS * periods.length;
  // One warm-up pass on a slice so the timed pass measures compiled code, as a server would run it.
  for (let i = 0; i < TARGETS.length; i++) evaluateGrid(indicators[i]!, plan, periods, grids[i]!);
  // Best of three passes: the machine is shared, and the slowest pass measures the neighbours.
  let ms = Number.POSITIVE_INFINITY;
  let cpuMs = Number.POSITIVE_INFINITY;
  let checksum = 0;
  for (let pass = 0; pass < 3; pass++) {
    checksum = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < INDICATORS; i++) {
      const r = evaluateGrid(indicators[i]!, plan, periods, grids[i]!);
      checksum += r.status[r.status.length - 1]!;
    }
    ms = Math.min(ms, performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    cpuMs = Math.min(cpuMs, (cpu.user + cpu.system) / 1000);
  }
  const perSecond = Math.round(total / (ms / 1000));
  const note = `${total.toLocaleString('en')} values, best of 3: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (checksum ${checksum})`;
  return [
    {
      name: 'evaluate 300 indicators × 3,000 regions × 20 periods (pure, wall)',
      value: Math.round(ms),
      unit: 'ms',
      target: '≤ 500 ms (share of the 3 s end-to-end budget)',
      pass: ms <= 500,
      note,
    },
    {
      // On a shared machine wall time also measures the neighbours; CPU time is this process's own.
      name: 'evaluate 300 × 3,000 × 20 (pure, CPU time)',
      value: Math.round(cpuMs),
      unit: 'ms',
      target: '≤ 500 ms',
      pass: cpuMs <= 500,
    },
    {
      name: 'evaluation throughput (pure, wall)',
      value: perSecond,
      unit: 'values/s',
      target: '≥ 36,000,000',
      pass: perSecond >= 36e6,
    },
  ];
}
