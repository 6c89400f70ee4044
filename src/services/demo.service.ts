import type { ServiceContext } from './context.ts';
import { PlanService } from './plan.service.ts';

export interface DemoFiles {
  /** The demo plan file's bytes and name; read by the caller so this service stays free of paths. */
  plan: { bytes: Uint8Array; fileName: string };
}

export const DEMO_PLAN = { regionCode: '140800', periodStart: 2021, periodEnd: 2025 } as const;

export class DemoService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Loads the demo once: a second start finds the demo plan and loads nothing. */
  async ensureLoaded(files: DemoFiles): Promise<{ loaded: boolean; planId?: number }> {
    if (await this.ctx.repos.plans.hasDemo()) return { loaded: false };
    const { plan } = await new PlanService(this.ctx).importFile(
      { bytes: files.plan.bytes, fileName: files.plan.fileName, mediaType: 'text/plain' },
      { ...DEMO_PLAN, isDemo: true },
    );
    return { loaded: true, planId: plan.id };
  }
}
