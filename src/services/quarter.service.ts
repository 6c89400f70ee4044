import type { RankingGroupRow } from '../db/repositories/quarter.repository.ts';
import type { ProjectRow } from '../db/schema.ts';
import {
  aggregateInvestment,
  COMPUTED_INPUTS,
  isKpiKey,
  KPI_KEYS,
  type KpiKey,
  type KpiLine,
  type KpiPeriod,
  type KpiProject,
  kpiBreakdown,
  type RegionInput,
  type RegionScore,
  type Rubric,
  rankWithPrevious,
  scoreRegions,
  type TourResult,
} from '../domain/projects/index.ts';
import { type LeaderChanges, leaderChanges } from '../domain/projects/leader-changes.ts';
import { LantuError } from '../errors.ts';
import type { Repositories, ServiceContext } from './context.ts';
import { RubricService } from './rubric.service.ts';
import { TourScoreService } from './tour-score.service.ts';

export type RankBy = 'county' | 'zone';

export interface RankingEntry {
  region: { code: string; name: string };
  score: number;
  rank: number;
  previousRank: number | null;
  change: number | null;
  vetoed: boolean;
  /** Why it was vetoed (一票否决：…), from the matters recorded against it; empty when not vetoed. */
  vetoes: Array<{ code: string; zh: string; en: string }>;
  projectCount: number;
  overdueProblems: number;
  kpis: {
    landingRate: number | null;
    startRate: number | null;
    investmentCompletionRate: number | null;
    productionRate: number | null;
    capacityRate: number | null;
  };
  items: RegionScore['items'];
  deductions: RegionScore['deductions'];
  /** The inspection tour behind the `tourScore` item: judges, dropped marks, trimmed mean; null without scores. */
  tour: TourResult | null;
}

export interface Ranking {
  year: number;
  quarter: number;
  by: RankBy;
  period: KpiPeriod;
  /** The rubric the quarter was scored with; `bound` false while no score fixed it (current rubric, provisional). */
  rubric: { id: string; version: number; name: { zh: string; en: string }; bound: boolean };
  state: 'open' | 'closed';
  /** Whether any judge scored this quarter's tour for this grouping (else the tour item is 0 for all). */
  tourScores: boolean;
  entries: RankingEntry[];
}

/** One project behind a KPI figure of the ranking (kpiBreakdown's line, with the project's name and place). */
export interface KpiProjectLine extends Omit<KpiLine, 'id'> {
  id: number;
  name: string;
  library: ProjectRow['library'];
  region: { code: string; name: string } | null;
  zone: string | null;
}

/** The projects behind one KPI of one county or zone in a quarter's ranking. */
export interface KpiProjects {
  year: number;
  quarter: number;
  by: RankBy;
  period: KpiPeriod;
  kpi: KpiKey;
  region: { code: string; name: string };
  numerator: number;
  denominator: number;
  rate: number | null;
  projects: KpiProjectLine[];
}

const KPI_NAMES: Record<KpiKey, string> = {
  landingRate: '签约落地率',
  startRate: '开工率',
  investmentCompletionRate: '投资完成率',
  productionRate: '投产率',
  capacityRate: '达产率',
};

export interface BoundRubric {
  rubric: Rubric;
  bound: boolean;
  state: 'open' | 'closed';
}

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];

export function quarterPeriod(year: number, quarter: number): KpiPeriod {
  return { from: `${year}-01-01`, to: `${year}-${QUARTER_END[quarter - 1]}`, year, throughMonth: quarter * 3 };
}

export function previousQuarter(year: number, quarter: number): { year: number; quarter: number } {
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}

