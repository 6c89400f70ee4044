import { z } from 'zod';

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
export const StatusView = z.enum([
  'failed',
  'warning',
  'seriously_behind',
  'behind',
  'no_data',
  'not_assessable',
  'on_track',
  'ahead',
  'achieved',
  'achieved_early',
]);

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
