import type { Milestones } from './lifecycle.ts';
import type { IsoDate } from './messages.ts';

/**
 * Project KPIs per grouping. Every ratio keeps the ids behind its numerator and denominator so a
 * bulletin can answer "which projects?" for any figure it prints (provenance).
 *
 * Definitions (the period is [from, to], normally 1 January to the report date):
 * - landingRate 签约落地率: of the projects signed in the period, the share that have started by `to`;
 * - startRate 开工率: of the projects planned to start in the period, the share started by `to`;
 * - investmentCompletionRate 投资完成率: investment completed in the year through `throughMonth` ÷
 *   the planned annual investment (compare with time-proportional progress in warning.ts);
 * - productionRate 投产率: of the projects planned to go into production in the period, the share
 *   that have by `to`;
 * - capacityRate 达产率: of the projects planned to reach design capacity in the period, the share
 *   that have by `to`.
 */
export interface KpiProject {
  id: string;
  county: string;
  zone?: string | null;
  chain?: string | null;
  /** Liaison leader (一联五). */
  leader?: string | null;
  milestones: Milestones;
  planned: { started?: IsoDate | null; in_production?: IsoDate | null; at_capacity?: IsoDate | null };
  plannedAnnualInvestment: number;
}

export interface InvestmentRow {
  projectId: string;
  year: number;
  month: number;
  amount: number;
}

export interface KpiPeriod {
  from: IsoDate;
  to: IsoDate;
  year: number;
  /** Last month whose investment statistics count. */
  throughMonth: number;
}

export type Grouping = 'county' | 'zone' | 'chain' | 'leader';

export interface Ratio {
  numerator: number;
  denominator: number;
  /** null when the denominator is 0: "no planned starts" is not the same as 0 %. */
  rate: number | null;
  numeratorIds: string[];
  denominatorIds: string[];
}

export interface GroupKpis {
  group: string;
  projectCount: number;
  landingRate: Ratio;
  startRate: Ratio;
  investmentCompletionRate: Ratio;
  productionRate: Ratio;
  capacityRate: Ratio;
}

/**
 * Sums the year-to-date investment per project; done once and shared by every grouping. Rows come
 * from the database ordered by project, so a running sum per run of equal ids saves most of the
 * map look-ups; any order still gives the right totals.
 */
export function aggregateInvestment(
  rows: Iterable<InvestmentRow>,
  year: number,
  throughMonth: number,
): Map<string, number> {
  const out = new Map<string, number>();
  let id: string | null = null;
  let sum = 0;
  for (const r of rows) {
    if (r.year !== year || r.month > throughMonth || r.month < 1) continue;
    if (r.projectId !== id) {
      if (id !== null) out.set(id, (out.get(id) ?? 0) + sum);
      id = r.projectId;
      sum = 0;
    }
    sum += r.amount;
  }
  if (id !== null) out.set(id, (out.get(id) ?? 0) + sum);
  return out;
}

export function computeKpis(
  projects: Iterable<KpiProject>,
  ytdInvestment: ReadonlyMap<string, number>,
  period: KpiPeriod,
  groupBy: Grouping,
): GroupKpis[] {
  return computeKpisByGroupings(projects, ytdInvestment, period, [groupBy])[groupBy] ?? [];
}

/** Several groupings in one pass over the projects (the bulletin needs all four). */
export function computeKpisByGroupings(
  projects: Iterable<KpiProject>,
  ytdInvestment: ReadonlyMap<string, number>,
  period: KpiPeriod,
  groupings: readonly Grouping[],
): Partial<Record<Grouping, GroupKpis[]>> {
  const maps = groupings.map(() => new Map<string, GroupKpis>());
  for (const p of projects) {
    const ytd = ytdInvestment.get(p.id) ?? 0;
    for (let i = 0; i < groupings.length; i++) {
      const key = p[groupings[i]!];
      if (key == null || key === '') continue; // e.g. projects outside any development zone
      const groups = maps[i]!;
      let g = groups.get(key);
      if (!g) {
        g = emptyGroup(key);
        groups.set(key, g);
      }
      addProject(g, p, ytd, period);
    }
  }
  const out: Partial<Record<Grouping, GroupKpis[]>> = {};
  groupings.forEach((grouping, i) => {
    const list = [...maps[i]!.values()].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
    for (const g of list) finish(g);
    out[grouping] = list;
  });
  return out;
}

function addProject(g: GroupKpis, p: KpiProject, ytd: number, period: KpiPeriod): void {
  g.projectCount++;
  const m = p.milestones;
  const { from, to } = period;
  if (within(m.signed, from, to)) count(g.landingRate, p.id, reached(m.started, to));
  if (within(p.planned.started, from, to)) count(g.startRate, p.id, reached(m.started, to));
  if (within(p.planned.in_production, from, to)) count(g.productionRate, p.id, reached(m.in_production, to));
  if (within(p.planned.at_capacity, from, to)) count(g.capacityRate, p.id, reached(m.at_capacity, to));
  const inv = g.investmentCompletionRate;
  if (p.plannedAnnualInvestment > 0) {
    inv.denominator += p.plannedAnnualInvestment;
    inv.denominatorIds.push(p.id);
  }
  if (ytd !== 0) {
    inv.numerator += ytd;
    inv.numeratorIds.push(p.id);
  }
}

