import {
  aggregateInvestment,
  computeKpisByGroupings,
  DEFAULT_RUBRIC,
  type GroupKpis,
  type InvestmentRow,
  type KpiProject,
  type RegionInput,
  rankWithPrevious,
  scoreRegions,
  trimmedMean,
} from '../src/domain/projects/index.ts';
import type { BenchResult } from './index.ts';

/**
 * Pure part of the quarterly ranking: KPIs for 100 k projects from 5 M monthly investment rows
 * (100 k projects × 50 months, 2022-11 … 2026-12), for the four groupings, then the 五个一 scoring
 * and ranking of the counties with last quarter's ranks. The data is generated in memory (a seeded
 * generator, so runs are comparable); loading it from the database is not measured here. The
 * end-to-end target including the database is under 1 s, so the pure part gets half of it. (The
 * service's ranking no longer runs this over every project: it counts per region in SQL, measured
 * end to end by ranking-db.bench.ts; computeKpis stays the definition, used where ids are needed.)
 */
const PROJECTS = 100_000;
const MONTHS = 50;
const COUNTIES = [
  '盐湖区',
  '永济市',
  '河津市',
  '临猗县',
  '万荣县',
  '闻喜县',
  '稷山县',
  '新绛县',
  '绛县',
  '垣曲县',
  '夏县',
  '平陆县',
  '芮城县',
];
const PERIOD = { from: '2026-01-01', to: '2026-09-30', year: 2026, throughMonth: 9 };

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function date(r: () => number, year: number): string {
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function generate(): { projects: KpiProject[]; rows: InvestmentRow[] } {
  const r = rng(20261123);
  const projects: KpiProject[] = [];
  const rows: InvestmentRow[] = new Array(PROJECTS * MONTHS);
  let k = 0;
  for (let i = 0; i < PROJECTS; i++) {
    const id = `P${i}`;
    const y = r() < 0.5 ? 2026 : 2025;
    const signed = r() < 0.8 ? date(r, y) : undefined;
    const started = signed && r() < 0.7 ? date(r, 2026) : undefined;
    const plan = 10 + Math.floor(r() * 990);
    projects.push({
      id,
      county: COUNTIES[i % COUNTIES.length]!,
      zone: r() < 0.6 ? `Z${i % 23}` : null,
      chain: r() < 0.7 ? `C${i % 10}` : null,
      leader: `L${i % 40}`,
      milestones: { signed, started, in_production: started && r() < 0.3 ? date(r, 2026) : undefined },
      planned: {
        started: date(r, 2026),
        in_production: r() < 0.3 ? date(r, 2026) : null,
        at_capacity: r() < 0.1 ? date(r, 2026) : null,
      },
      plannedAnnualInvestment: plan,
    });
    for (let m = 0; m < MONTHS; m++) {
      const abs = 2022 * 12 + 10 + m; // from 2022-11
      rows[k++] = { projectId: id, year: Math.floor(abs / 12), month: (abs % 12) + 1, amount: (plan / 12) * r() * 1.6 };
    }
  }
  return { projects, rows };
}

function regionInputs(kpis: GroupKpis[], r: () => number): RegionInput[] {
  return kpis.map((g) => {
    const judges = Array.from({ length: 7 }, () => 70 + r() * 30);
    return {
      regionId: g.group,
      values: {
        landingRate: g.landingRate.rate,
        startRate: g.startRate.rate,
        investmentCompletionRate: g.investmentCompletionRate.rate,
        timeProgress: PERIOD.throughMonth / 12,
        productionRate: g.productionRate.rate,
        tourScore: trimmedMean(judges).mean,
        overdueProblems: Math.floor(r() * 8),
      },
    };
  });
}

function run(projects: KpiProject[], rows: InvestmentRow[]) {
  const ytd = aggregateInvestment(rows, PERIOD.year, PERIOD.throughMonth);
  const all = computeKpisByGroupings(projects, ytd, PERIOD, ['county', 'zone', 'chain', 'leader']);
  const byCounty = all.county!;
  const r = rng(7);
  const scores = scoreRegions(DEFAULT_RUBRIC, regionInputs(byCounty, r));
  const previous = [...scores].reverse().map((s, i) => ({ regionId: s.regionId, rank: i + 1 }));
  return rankWithPrevious(scores, previous);
}

export default async function bench(): Promise<BenchResult[]> {
  const t0 = performance.now();
  const { projects, rows } = generate();
  const genMs = performance.now() - t0;
  run(projects.slice(0, 1000), rows.slice(0, 50_000)); // warm-up (JIT)
  const times: number[] = [];
  let ranked = 0;
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    ranked = run(projects, rows).length;
    times.push(performance.now() - s);
  }
  // the median, not the best run: a ranking request pays the garbage collector too
  const median = Math.round([...times].sort((a, b) => a - b)[2]!);
  return [
    {
      name: 'ranking: KPIs (4 groupings) + 五个一 scoring, 100 k projects / 5 M investment rows, pure',
      value: median,
      unit: 'ms',
      target: '≤ 500 ms (pure half of the < 1 s end-to-end budget)',
      pass: median <= 500,
      note: `median of 5 runs: ${times.map((t) => Math.round(t)).join('/')} ms; ${ranked} counties ranked; data generation ${Math.round(genMs)} ms not counted`,
    },
  ];
}
