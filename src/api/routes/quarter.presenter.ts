import { z } from 'zod';
import type { TourResult } from '../../domain/projects/scoring.ts';
import type { KpiProjects, Ranking } from '../../services/quarter.service.ts';
import type { QuarterEvent, QuarterEvents } from '../../services/quarter-event.service.ts';
import type { StoredRubric } from '../../services/rubric.service.ts';
import type { TourSheetView } from '../../services/tour-score.service.ts';
import { LibraryView } from '../views.ts';

/** Reply shapes of the quarter's resources (ranking, tour sheet, events, rubrics) and their presenters. */
const Bilingual = z.object({ zh: z.string(), en: z.string() });
const Region = z.object({ code: z.string(), name: z.string() });

export const TourResultView = z.object({
  score: z.number().nullable(),
  mean: z.number().nullable(),
  maxTotal: z.number(),
  judges: z.array(z.object({ judge: z.string(), total: z.number() })),
  incomplete: z.array(z.string()),
  used: z.array(z.number()),
  dropped: z.array(z.number()),
  zh: z.string(),
  en: z.string(),
});

const KpiRates = z.object({
  landingRate: z.number().nullable(),
  startRate: z.number().nullable(),
  investmentCompletionRate: z.number().nullable(),
  productionRate: z.number().nullable(),
  capacityRate: z.number().nullable(),
});

export const QuarterRankingView = z.object({
  year: z.number(),
  quarter: z.number(),
  by: z.enum(['county', 'zone']),
  period: z.object({ from: z.string(), to: z.string(), year: z.number(), throughMonth: z.number() }),
  rubric: z.object({ id: z.string(), version: z.number(), name: Bilingual, bound: z.boolean() }),
  state: z.enum(['open', 'closed']),
  tourScores: z.boolean(),
  entries: z.array(
    z.object({
      region: Region,
      score: z.number(),
      rank: z.number(),
      previousRank: z.number().nullable(),
      change: z.number().nullable(),
      vetoed: z.boolean(),
      vetoes: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
      projectCount: z.number(),
      overdueProblems: z.number(),
      kpis: KpiRates,
      items: z.array(
        z.object({
          key: z.string(),
          label: Bilingual,
          points: z.number(),
          inputs: z.record(z.string(), z.number().nullable()),
          zh: z.string(),
          en: z.string(),
        }),
      ),
      deductions: z.array(z.object({ key: z.string(), label: Bilingual, count: z.number(), points: z.number() })),
      tour: TourResultView.nullable(),
    }),
  ),
});

const KpiKeyView = z.enum(['landingRate', 'startRate', 'investmentCompletionRate', 'productionRate', 'capacityRate']);

/** The projects behind one KPI cell of the ranking (GET /quarters/:year/:quarter/kpi-projects). */
export const KpiProjectsView = z.object({
  year: z.number(),
  quarter: z.number(),
  by: z.enum(['county', 'zone']),
  period: z.object({ from: z.string(), to: z.string(), year: z.number(), throughMonth: z.number() }),
  kpi: KpiKeyView,
  region: Region.describe('县（市、区）代码与名称；按开发区时 code 与 name 均为开发区名称'),
  numerator: z.number().describe('分子：项目数；投资完成率为年初至季末完成投资（万元）'),
  denominator: z.number().describe('分母：项目数；投资完成率为年度计划投资（万元）'),
  rate: z.number().nullable(),
  projects: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      library: LibraryView,
      region: Region.nullable(),
      zone: z.string().nullable(),
      inDenominator: z.boolean(),
      counted: z.boolean().describe('是否计入分子'),
      basis: z.string().nullable().describe('计入分母的日期：签约日期或计划开工/投产/达产日期'),
      reached: z.string().nullable().describe('实际开工/投产/达产日期（晚于季末则不计入分子）'),
      planned: z.number().nullable().describe('年度计划投资（万元），仅投资完成率'),
      completed: z.number().nullable().describe('年初至季末完成投资（万元），仅投资完成率'),
    }),
  ),
});

const TourSheetItems = z.object({
  items: z.array(z.object({ key: z.string(), label: Bilingual, max: z.number() })),
  dropFrom: z.number(),
});

export const TourSheetReply = z.object({
  year: z.number(),
  quarter: z.number(),
  by: z.enum(['county', 'zone']),
  rubric: z.object({ id: z.string(), version: z.number(), bound: z.boolean() }),
  state: z.enum(['open', 'closed']),
  sheet: TourSheetItems,
  regions: z.array(
    z.object({
      region: Region,
      judges: z.array(
        z.object({ judge: z.string(), scores: z.record(z.string(), z.number()), total: z.number().nullable() }),
      ),
      result: TourResultView,
    }),
  ),
});

