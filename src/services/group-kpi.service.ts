import type { ProjectRow } from '../db/schema.ts';
import {
  aggregateInvestment,
  computeKpisByGroupings,
  type GroupKpis,
  type KpiPeriod,
  type KpiProject,
} from '../domain/projects/kpi.ts';
import { LantuError } from '../errors.ts';
import type { ServiceContext } from './context.ts';
import { milestones, quarterPeriod } from './quarter.service.ts';

/** Groupings the quarter's ranking does not cover: industry chain (链长制) and liaison leader (一联五). */
export const GROUP_KPI_BY = ['chain', 'leader'] as const;
export type GroupKpiBy = (typeof GROUP_KPI_BY)[number];

export interface GroupKpiReply {
  year: number;
  quarter: number;
  by: GroupKpiBy;
  period: KpiPeriod;
  groups: GroupKpis[];
  /** Projects with no chain (or no liaison leader): counted in no group. */
  ungrouped: number;
}

/**
 * KPIs per industry chain or per liaison leader for the year to the quarter's end, with the same
 * definitions (the pure computeKpis) as the county and zone ranking. A project with several liaison
 * leaders counts for each of them; a leader's figures are those of the projects the leader follows.
 * Not scored or ranked: rubrics rank counties and zones; chains and leaders are compared, not scored.
 */
export class GroupKpiService {
  constructor(private readonly ctx: ServiceContext) {}

  async kpis(year: number, quarter: number, by: string): Promise<GroupKpiReply> {
    if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
      throw new LantuError('VALIDATION_FAILED', {
        zh: `季度“${quarter}”无效`,
        en: `quarter "${quarter}" is not valid`,
      });
    }
    if (!(GROUP_KPI_BY as readonly string[]).includes(by)) {
      throw new LantuError('VALIDATION_FAILED', {
        zh: `分组“${by}”无效，可选：chain（产业链）、leader（包联领导）`,
        en: `grouping "${by}" is not valid; use chain or leader`,
      });
    }
    const grouping = by as GroupKpiBy;
    const period = quarterPeriod(year, quarter);
    const projects = await this.ctx.repos.projects.all();
    const figures = await this.ctx.repos.investments.figuresForYear(period.year);
    const planned = new Map<number, number>();
    for (const f of figures) planned.set(f.projectId, (planned.get(f.projectId) ?? 0) + f.planned);
    const ytd = aggregateInvestment(
      figures.map((f) => ({ projectId: String(f.projectId), year: period.year, month: f.month, amount: f.completed })),
      period.year,
      period.throughMonth,
    );
    const rows: KpiProject[] = [];
    let ungrouped = 0;
    for (const p of projects) {
      const keys = grouping === 'chain' ? (p.chain ? [p.chain] : []) : (p.liaisonLeaders ?? []);
      if (keys.length === 0) ungrouped++;
      for (const key of keys) rows.push(kpiProject(p, planned.get(p.id) ?? 0, grouping, key));
    }
    const groups = computeKpisByGroupings(rows, ytd, period, [grouping])[grouping] ?? [];
    return { year, quarter, by: grouping, period, groups, ungrouped };
  }
}

function kpiProject(p: ProjectRow, plannedAnnualInvestment: number, by: GroupKpiBy, key: string): KpiProject {
  return {
    id: String(p.id),
    county: p.regionCode ?? '',
    zone: p.zone,
    chain: by === 'chain' ? key : p.chain,
    leader: by === 'leader' ? key : null,
    milestones: milestones(p),
    planned: { started: p.plannedStartOn, in_production: p.plannedProductionOn, at_capacity: p.plannedCapacityOn },
    plannedAnnualInvestment,
  };
}
