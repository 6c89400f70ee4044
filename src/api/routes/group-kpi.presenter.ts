import { z } from 'zod';
import type { Ratio } from '../../domain/projects/kpi.ts';
import type { GroupKpiReply } from '../../services/group-kpi.service.ts';

const RatioView = z.object({
  numerator: z.number(),
  denominator: z.number(),
  /** null: nothing to measure in the period (not 0 %). */
  rate: z.number().nullable(),
});

export const GroupKpiView = z.object({
  year: z.number(),
  quarter: z.number(),
  by: z.enum(['chain', 'leader']),
  period: z.object({ from: z.string(), to: z.string(), year: z.number(), throughMonth: z.number() }),
  ungrouped: z.number(),
  groups: z.array(
    z.object({
      group: z.string(),
      projectCount: z.number(),
      landingRate: RatioView,
      startRate: RatioView,
      investmentCompletionRate: RatioView,
      productionRate: RatioView,
      capacityRate: RatioView,
    }),
  ),
});

/** The ids behind each ratio stay on the server: a chain can hold tens of thousands of projects; the page links to the filtered list. */
const ratio = (r: Ratio) => ({ numerator: r.numerator, denominator: r.denominator, rate: r.rate });

export function presentGroupKpis(r: GroupKpiReply): z.infer<typeof GroupKpiView> {
  return {
    year: r.year,
    quarter: r.quarter,
    by: r.by,
    period: r.period,
    ungrouped: r.ungrouped,
    groups: r.groups.map((g) => ({
      group: g.group,
      projectCount: g.projectCount,
      landingRate: ratio(g.landingRate),
      startRate: ratio(g.startRate),
      investmentCompletionRate: ratio(g.investmentCompletionRate),
      productionRate: ratio(g.productionRate),
      capacityRate: ratio(g.capacityRate),
    })),
  };
}
