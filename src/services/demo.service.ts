import type { IndicatorRow } from '../db/schema.ts';
import type { Target } from '../domain/evaluation/types.ts';
import { demoValues, locateFigure, preferStated, type StatedValue } from '../domain/indicators/demo-values.ts';
import type { ServiceContext } from './context.ts';
import { DocumentService } from './document.service.ts';
import { FactService } from './fact.service.ts';
import { PlanService } from './plan.service.ts';
import { PlanReviewService } from './plan-review.service.ts';
import { ProjectDemo } from './project-demo.service.ts';

export interface DemoFiles {
  /** The demo plan file's bytes and name; read by the caller so this service stays free of paths. */
  plan: { bytes: Uint8Array; fileName: string };
  /** The news pieces beside it (samples/news), stored as documents and read for real figures. */
  news?: Array<{ bytes: Uint8Array; fileName: string }>;
}

/**
 * The year each demo news piece appeared, as its own text shows (000: "2024年，我们要…" after the
 * meeting of 2023-12-28; 001 and 002: the study tour of August 2023, "力争2023年…"; 003: "2025年是
 * …收官之年"). It resolves `去年` and `8月8日` in their facts; 002 states no year at all.
 */
export const DEMO_NEWS_YEARS: Record<string, string> = {
  '000-yuncheng-daily-green-development.txt': '2024',
  '001-study-tour-part4.txt': '2023',
  '002-study-tour-part2-traditional.txt': '2023',
  '003-jinzhong-economic-work-2025.txt': '2025',
};

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
    const newsIds = await this.storeNews(files.news ?? []);
    await this.loadValues(plan.id, newsIds);
    await new ProjectDemo(this.ctx).load(plan.id);
    return { loaded: true, planId: plan.id };
  }

  private async storeNews(news: NonNullable<DemoFiles['news']>): Promise<number[]> {
    const documents = new DocumentService(this.ctx);
    const ids: number[] = [];
    for (const file of news) {
      const stored = await documents.ingest({ ...file, mediaType: 'text/plain' });
      const year = DEMO_NEWS_YEARS[file.fileName];
      if (year && !stored.meta.publishedOn) {
        await this.ctx.repos.documents.setPublication(stored.meta.id, { publishedOn: year });
      }
      ids.push(stored.meta.id);
    }
    return ids;
  }

  /**
   * Real figures for demo cells: the plan's own base values (专栏2 "2020年完成", evidence the table row
   * of the plan document), then facts in the news that match an indicator with nothing blocking them.
   */
  private async statedValues(planId: number, indicators: IndicatorRow[], newsIds: number[]): Promise<StatedValue[]> {
    const plan = await this.ctx.repos.plans.get(planId);
    if (!plan) return [];
    const out: StatedValue[] = [];
    for (const ind of indicators) {
      const b = ind.baseline;
      // A base value of an earlier year (29.2* = 2019) falls before the periods a value may have.
      if (!b || b.year < plan.periodStart - 1 || ind.sourceStart == null || !ind.sourceText) continue;
      const at = locateFigure(ind.sourceText, b.value);
      const row = { start: ind.sourceStart, end: ind.sourceStart + ind.sourceText.length };
      out.push({
        indicatorId: ind.id,
        regionCode: plan.regionCode,
        period: String(b.year),
        value: b.value,
        note: '规划纲要所列基期实际值 / base value stated in the plan',
        evidence: {
          documentId: plan.documentId,
          ...row,
          text: ind.sourceText,
          ...(at
            ? {
                number: {
                  start: row.start + at.start,
                  end: row.start + at.end,
                  text: ind.sourceText.slice(at.start, at.end),
                },
              }
            : {}),
          rule: 'plan.baseline',
        },
      });
    }
    const facts = new FactService(this.ctx);
    for (const documentId of newsIds) {
      for (const f of (await facts.ofDocument(documentId, planId)).facts) {
        const m = f.match;
        if (!m?.usable || m.value === null || !m.period || !m.regionCode) continue;
        out.push({
          indicatorId: m.indicatorId,
          regionCode: m.regionCode,
          period: m.period,
          value: m.value,
          note: '新闻中的实际数 / figure stated in the news',
          evidence: {
            documentId,
            start: f.sentence.start,
            end: f.sentence.end,
            text: f.sentence.text,
            number: f.number,
            rule: 'fact.matched',
          },
        });
      }
    }
    return out;
  }

  /**
   * Approved values for the city and each county: generated demo values (示例数据, flagged is_demo),
   * except where a seed document states the real figure (approved, not demo, with its evidence).
   */
  private async loadValues(planId: number, newsIds: number[] = []): Promise<void> {
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
    const stated = await this.statedValues(planId, indicators, newsIds);
    const merged = preferStated(rows, stated);
    await this.ctx.repos.values.insertMany([
      ...merged.generated,
      ...merged.stated.map((s) => ({
        indicatorId: s.indicatorId,
        regionCode: s.regionCode,
        period: s.period,
        value: s.value,
        note: s.note,
        evidence: { ...s.evidence },
        state: 'approved' as const,
        isDemo: false,
        createdBy: DEMO_ACTOR,
        updatedBy: DEMO_ACTOR,
      })),
    ]);
  }
}
