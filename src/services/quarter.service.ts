import type { ProjectRow } from '../db/schema.ts';
import {
  aggregateInvestment,
  computeKpisByGroupings,
  DEFAULT_RUBRIC,
  type GroupKpis,
  type KpiPeriod,
  type KpiProject,
  problemStatus,
  type RegionInput,
  type RegionScore,
  type Rubric,
  rankWithPrevious,
  scoreRegions,
} from '../domain/projects/index.ts';
import { LantuError } from '../errors.ts';
import type { ServiceContext } from './context.ts';
import { milestonesOf } from './project.service.ts';

export type RankBy = 'county' | 'zone';
type YearFigures = Array<{ projectId: number; month: number; planned: number; completed: number }>;

export interface RankingEntry {
  region: { code: string; name: string };
  score: number;
  rank: number;
  previousRank: number | null;
  change: number | null;
  vetoed: boolean;
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
}

export interface Ranking {
  year: number;
  quarter: number;
  by: RankBy;
  period: KpiPeriod;
  rubric: { id: string; version: number };
  /** Whether inspection-tour scores were available (they are not stored yet: see the class comment). */
  tourScores: boolean;
  entries: RankingEntry[];
}

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];

export function quarterPeriod(year: number, quarter: number): KpiPeriod {
  return { from: `${year}-01-01`, to: `${year}-${QUARTER_END[quarter - 1]}`, year, throughMonth: quarter * 3 };
}

/**
 * The quarter's assessment (五个一 考核): KPIs per county or development zone for the year to the
 * quarter's end, scored with the rubric and ranked, beside the previous quarter's rank (Q1 compares
 * with Q4 of the year before). A project's planned annual investment is the sum of its monthly
 * planned figures for the year; completed investment counts through the quarter's last month.
 * City-level projects (the city's own code) count in no county; projects outside a zone in no zone.
 * Every county of the city is ranked, with null KPIs (0 points) where it has nothing in the period.
 *
 * Tour scores (观摩评分) are not stored in this first version. Decision: the rubric's tour item is
 * kept and scores 0 for every region (input absent → "no data, 0 points"), so the ranking is decided
 * by the measured items alone and the rubric's weights stay those of the published version; the
 * reply says `tourScores: false` so a bulletin can print "观摩评分暂缺".
 */
export class QuarterService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly rubric: Rubric = DEFAULT_RUBRIC,
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

  async ranking(year: number, quarter: number, by: RankBy, cityCode?: string): Promise<Ranking> {
    if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
      throw new LantuError('VALIDATION_FAILED', { zh: `季度${quarter}无效`, en: `quarter ${quarter} is not valid` });
    }
    const city = await this.city(cityCode);
    const counties = await this.ctx.repos.regions.list({ parentCode: city.code });
    const projects = await this.ctx.repos.projects.all({ regionCode: city.code });
    const ids = new Set(projects.map((p) => p.id));
    const problems = (await this.ctx.repos.problems.list()).filter((p) => ids.has(p.projectId));
    const prev = quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
    // one read of a year's months serves both quarters when they share the year
    const years = new Map<number, Promise<YearFigures>>();
    const months = (y: number) => {
      let m = years.get(y);
      if (!m) {
        m = this.ctx.repos.investments.figuresForYear(y);
        years.set(y, m);
      }
      return m;
    };
    const current = await this.score(year, quarter, by, projects, problems, counties, await months(year));
    const previous = await this.score(
      prev.year,
      prev.quarter,
      by,
      projects,
      problems,
      counties,
      await months(prev.year),
    );
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
        projectCount: g?.projectCount ?? 0,
        overdueProblems: current.overdue.get(s.regionId) ?? 0,
        kpis: {
          landingRate: g?.landingRate.rate ?? null,
          startRate: g?.startRate.rate ?? null,
          investmentCompletionRate: g?.investmentCompletionRate.rate ?? null,
          productionRate: g?.productionRate.rate ?? null,
          capacityRate: g?.capacityRate.rate ?? null,
        },
        items: s.items,
        deductions: s.deductions,
      };
    });
    return {
      year,
      quarter,
      by,
      period: current.period,
      rubric: { id: this.rubric.id, version: this.rubric.version },
      tourScores: false,
      entries,
    };
  }

  private score(
    year: number,
    quarter: number,
    by: RankBy,
    projects: ProjectRow[],
    problems: Awaited<ReturnType<ServiceContext['repos']['problems']['list']>>,
    counties: Array<{ code: string; name: string }>,
    months: YearFigures,
  ) {
    const period = quarterPeriod(year, quarter);
    const plannedAnnual = new Map<number, number>();
    for (const m of months) plannedAnnual.set(m.projectId, (plannedAnnual.get(m.projectId) ?? 0) + m.planned);
    const ytd = aggregateInvestment(
      months.map((m) => ({ projectId: String(m.projectId), year, month: m.month, amount: m.completed })),
      year,
      period.throughMonth,
    );
    const kpiProjects: KpiProject[] = projects.map((p) => ({
      id: String(p.id),
      county: p.regionCode ?? '',
      zone: p.zone,
      milestones: milestonesOf(p),
      planned: {
        started: p.plannedStartOn,
        in_production: p.plannedProductionOn,
        at_capacity: p.plannedCapacityOn,
      },
      plannedAnnualInvestment: plannedAnnual.get(p.id) ?? 0,
    }));
    const kpis = computeKpisByGroupings(kpiProjects, ytd, period, [by])[by] ?? [];
    const groups = new Map<string, GroupKpis>(kpis.map((g) => [g.group, g]));
    const names = new Map<string, string>();
    if (by === 'county') for (const c of counties) names.set(c.code, c.name);
    else for (const g of kpis) names.set(g.group, g.group);

    // open problems past their deadline at the quarter's end, per group
    const groupOf = new Map(projects.map((p) => [p.id, by === 'county' ? p.regionCode : p.zone]));
    const overdue = new Map<string, number>();
    for (const pr of problems) {
      if (!pr.deadline || pr.raisedOn > period.to) continue;
      const s = problemStatus(
        { id: String(pr.id), projectId: String(pr.projectId), deadline: pr.deadline, closedOn: pr.closedOn },
        period.to,
      );
      const key = groupOf.get(pr.projectId);
      if (s.overdue && key) overdue.set(key, (overdue.get(key) ?? 0) + 1);
    }

    const inputs: RegionInput[] = [...names.keys()].map((id) => {
      const g = groups.get(id);
      return {
        regionId: id,
        values: {
          landingRate: g?.landingRate.rate ?? null,
          startRate: g?.startRate.rate ?? null,
          investmentCompletionRate: g?.investmentCompletionRate.rate ?? null,
          productionRate: g?.productionRate.rate ?? null,
          timeProgress: period.throughMonth / 12,
          tourScore: null,
          overdueProblems: overdue.get(id) ?? 0,
        },
      };
    });
    return { period, groups, names, overdue, scores: scoreRegions(this.rubric, inputs) };
  }
}
