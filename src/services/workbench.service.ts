import type { ScheduledEvent } from '../domain/projects/cadence.ts';
import type { EscalationLevel } from '../domain/projects/problems.ts';
import { CadenceService } from './cadence.service.ts';
import type { ServiceContext } from './context.ts';
import { EvaluationService } from './evaluation.service.ts';
import { type Clock, isoToday, ProjectService } from './project.service.ts';
import { ProjectProblemService } from './project-problem.service.ts';
import { QuarterService } from './quarter.service.ts';

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];
/** The statuses a planning office follows up, worst first. */
const ATTENTION = ['failed', 'warning', 'seriously_behind', 'behind'] as const;

export interface Workbench {
  /** The day lights and overdue problems are judged on: today, or the end of the data when that is earlier. */
  asOf: string;
  dataEnd: string;
  plan: { id: number; title: string; period: string } | null;
  indicators: {
    counts: Record<string, number>;
    attention: Array<{ id: number; name: string; status: string; leadUnit: string | null; zh: string; en: string }>;
  } | null;
  review: { submitted: number; returned: number } | null;
  projects: { red: number; yellow: number; total: number };
  problems: Record<EscalationLevel, number> & { total: number };
  quarter: { year: number; quarter: number; due: ScheduledEvent[] };
}

/**
 * 工作台: what needs the office's attention now, each figure from the service that owns it — indicators
 * failing or behind at the latest year with data, values waiting for review, red and yellow projects,
 * overdue problems by escalation level, and the events of the latest quarter not yet done.
 */
export class WorkbenchService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly clock: Clock = () => new Date(),
  ) {}

  async summary(): Promise<Workbench> {
    const quarters = new QuarterService(this.ctx);
    const latest = await quarters.latest();
    const dataEnd = `${latest.year}-${QUARTER_END[latest.quarter - 1]}`;
    const today = isoToday(this.clock);
    const asOf = today < dataEnd ? today : dataEnd;
    const [plan] = await this.ctx.repos.plans.list();
    const [indicators, review, red, yellow, all, overdue, schedule] = await Promise.all([
      plan ? this.indicators(plan.id, String(Math.min(plan.periodEnd, latest.year))) : null,
      plan ? this.review(plan.id) : null,
      new ProjectService(this.ctx, this.clock).list({ light: 'red' }, 1, 1, { asOf }),
      new ProjectService(this.ctx, this.clock).list({ light: 'yellow' }, 1, 1, { asOf }),
      new ProjectService(this.ctx, this.clock).list({}, 1, 1, { asOf }),
      new ProjectProblemService(this.ctx, this.clock).overdue({ asOf }),
      new CadenceService(this.ctx).schedule(latest.year, latest.quarter),
    ]);
    const levels = { county: 0, city: 0, leader: 0 };
    for (const i of overdue.items) levels[i.status.level] += 1;
    return {
      asOf,
      dataEnd,
      plan: plan ? { id: plan.id, title: plan.title, period: String(Math.min(plan.periodEnd, latest.year)) } : null,
      indicators,
      review,
      projects: { red: red.total, yellow: yellow.total, total: all.total },
      problems: { ...levels, total: overdue.items.length },
      quarter: { ...latest, due: schedule.events.filter((e) => e.status !== 'done') },
    };
  }

  private async indicators(planId: number, period: string): Promise<Workbench['indicators']> {
    const list = await new EvaluationService(this.ctx).list(planId, period);
    const counts: Record<string, number> = {};
    for (const e of list.items) counts[e.result.status] = (counts[e.result.status] ?? 0) + 1;
    const rank = (s: string) => ATTENTION.indexOf(s as (typeof ATTENTION)[number]);
    const attention = list.items
      .filter((e) => rank(e.result.status) >= 0)
      .sort((a, b) => rank(a.result.status) - rank(b.result.status) || a.indicator.id - b.indicator.id)
      .slice(0, 8)
      .map((e) => ({
        id: e.indicator.id,
        name: e.indicator.name,
        status: e.result.status,
        leadUnit: e.indicator.leadUnit,
        zh: e.result.reason.zh,
        en: e.result.reason.en,
      }));
    return { counts, attention };
  }

  private async review(planId: number): Promise<Workbench['review']> {
    const [submitted, returned] = await Promise.all([
      this.ctx.repos.values.listByPlan(planId, { states: ['submitted'] }),
      this.ctx.repos.values.listByPlan(planId, { states: ['returned'] }),
    ]);
    return { submitted: submitted.length, returned: returned.length };
  }
}
