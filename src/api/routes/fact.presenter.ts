import { z } from 'zod';
import type { DocumentFacts, MatchedFact } from '../../services/fact.service.ts';

/** Reply shapes of the facts endpoints (the serializer checks them and OpenAPI publishes them). */
const Bilingual = z.object({ zh: z.string(), en: z.string() });
const SourceView = z.object({ start: z.number(), end: z.number(), text: z.string() });

export const FactMatchView = z.object({
  indicatorId: z.number(),
  indicatorName: z.string(),
  confidence: z.number(),
  usable: z.boolean(),
  value: z.number().nullable(),
  period: z.string().nullable(),
  regionCode: z.string().nullable(),
  reasons: z.array(Bilingual),
  blockers: z.array(Bilingual.extend({ code: z.string() })),
});

export const FactView = z.object({
  id: z.string(),
  subject: z.string(),
  value: z.number(),
  unit: z.string(),
  valueText: z.string(),
  comparator: z.string(),
  kind: z.enum(['actual', 'target']),
  measure: z.enum(['level', 'growth', 'change']),
  change: z.enum(['increase', 'decrease']).nullable(),
  growthBasis: z.enum(['period', 'average', 'cumulative']).nullable(),
  period: z
    .object({
      text: z.string(),
      code: z.string(),
      granularity: z.string(),
      year: z.number(),
      valuePeriod: z.string().nullable(),
      toDate: z.boolean(),
      basis: z.string(),
    })
    .nullable(),
  region: z.object({ code: z.string(), name: z.string(), basis: z.string() }).nullable(),
  fromFactId: z.string().nullable(),
  sentence: SourceView,
  number: SourceView,
  match: FactMatchView.nullable(),
});

export const DocumentFactsView = z.object({
  documentId: z.number().nullable(),
  planId: z.number().nullable(),
  documentDate: z.object({ value: z.string(), basis: z.string() }).nullable(),
  city: z.object({ code: z.string(), name: z.string() }).nullable(),
  facts: z.array(FactView),
});

function presentFact(f: MatchedFact): z.infer<typeof FactView> {
  const m = f.match;
  return {
    id: f.id,
    subject: f.subject,
    value: f.value,
    unit: f.unit,
    valueText: f.valueText,
    comparator: f.comparator,
    kind: f.kind,
    measure: f.measure,
    change: f.change,
    growthBasis: f.growthBasis,
    period: f.period,
    region: f.region,
    fromFactId: f.fromFactId,
    sentence: f.sentence,
    number: f.number,
    match: m
      ? {
          indicatorId: m.indicatorId,
          indicatorName: m.indicatorName,
          confidence: m.confidence,
          usable: m.usable,
          value: m.value,
          period: m.period,
          regionCode: m.regionCode,
          reasons: m.reasons,
          blockers: m.blockers,
        }
      : null,
  };
}

export function presentDocumentFacts(r: DocumentFacts): z.infer<typeof DocumentFactsView> {
  return {
    documentId: r.documentId,
    planId: r.planId,
    documentDate: r.documentDate,
    city: r.city,
    facts: r.facts.map(presentFact),
  };
}