function within(d: IsoDate | null | undefined, from: IsoDate, to: IsoDate): boolean {
  return d != null && d >= from && d <= to;
}

function reached(d: IsoDate | undefined, to: IsoDate): boolean {
  return d != null && d <= to;
}

function count(r: Ratio, id: string, hit: boolean): void {
  r.denominator++;
  r.denominatorIds.push(id);
  if (hit) {
    r.numerator++;
    r.numeratorIds.push(id);
  }
}

function ratio(): Ratio {
  return { numerator: 0, denominator: 0, rate: null, numeratorIds: [], denominatorIds: [] };
}

function emptyGroup(group: string): GroupKpis {
  return {
    group,
    projectCount: 0,
    landingRate: ratio(),
    startRate: ratio(),
    investmentCompletionRate: ratio(),
    productionRate: ratio(),
    capacityRate: ratio(),
  };
}

function finish(g: GroupKpis): void {
  for (const r of [g.landingRate, g.startRate, g.investmentCompletionRate, g.productionRate, g.capacityRate]) {
    r.rate = r.denominator > 0 ? r.numerator / r.denominator : null;
  }
}

/** The five KPIs by the keys of {@link GroupKpis}. */
export const KPI_KEYS = [
  'landingRate',
  'startRate',
  'investmentCompletionRate',
  'productionRate',
  'capacityRate',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export function isKpiKey(s: string): s is KpiKey {
  return (KPI_KEYS as readonly string[]).includes(s);
}

/** One project behind a KPI figure: whether it is in the denominator, in the numerator, and why. */
export interface KpiLine {
  id: string;
  /** In the denominator (investment: it has a planned annual investment). */
  inDenominator: boolean;
  /** In the numerator (investment: it completed some investment in the year through `throughMonth`). */
  counted: boolean;
  /**
   * Date KPIs: the date that puts the project in the denominator (signed for the landing rate, else the
   * planned start, production or capacity date); null for investment.
   */
  basis: IsoDate | null;
  /** Date KPIs: the milestone the project is judged on (started, in production, at capacity), even if after `to`. */
  reached: IsoDate | null;
  /** Investment: planned annual investment and completed year to date (万元); null for date KPIs. */
  planned: number | null;
  completed: number | null;
}

export interface KpiBreakdown {
  kpi: KpiKey;
  ratio: Ratio;
  /** Denominator projects first (in the given order), then any counted only in the numerator (investment). */
  lines: KpiLine[];
}

const KPI_DATES: Record<
  Exclude<KpiKey, 'investmentCompletionRate'>,
  (p: KpiProject) => [IsoDate | null | undefined, IsoDate | null | undefined]
> = {
  landingRate: (p) => [p.milestones.signed, p.milestones.started],
  startRate: (p) => [p.planned.started, p.milestones.started],
  productionRate: (p) => [p.planned.in_production, p.milestones.in_production],
  capacityRate: (p) => [p.planned.at_capacity, p.milestones.at_capacity],
};

/**
 * The projects behind one KPI of one county or zone: `projects` are that group's projects (all of
 * them; the function picks those the KPI counts). The figure is computed by {@link computeKpis}
 * itself over the group, so the breakdown's numerator and denominator are the ranking's by
 * construction; each line then carries the figures the definition looked at.
 */
export function kpiBreakdown(
  projects: Iterable<KpiProject>,
  ytdInvestment: ReadonlyMap<string, number>,
  period: KpiPeriod,
  kpi: KpiKey,
): KpiBreakdown {
  const list = [...projects];
  const [group] = computeKpis(
    list.map((p) => ({ ...p, county: 'group' })),
    ytdInvestment,
    period,
    'county',
  );
  const ratio: Ratio = group
    ? group[kpi]
    : { numerator: 0, denominator: 0, rate: null, numeratorIds: [], denominatorIds: [] };
  const inDen = new Set(ratio.denominatorIds);
  const inNum = new Set(ratio.numeratorIds);
  const lines: KpiLine[] = [];
  const line = (p: KpiProject): KpiLine => {
    const base = { id: p.id, inDenominator: inDen.has(p.id), counted: inNum.has(p.id) };
    if (kpi === 'investmentCompletionRate') {
      return {
        ...base,
        basis: null,
        reached: null,
        planned: p.plannedAnnualInvestment,
        completed: ytdInvestment.get(p.id) ?? 0,
      };
    }
    const [basis, reached] = KPI_DATES[kpi](p);
    return { ...base, basis: basis ?? null, reached: reached ?? null, planned: null, completed: null };
  };
  for (const p of list) if (inDen.has(p.id)) lines.push(line(p));
  for (const p of list) if (inNum.has(p.id) && !inDen.has(p.id)) lines.push(line(p));
  return { kpi, ratio, lines };
}