export const TourSaveReply = z.object({ region: Region, result: TourResultView });

export const EventView = z.object({
  id: z.number(),
  year: z.number(),
  quarter: z.number(),
  kind: z.enum(['signing', 'groundbreaking', 'tour']),
  title: z.string(),
  heldOn: z.string(),
  place: z.string().nullable(),
  note: z.string().nullable(),
  evidence: z
    .object({ documentId: z.number(), start: z.number(), end: z.number(), text: z.string().optional() })
    .nullable(),
  isDemo: z.boolean(),
  projects: z.array(
    z.object({ id: z.number(), name: z.string(), region: Region.nullable(), amount: z.number().nullable() }),
  ),
  total: z.object({ projects: z.number(), amount: z.number() }),
});

const KindTotal = z.object({ events: z.number(), projects: z.number(), amount: z.number() });
export const EventsReply = z.object({
  year: z.number(),
  quarter: z.number(),
  events: z.array(EventView),
  totals: z.object({ signing: KindTotal, groundbreaking: KindTotal, tour: KindTotal }),
});

export const RubricView = z.object({
  id: z.string(),
  version: z.number(),
  name: Bilingual,
  current: z.boolean(),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  definition: z.record(z.string(), z.unknown()),
});

export function presentTour(t: TourResult): z.infer<typeof TourResultView> {
  return {
    score: t.score,
    mean: t.mean,
    maxTotal: t.maxTotal,
    judges: t.judges,
    incomplete: t.incomplete,
    used: t.used,
    dropped: t.dropped,
    zh: t.zh,
    en: t.en,
  };
}

export function presentRanking(r: Ranking): z.infer<typeof QuarterRankingView> {
  return {
    year: r.year,
    quarter: r.quarter,
    by: r.by,
    period: r.period,
    rubric: r.rubric,
    state: r.state,
    tourScores: r.tourScores,
    entries: r.entries.map((e) => ({
      region: e.region,
      score: e.score,
      rank: e.rank,
      previousRank: e.previousRank,
      change: e.change,
      vetoed: e.vetoed,
      vetoes: e.vetoes.map((v) => ({ code: v.code, zh: v.zh, en: v.en })),
      projectCount: e.projectCount,
      overdueProblems: e.overdueProblems,
      kpis: e.kpis,
      items: e.items.map((i) => ({
        key: i.key,
        label: i.label,
        points: i.points,
        inputs: i.inputs,
        zh: i.zh,
        en: i.en,
      })),
      deductions: e.deductions,
      tour: e.tour ? presentTour(e.tour) : null,
    })),
  };
}

export function presentKpiProjects(k: KpiProjects): z.infer<typeof KpiProjectsView> {
  return {
    year: k.year,
    quarter: k.quarter,
    by: k.by,
    period: k.period,
    kpi: k.kpi,
    region: k.region,
    numerator: k.numerator,
    denominator: k.denominator,
    rate: k.rate,
    projects: k.projects.map((p) => ({
      id: p.id,
      name: p.name,
      library: p.library,
      region: p.region,
      zone: p.zone,
      inDenominator: p.inDenominator,
      counted: p.counted,
      basis: p.basis,
      reached: p.reached,
      planned: p.planned,
      completed: p.completed,
    })),
  };
}

export function presentTourSheet(v: TourSheetView): z.infer<typeof TourSheetReply> {
  return {
    ...v,
    regions: v.regions.map((r) => ({ region: r.region, judges: r.judges, result: presentTour(r.result) })),
  };
}

export function presentEvent(e: QuarterEvent): z.infer<typeof EventView> {
  const ev = e.event.evidence as { documentId: number; start: number; end: number; text?: string } | null;
  return {
    id: e.event.id,
    year: e.event.year,
    quarter: e.event.quarter,
    kind: e.event.kind,
    title: e.event.title,
    heldOn: e.event.heldOn,
    place: e.event.place,
    note: e.event.note,
    evidence: ev ? { documentId: ev.documentId, start: ev.start, end: ev.end, text: ev.text } : null,
    isDemo: e.event.isDemo,
    projects: e.projects,
    total: e.total,
  };
}

export function presentEvents(x: QuarterEvents): z.infer<typeof EventsReply> {
  return { year: x.year, quarter: x.quarter, events: x.events.map(presentEvent), totals: x.totals };
}

export function presentRubric(r: StoredRubric): z.infer<typeof RubricView> {
  return {
    id: r.rubric.id,
    version: r.rubric.version,
    name: r.rubric.name,
    current: r.current,
    createdAt: r.createdAt ? r.createdAt.toISOString() : null,
    createdBy: r.createdBy,
    definition: r.rubric as unknown as Record<string, unknown>,
  };
}
