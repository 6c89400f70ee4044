import { z } from 'zod';
import { STATUSES } from '../domain/evaluation/types.ts';

/** Reply shapes, shared by routes and the OpenAPI document. Presenters produce exactly these. */

export const RegionView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county']),
  parentCode: z.string().nullable(),
});

export const RepairView = z.object({ kind: z.string(), count: z.number(), examples: z.array(z.string()) });

export const DocumentView = z.object({
  id: z.number(),
  fileName: z.string(),
  mediaType: z.string(),
  format: z.string(),
  encoding: z.string(),
  encodingConfidence: z.number(),
  sha256: z.string(),
  byteSize: z.number(),
  chars: z.number(),
  repairs: z.array(RepairView),
  createdAt: z.string(),
});

export const PlanView = z.object({
  id: z.number(),
  title: z.string(),
  region: z.object({ code: z.string(), name: z.string() }),
  periodStart: z.number(),
  periodEnd: z.number(),
  status: z.enum(['draft', 'published']),
  isDemo: z.boolean(),
  documentId: z.number(),
  chapterCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const sectionKind = z.enum(['chapter', 'section', 'box']);

export interface OutlineItemShape {
  id: number;
  kind: 'chapter' | 'section' | 'box';
  level: number;
  number: string;
  title: string;
  start: number;
  end: number;
  children: OutlineItemShape[];
}

export const OutlineItemView: z.ZodType<OutlineItemShape> = z.lazy(() =>
  z.object({
    id: z.number(),
    kind: sectionKind,
    level: z.number(),
    number: z.string(),
    title: z.string(),
    start: z.number(),
    end: z.number(),
    children: z.array(OutlineItemView),
  }),
);

export const SectionView = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  kind: sectionKind,
  level: z.number(),
  number: z.string(),
  title: z.string(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
});

export const ErrorView = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageZh: z.string(),
    messageEn: z.string(),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const PlanItemKindView = z.enum(['indicator_table', 'indicator', 'project', 'cluster', 'zone', 'commitment']);

export const PlanItemView = z.object({
  id: z.number(),
  kind: PlanItemKindView,
  key: z.string(),
  label: z.string(),
  state: z.enum(['extracted', 'corrected', 'added', 'deleted']),
  data: z.record(z.string(), z.unknown()),
  extracted: z.record(z.string(), z.unknown()).nullable(),
  corrected: z.record(z.string(), z.unknown()).nullable(),
  source: z.object({ start: z.number(), end: z.number(), text: z.string() }).nullable(),
  version: z.number(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});

export const ItemCountView = z.object({ kind: PlanItemKindView, state: z.string(), n: z.number() });

const Bilingual = z.object({ zh: z.string(), en: z.string() });
/** The evaluation engine's status codes, worst first: one list for the engine, the API and OpenAPI. */
export const StatusView = z.enum(STATUSES);

export const IndicatorView = z.object({
  id: z.number(),
  planId: z.number(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  category: z.string().nullable(),
  parentName: z.string().nullable(),
  attribute: z.enum(['expected', 'binding']),
  direction: z.enum(['higher', 'lower']),
  frequency: z.enum(['year', 'quarter', 'month']),
  baseline: z.object({ year: z.number(), value: z.number() }).nullable(),
  target: z.record(z.string(), z.unknown()),
  targetText: z.string(),
  targetRule: z.string(),
  leadUnit: z.string().nullable(),
  supportingUnits: z.array(z.string()),
  dataSource: z.string().nullable(),
  source: z.object({ start: z.number(), end: z.number(), text: z.string() }).nullable(),
  version: z.number(),
});

export const EvaluationView = z.object({
  status: StatusView,
  statusLabel: Bilingual,
  period: z.string(),
  expected: z.number().nullable(),
  actual: z.number().nullable(),
  ratio: z.number().nullable(),
  reason: Bilingual,
  requiredRate: z.number().nullable(),
  requiredPerYear: z.number().nullable(),
  rule: z.string(),
  inputs: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
});

export const ValueView = z.object({
  id: z.number(),
  indicatorId: z.number(),
  regionCode: z.string(),
  period: z.string(),
  value: z.number(),
  note: z.string().nullable(),
  evidence: z.record(z.string(), z.unknown()).nullable(),
  state: z.enum(['draft', 'submitted', 'approved', 'returned']),
  returnReason: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

export const WarningView = z.object({ code: z.string(), zh: z.string(), en: z.string() });

export const RollupView = z.object({
  key: z.string(),
  counts: z.record(z.string(), z.number()),
  total: z.number(),
  assessed: z.number(),
  score: z.number().nullable(),
});

/* ── Projects (issue 6) ─────────────────────────────────────────────────────────── */

export const LibraryView = z.enum(['conceived', 'reserve', 'construction', 'in_effect']);
const IsoDateView = z.string().nullable();

export const ProjectView = z.object({
  id: z.number(),
  planId: z.number().nullable(),
  itemKey: z.string().nullable(),
  code: z.string().nullable(),
  name: z.string(),
  programme: z.string().nullable(),
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  zone: z.string().nullable(),
  industry: z.string().nullable(),
  chain: z.string().nullable(),
  ownerName: z.string().nullable(),
  ownerCreditCode: z.string().nullable(),
  /** 万元 */
  totalInvestment: z.number().nullable(),
  library: LibraryView,
  libraryLabel: Bilingual,
  skipsSigning: z.boolean(),
  milestones: z.object({
    signed: IsoDateView,
    started: IsoDateView,
    completed: IsoDateView,
    in_production: IsoDateView,
    at_capacity: IsoDateView,
  }),
  capacityRate: z.number().nullable(),
  planned: z.object({ started: IsoDateView, in_production: IsoDateView, at_capacity: IsoDateView }),
  responsibleUnit: z.string().nullable(),
  liaisonLeaders: z.array(z.string()),
  serviceUnit: z.string().nullable(),
  sourceText: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const InvestmentView = z.object({
  id: z.number(),
  projectId: z.number(),
  year: z.number(),
  month: z.number(),
  planned: z.number(),
  completed: z.number(),
  progressText: z.string().nullable(),
  state: z.enum(['draft', 'submitted', 'approved', 'returned']),
  frozen: z.boolean(),
  version: z.number(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});

export const ProblemStatusView = z.object({
  overdue: z.boolean(),
  daysOverdue: z.number(),
  level: z.enum(['county', 'city', 'leader']),
  zh: z.string(),
  en: z.string(),
});

export const ProblemView = z.object({
  id: z.number(),
  projectId: z.number(),
  title: z.string(),
  kind: z.string().nullable(),
  owner: z.string().nullable(),
  deadline: z.string().nullable(),
  raisedOn: z.string(),
  closedOn: z.string().nullable(),
  closeEvidence: z.record(z.string(), z.unknown()).nullable(),
  version: z.number(),
  status: ProblemStatusView.nullable(),
});

export const LightView = z.object({
  light: z.enum(['green', 'yellow', 'red']),
  investmentLagPp: z.number().nullable(),
  milestoneLagDays: z.number(),
  reasons: z.array(
    z.object({ code: z.string(), light: z.enum(['green', 'yellow', 'red']), zh: z.string(), en: z.string() }),
  ),
});

export const AuditView = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const ViolationView = z.object({ code: z.string(), zh: z.string(), en: z.string() });

const KpiRates = z.object({
  landingRate: z.number().nullable(),
  startRate: z.number().nullable(),
  investmentCompletionRate: z.number().nullable(),
  productionRate: z.number().nullable(),
  capacityRate: z.number().nullable(),
});

export const RankingEntryView = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  score: z.number(),
  rank: z.number(),
  previousRank: z.number().nullable(),
  change: z.number().nullable(),
  vetoed: z.boolean(),
  projectCount: z.number(),
  overdueProblems: z.number(),
  kpis: KpiRates,
  items: z.array(z.object({ key: z.string(), label: Bilingual, points: z.number(), zh: z.string(), en: z.string() })),
  deductions: z.array(z.object({ key: z.string(), label: Bilingual, count: z.number(), points: z.number() })),
});

export const RankingView = z.object({
  year: z.number(),
  quarter: z.number(),
  by: z.enum(['county', 'zone']),
  period: z.object({ from: z.string(), to: z.string(), year: z.number(), throughMonth: z.number() }),
  rubric: z.object({ id: z.string(), version: z.number() }),
  tourScores: z.boolean(),
  entries: z.array(RankingEntryView),
});
