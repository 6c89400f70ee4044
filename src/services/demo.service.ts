import type { Target } from '../domain/evaluation/types.ts';
import { demoValues } from '../domain/indicators/demo-values.ts';
import type { ServiceContext } from './context.ts';
import { PlanService } from './plan.service.ts';
import { PlanReviewService } from './plan-review.service.ts';
import { ProjectDemo } from './project-demo.service.ts';

export interface DemoFiles {
  /** The demo plan file's bytes and name; read by the caller so this service stays free of paths. */
  plan: { bytes: Uint8Array; fileName: string };
}

export const DEMO_PLAN = { regionCode: '140800', periodStart: 2021, periodEnd: 2025 } as const;
/** Years with demo values: the plan's first four years, as a city would have them in 2025. */
export const DEMO_YEARS = [2021, 2022, 2023, 2024];
export const DEMO_ACTOR = 'demo';

export class DemoService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Loads the demo once: a second start finds the demo plan and loads nothing. */
  async ensureLoaded(files: DemoFiles): Promise<{ loaded: boolean; planId?: number }> {
    if (await this.ctx.repos.plans.hasDemo()) return { loaded: false };
    const { plan } = await new PlanService(this.ctx).importFile(
      { bytes: files.plan.bytes, fileName: files.plan.fileName, mediaType: 'text/plain' },
      { ...DEMO_PLAN, isDemo: true },
    );
    await new PlanReviewService(this.ctx).publish(plan.id, DEMO_ACTOR);
    await this.loadValues(plan.id);
    await new ProjectDemo(this.ctx).load(plan.id);
    return { loaded: true, planId: plan.id };
  }

  /** Approved demo values (示例数据, flagged is_demo) for the city and each county. */
  private async loadValues(planId: number): Promise<void> {
    const indicators = await this.ctx.repos.indicators.listByPlan(planId);
    const counties = await this.ctx.repos.regions.list({ parentCode: DEMO_PLAN.regionCode });
    const regions = [
      { code: DEMO_PLAN.regionCode, scale: 1 },
      ...counties.map((c, i) => ({ code: c.code, scale: 0.85 + ((i * 7) % 13) / 40 })),
    ];
    const rows = indicators.flatMap((ind) =>
      regions.flatMap((region) =>
        demoValues(
          {
            key: `${ind.key}@${region.code}`,
            attribute: ind.attribute,
            direction: ind.direction,
            baseline: ind.baseline,
            target: ind.target as unknown as Target,
            naturalLimit: ind.naturalLimit,
          },
          { start: DEMO_PLAN.periodStart, end: DEMO_PLAN.periodEnd },
          DEMO_YEARS,
          region.scale,
        ).map((v) => ({
          indicatorId: ind.id,
          regionCode: region.code,
          period: v.period,
          value: v.value,
          note: '示例数据 / demo data',
          state: 'approved' as const,
          isDemo: true,
          createdBy: DEMO_ACTOR,
          updatedBy: DEMO_ACTOR,
        })),
      ),
    );
    await this.ctx.repos.values.insertMany(rows);
  }
}