/**
 * The quarter's assessment (五个一 考核): KPIs per county or development zone for the year to the
 * quarter's end, plus the inspection-tour score, scored with the quarter's rubric and ranked beside
 * the previous quarter's rank (Q1 compares with Q4 of the year before). A project's planned annual
 * investment is the sum of its monthly planned figures for the year; completed investment counts
 * through the quarter's last month — both summed in SQL (QuarterRepository.rankingProjects), so the
 * ranking reads one row per project whatever the number of monthly reports.
 * City-level projects (the city's own code) count in no county; projects outside a zone in no zone.
 * Every county of the city is ranked, with null KPIs (0 points) where it has nothing in the period.
 *
 * Rubric: a quarter is bound to the current rubric version when it is first scored (a tour score is
 * entered, or the quarter is closed) and keeps that version; an unbound quarter is shown with the
 * current rubric and says `bound: false`. Each quarter (the previous one too) is scored with its own.
 * Tour: the `tourScore` input is the trimmed mean of the judges' totals as a percentage of the sheet
 * maximum; a region nobody scored has no tour input ("no data, 0 points"), and `tourScores` says
 * whether anyone scored at all, so a bulletin can print "观摩评分暂缺".
 * Passing a rubric to the constructor scores every quarter with it instead (benchmarks, what-ifs).
 */
