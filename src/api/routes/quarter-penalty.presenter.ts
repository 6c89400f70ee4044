import { z } from 'zod';
import type { Penalty, PenaltyView } from '../../services/quarter-penalty.service.ts';

/** Reply shapes of a quarter's deduction and veto matters (扣分与否决事项) and their presenters. */
const Bilingual = z.object({ zh: z.string(), en: z.string() });
const Region = z.object({ code: z.string(), name: z.string() });

export const PenaltyKindView = z.object({
  input: z.string(),
  kind: z.enum(['deduction', 'veto']),
  key: z.string(),
  label: Bilingual,
  pointsEach: z.number().nullable(),
  max: z.number().nullable(),
});

export const PenaltyItemView = z.object({
  id: z.number(),
  region: Region,
  kind: PenaltyKindView,
  occurredOn: z.string(),
  reason: z.string(),
  source: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

export const PenaltiesReply = z.object({
  year: z.number(),
  quarter: z.number(),
  by: z.enum(['county', 'zone']),
  rubric: z.object({ id: z.string(), version: z.number(), bound: z.boolean(), vetoScore: z.number() }),
  state: z.enum(['open', 'closed']),
  kinds: z.array(PenaltyKindView),
  regions: z.array(Region),
  items: z.array(PenaltyItemView),
});

const presentKind = (k: Penalty['kind']): z.infer<typeof PenaltyKindView> => ({
  input: k.input,
  kind: k.kind,
  key: k.key,
  label: k.label,
  pointsEach: k.pointsEach ?? null,
  max: k.max ?? null,
});

export function presentPenalty(p: Penalty): z.infer<typeof PenaltyItemView> {
  return {
    id: p.id,
    region: p.region,
    kind: presentKind(p.kind),
    occurredOn: p.occurredOn,
    reason: p.reason,
    source: p.source,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
  };
}

export function presentPenalties(v: PenaltyView): z.infer<typeof PenaltiesReply> {
  return {
    year: v.year,
    quarter: v.quarter,
    by: v.by,
    rubric: v.rubric,
    state: v.state,
    kinds: v.kinds.map(presentKind),
    regions: v.regions,
    items: v.items.map(presentPenalty),
  };
}