export class QuarterService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly rubricOverride?: Rubric,
  ) {}

  /** The city whose counties are ranked: given, or the region of the most recent plan. */
  async city(code?: string): Promise<{ code: string; name: string }> {
    if (code) {
      const r = await this.ctx.repos.regions.get(code);
      if (!r) throw new LantuError('REGION_NOT_FOUND', { zh: code, en: code });
      return { code: r.code, name: r.name };
    }
    const [plan] = await this.ctx.repos.plans.list();
    if (!plan) throw new LantuError('NOT_FOUND', { zh: '没有规划，无法确定城市', en: 'no plan, so no city to rank' });
    return { code: plan.regionCode, name: plan.regionName };
  }

  /** The rubric a quarter is scored with: its bound version, else the current one (not yet bound). */
  async rubricOf(year: number, quarter: number, repos: Repositories = this.ctx.repos): Promise<BoundRubric> {
    checkQuarter(quarter);
    const q = await repos.quarters.get(year, quarter);
    if (this.rubricOverride) return { rubric: this.rubricOverride, bound: false, state: q?.state ?? 'open' };
    const rubrics = new RubricService(this.ctx);
    if (q) return { rubric: await rubrics.get(q.rubricKey, q.rubricVersion, repos), bound: true, state: q.state };
    return { rubric: await rubrics.current(repos), bound: false, state: 'open' };
  }

  /** Binds the quarter to the current rubric if it is not bound yet (first scoring); returns its binding. */
  async bindQuarter(year: number, quarter: number, repos: Repositories = this.ctx.repos): Promise<BoundRubric> {
    checkQuarter(quarter);
    const existing = await repos.quarters.get(year, quarter);
    if (!existing) {
      const rubrics = new RubricService(this.ctx);
      await rubrics.ensureSeeded(repos);
      const current = await rubrics.current(repos);
      await repos.quarters.bind(year, quarter, current.id, current.version);
    }
    return this.rubricOf(year, quarter, repos);
  }

  /** 考核结束: binds (if needed) and closes the quarter; its tour scores are frozen from then on. */
  async close(year: number, quarter: number, actor: string): Promise<BoundRubric> {
    return this.ctx.transaction(async (repos) => {
      await this.bindQuarter(year, quarter, repos);
      const q = (await repos.quarters.get(year, quarter))!;
      if (q.state !== 'closed') {
        await repos.quarters.setState(q.id, 'closed');
        await repos.audit.record({
          actor,
          action: 'quarter.close',
          entity: 'quarter',
          entityId: `${year}Q${quarter}`,
          after: { rubric: `${q.rubricKey}@${q.rubricVersion}` },
        });
      }
      return this.rubricOf(year, quarter, repos);
    });
  }

  /** The latest quarter with any monthly investment report (the demo's is 2024 Q4); else the clock's. */
  async latest(): Promise<{ year: number; quarter: number }> {
    const m = await this.ctx.repos.quarters.latestMonth();
    const [y, mo] = m ? [m.year, m.month] : [new Date().getUTCFullYear(), new Date().getUTCMonth() + 1];
    return { year: y, quarter: Math.ceil(mo / 3) };
  }

  /**
   * 一联五: a leader's projects and what changed in the quarter against the previous one — library
   * moves, problems raised and closed, investment completed (leaderChanges in the domain).
   */
  async leaderQuarter(
    name: string,
    year: number,
    quarter: number,
  ): Promise<{
    leader: string;
    year: number;
    quarter: number;
    period: { from: string; to: string };
    previous: { year: number; quarter: number; from: string; to: string };
    projects: Array<{ id: number; name: string; library: string; region: string | null }>;
    changes: LeaderChanges;
  }> {
    checkQuarter(quarter);
    const repos = this.ctx.repos;
    const projects = await repos.projects.all({ leader: name });
    if (projects.length === 0) {
      throw new LantuError('NOT_FOUND', { zh: `没有“${name}”包联的项目`, en: `no project liaised by "${name}"` });
    }
    const prev = previousQuarter(year, quarter);
    const span = quarterSpan(year, quarter);
    const prevSpan = quarterSpan(prev.year, prev.quarter);
    const ids = projects.map((p) => p.id);
    const problems = await repos.problems.list({ projectIds: ids });
    const years = [...new Set([year, prev.year])];
    const investments = (await Promise.all(years.map((y) => repos.investments.listForYear(y, 12, ids)))).flat();
    const changes = leaderChanges(
      projects.map((p) => ({ id: p.id, name: p.name, milestones: milestones(p) })),
      problems.map((p) => ({
        id: p.id,
        projectId: p.projectId,
        title: p.title,
        raisedOn: p.raisedOn,
        closedOn: p.closedOn,
      })),
      investments.map((r) => ({ projectId: r.projectId, year: r.year, month: r.month, completed: r.completed })),
      span,
      prevSpan,
    );
    return {
      leader: name,
      year,
      quarter,
      period: span,
      previous: { ...prev, ...prevSpan },
      projects: projects.map((p) => ({ id: p.id, name: p.name, library: p.library, region: p.regionCode })),
      changes,
    };
  }

  /**
   * The projects behind one KPI cell of the ranking: the county's (or zone's) projects in the KPI's
   * denominator, each marked whether it counts in the numerator, with the dates or investment the
   * definition looked at. The figure comes from the pure kpiBreakdown (computeKpis) over the group's
   * projects, which the SQL of the ranking is tested to agree with. `region` is a county code of the
   * city (by county) or a zone's name (by zone).
   */
  async kpiProjects(
    year: number,
    quarter: number,
    by: RankBy,
    region: string,
    kpi: string,
    cityCode?: string,
  ): Promise<KpiProjects> {
    checkQuarter(quarter);
    if (!isKpiKey(kpi)) {
      const known = KPI_KEYS.map((k) => `${KPI_NAMES[k]} ${k}`);
      throw new LantuError('VALIDATION_FAILED', {
        zh: `没有“${kpi}”这项考核指标，可选：${known.join('、')}`,
        en: `"${kpi}" is not a KPI; use one of ${KPI_KEYS.join(', ')}`,
      });
    }
    const city = await this.city(cityCode);
    const repos = this.ctx.repos;
    const counties = await repos.regions.list({ parentCode: city.code });
    const names = new Map<string, string>([[city.code, city.name], ...counties.map((c) => [c.code, c.name] as const)]);
    let group: { code: string; name: string };
    let rows: ProjectRow[];
    if (by === 'county') {
      const county = counties.find((c) => c.code === region);
      if (!county) {
        throw new LantuError('REGION_NOT_FOUND', {
          zh: `“${region}”不是${city.name}的县（市、区）`,
          en: `"${region}" is not a county of ${city.name}`,
        });
      }
      group = { code: county.code, name: county.name };
      rows = (await repos.projects.all({ regionCode: county.code })).filter((p) => p.regionCode === county.code);
    } else {
      const zones = await repos.quarters.zones(city.code);
      if (!zones.includes(region)) {
        throw new LantuError('NOT_FOUND', {
          zh: `${city.name}的项目中没有“${region}”这个开发区`,
          en: `no project of ${city.name} is in a development zone called "${region}"`,
        });
      }
      group = { code: region, name: region };
      rows = await repos.projects.all({ regionCode: city.code, zone: region });
    }
    const period = quarterPeriod(year, quarter);
    const ids = rows.map((p) => p.id);
    const months = await repos.investments.listForYear(period.year, 12, ids);
    const planned = new Map<number, number>();
    for (const m of months) planned.set(m.projectId, (planned.get(m.projectId) ?? 0) + m.planned);
    const ytd = aggregateInvestment(
      months.map((m) => ({ projectId: String(m.projectId), year: m.year, month: m.month, amount: m.completed })),
      period.year,
      period.throughMonth,
    );
    const kpiProjects: KpiProject[] = rows.map((p) => ({
      id: String(p.id),
      county: p.regionCode ?? '',
      zone: p.zone,
      milestones: milestones(p),
      planned: { started: p.plannedStartOn, in_production: p.plannedProductionOn, at_capacity: p.plannedCapacityOn },
      plannedAnnualInvestment: planned.get(p.id) ?? 0,
    }));
    const b = kpiBreakdown(kpiProjects, ytd, period, kpi);
    const byId = new Map(rows.map((p) => [String(p.id), p]));
    return {
      year,
      quarter,
      by,
      period,
      kpi,
      region: group,
      numerator: b.ratio.numerator,
      denominator: b.ratio.denominator,
      rate: b.ratio.rate,
      projects: b.lines.map((l) => {
        const p = byId.get(l.id)!;
        return {
          ...l,
          id: p.id,
          name: p.name,
          library: p.library,
          region: p.regionCode ? { code: p.regionCode, name: names.get(p.regionCode) ?? p.regionCode } : null,
          zone: p.zone,
        };
      }),
    };
  }

  async ranking(year: number, quarter: number, by: RankBy, cityCode?: string): Promise<Ranking> {
    checkQuarter(quarter);
    const city = await this.city(cityCode);
    const prev = previousQuarter(year, quarter);
    const period = quarterPeriod(year, quarter);
    const prevPeriod = quarterPeriod(prev.year, prev.quarter);
    const repos = this.ctx.repos;
    const tours = new TourScoreService(this.ctx);
    const [counties, [groups, prevGroups], bound, prevBound] = await Promise.all([
      repos.regions.list({ parentCode: city.code }),
      repos.quarters.rankingGroups(city.code, by, [period, prevPeriod]),
      this.rubricOf(year, quarter),
      this.rubricOf(prev.year, prev.quarter),
    ]);
    const [tour, prevTour, penalties, prevPenalties] = await Promise.all([
      tours.results(year, quarter, by, bound.rubric),
      tours.results(prev.year, prev.quarter, by, prevBound.rubric),
      penaltyCounts(repos, year, quarter, by),
      penaltyCounts(repos, prev.year, prev.quarter, by),
    ]);
    const names = new Map<string, string>();
    if (by === 'county') for (const c of counties) names.set(c.code, c.name);
    const current = score(bound.rubric, period, by, groups!, names, tour, penalties);
    const previous = score(prevBound.rubric, prevPeriod, by, prevGroups!, names, prevTour, prevPenalties);
    const moves = new Map(
      rankWithPrevious(
        current.scores.map((s) => ({ regionId: s.regionId, rank: s.rank })),
        previous.scores.map((s) => ({ regionId: s.regionId, rank: s.rank })),
      ).map((r) => [r.regionId, r]),
    );
    const entries = current.scores.map((s): RankingEntry => {
      const g = current.groups.get(s.regionId);
      const move = moves.get(s.regionId);
      return {
        region: { code: s.regionId, name: current.names.get(s.regionId) ?? s.regionId },
        score: s.score,
        rank: s.rank,
        previousRank: move?.previousRank ?? null,
        change: move?.change ?? null,
        vetoed: s.vetoed,
        vetoes: s.vetoes,
        projectCount: g?.projectCount ?? 0,
        overdueProblems: g?.overdueProblems ?? 0,
        kpis: kpisOf(g),
        items: s.items,
        deductions: s.deductions,
        tour: tour.get(s.regionId) ?? null,
      };
    });
    return {
      year,
      quarter,
      by,
      period,
      rubric: { id: bound.rubric.id, version: bound.rubric.version, name: bound.rubric.name, bound: bound.bound },
      state: bound.state,
      tourScores: [...tour.values()].some((t) => t.score !== null),
      entries,
    };
  }
}

/** 考核已结束: what a write to a closed quarter (tour scores, penalties) is refused with. */
export function quarterClosed(year: number, quarter: number): LantuError {
  return new LantuError('QUARTER_CLOSED', {
    zh: `${year}年第${quarter}季度已结束考核`,
    en: `${year} Q${quarter} is closed`,
  });
}

function checkQuarter(quarter: number): void {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
    throw new LantuError('VALIDATION_FAILED', { zh: `季度${quarter}无效`, en: `quarter ${quarter} is not valid` });
  }
}

const rate = (c: { numerator: number; denominator: number }) =>
  c.denominator > 0 ? c.numerator / c.denominator : null;

/** The KPI rates of a group (null: nothing to measure, which is not 0 %), as computeKpis defines them. */
function kpisOf(g: RankingGroupRow | undefined): RankingEntry['kpis'] {
  return {
    landingRate: g ? rate(g.landing) : null,
    startRate: g ? rate(g.start) : null,
    investmentCompletionRate: g ? rate(g.investment) : null,
    productionRate: g ? rate(g.production) : null,
    capacityRate: g ? rate(g.capacity) : null,
  };
}

/** KPIs, tour and overdue problems of one quarter, scored with that quarter's rubric. */
function score(
  rubric: Rubric,
  period: KpiPeriod,
  by: RankBy,
  rows: RankingGroupRow[],
  countyNames: Map<string, string>,
  tour: Map<string, TourResult>,
  penalties: Map<string, Record<string, number>>,
) {
  const groups = new Map(rows.map((g) => [g.group, g]));
  const names = new Map(countyNames);
  if (by === 'zone') for (const g of rows) names.set(g.group, g.group);
  const inputs: RegionInput[] = [...names.keys()].map((id) => {
    const k = kpisOf(groups.get(id));
    return {
      regionId: id,
      values: {
        landingRate: k.landingRate,
        startRate: k.startRate,
        investmentCompletionRate: k.investmentCompletionRate,
        productionRate: k.productionRate,
        timeProgress: period.throughMonth / 12,
        tourScore: tour.get(id)?.score ?? null,
        capacityRate: k.capacityRate,
        overdueProblems: groups.get(id)?.overdueProblems ?? 0,
        // recorded matters feed only the inputs the assessment does not compute (penaltyKinds)
        ...withoutComputed(penalties.get(id)),
      },
    };
  });
  return { period, groups, names, scores: scoreRegions(rubric, inputs) };
}

/** Recorded deduction and veto matters of a quarter, counted per region and rubric input. */
async function penaltyCounts(
  repos: Repositories,
  year: number,
  quarter: number,
  by: RankBy,
): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  for (const p of await repos.penalties.list(year, quarter, by)) {
    const counts = out.get(p.groupKey) ?? {};
    counts[p.input] = (counts[p.input] ?? 0) + 1;
    out.set(p.groupKey, counts);
  }
  return out;
}

function withoutComputed(counts: Record<string, number> | undefined): Record<string, number> {
  return Object.fromEntries(Object.entries(counts ?? {}).filter(([k]) => !COMPUTED_INPUTS.includes(k)));
}

/** The quarter itself (its three months), not the year to date. */
function quarterSpan(year: number, quarter: number): { from: string; to: string } {
  const first = String((quarter - 1) * 3 + 1).padStart(2, '0');
  return { from: `${year}-${first}-01`, to: `${year}-${QUARTER_END[quarter - 1]}` };
}

/** A project row's reached milestones in the KPI domain's shape. */
export function milestones(
  p: Pick<ProjectRow, 'signedOn' | 'startedOn' | 'completedOn' | 'inProductionOn' | 'atCapacityOn'>,
): KpiProject['milestones'] {
  const m: KpiProject['milestones'] = {};
  if (p.signedOn) m.signed = p.signedOn;
  if (p.startedOn) m.started = p.startedOn;
  if (p.completedOn) m.completed = p.completedOn;
  if (p.inProductionOn) m.in_production = p.inProductionOn;
  if (p.atCapacityOn) m.at_capacity = p.atCapacityOn;
  return m;
}
