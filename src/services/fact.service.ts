import type { IndicatorRow } from '../db/schema.ts';
import { LantuError } from '../errors.ts';
import { extractFacts, type Fact, type FactExtraction } from '../extract/facts.ts';
import { type FactMatch, type MatchIndicator, type MatchPlan, matchFacts, unitFactor } from '../extract/facts-match.ts';
import type { Span } from '../text/types.ts';
import type { Repositories, ServiceContext } from './context.ts';
import { IndicatorValueService } from './indicator-value.service.ts';

/** A fact with its best indicator (null when nothing matches), as the API and the CLI list them. */
export interface MatchedFact extends Fact {
  match: FactMatch | null;
}

export interface DocumentFacts {
  documentId: number | null;
  planId: number | null;
  documentDate: FactExtraction['documentDate'];
  city: FactExtraction['city'];
  facts: MatchedFact[];
}

export interface AcceptFactInput {
  planId: number;
  /** Defaults to the matched indicator. */
  indicatorId?: number | undefined;
  /** Defaults to the fact's region and period and to the figure in the indicator's unit. */
  regionCode?: string | undefined;
  period?: string | undefined;
  value?: number | undefined;
  note?: string | null | undefined;
  /** Version of the existing value this replaces (required when a person's value is there already). */
  version?: number | undefined;
  /** The document's date, as for listing: the fact ids and periods are those of that listing. */
  documentDate?: string | undefined;
}

export interface TextSource {
  text: string;
  damaged?: readonly Span[];
  furniture?: readonly Span[];
  /** `2024`, `2024-01`, `2024-01-05`: resolves `去年`, `8月8日`; read from the text when absent. */
  documentDate?: string | null;
}

const notAcceptable = (zh: string, en: string, data?: Record<string, unknown>) =>
  new LantuError('FACT_NOT_ACCEPTABLE', { zh, en }, data);

/** Indicators a fact can be a value of: a composite's parts are entered part by part, not from one figure. */
export function matchIndicators(rows: readonly IndicatorRow[]): MatchIndicator[] {
  return rows
    .filter((r) => (r.target as { kind?: string }).kind !== 'composite')
    .map((r) => ({ id: r.id, name: r.name, unit: r.unit, frequency: r.frequency, baseline: r.baseline }));
}

/**
 * Facts stated in news, speeches and reports (issue 5 / product step 6): extract them from a stored
 * document, match them to a plan's indicators, and accept one as a submitted value whose evidence is
 * the sentence in the document, so it goes through the normal review.
 */
export class FactService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Facts in a text (the CLI reads a file without storing it), matched when a plan is given. */
  async ofText(source: TextSource, planId?: number, repos: Repositories = this.ctx.repos): Promise<DocumentFacts> {
    const regions = await repos.regions.list();
    const extraction = extractFacts(source.text, {
      regions,
      damaged: source.damaged,
      furniture: source.furniture,
      documentDate: source.documentDate,
    });
    let matches: Array<{ factId: string; match: FactMatch | null }> = [];
    if (planId !== undefined) {
      const { plan, indicators } = await this.planScope(planId, repos);
      matches = matchFacts(extraction.facts, indicators, plan);
    }
    const byId = new Map(matches.map((m) => [m.factId, m.match]));
    return {
      documentId: null,
      planId: planId ?? null,
      documentDate: extraction.documentDate,
      city: extraction.city,
      facts: extraction.facts.map((f) => ({ ...f, match: byId.get(f.id) ?? null })),
    };
  }

  /**
   * Facts in a stored document; offsets are into its normalised text. `documentDate` overrides the
   * stored publication date (and the year read from the text) for `去年`, `8月8日`.
   */
  async ofDocument(
    documentId: number,
    planId?: number,
    repos: Repositories = this.ctx.repos,
    documentDate?: string,
  ): Promise<DocumentFacts> {
    const meta = await repos.documents.getMeta(documentId);
    if (!meta) throw new LantuError('NOT_FOUND', { zh: `文档 ${documentId}`, en: `document ${documentId}` });
    const reading = await repos.documents.getReading(documentId);
    const facts = await this.ofText(
      {
        text: reading?.text ?? '',
        damaged: reading?.damaged ?? [],
        furniture: reading?.furniture ?? [],
        documentDate: documentDate ?? meta.publishedOn,
      },
      planId,
      repos,
    );
    return { ...facts, documentId };
  }

  /**
   * Accept a fact as a value: state `submitted`, evidence `{documentId, start, end, text}` (the sentence)
   * with the figure's own offsets, checked by the value service like any entry; one transaction with its
   * audit record.
   */
  async accept(documentId: number, factId: string, input: AcceptFactInput, actor: string) {
    return this.ctx.transaction(async (repos) => {
      const listed = await this.ofDocument(documentId, input.planId, repos, input.documentDate);
      const fact = listed.facts.find((f) => f.id === factId);
      if (!fact) {
        throw new LantuError('NOT_FOUND', {
          zh: `文档 ${documentId} 中的事实 ${factId}`,
          en: `fact ${factId} of document ${documentId}`,
        });
      }
      if (fact.kind === 'target') {
        throw notAcceptable(
          `“${fact.sentence.text.trim()}”中的 ${fact.valueText} 是目标或预期，不是实际完成值`,
          `${fact.valueText} is a target or expectation, not a result`,
        );
      }
      const indicatorId = input.indicatorId ?? fact.match?.indicatorId;
      if (indicatorId === undefined) {
        throw notAcceptable('没有与之对应的指标，请指定指标', 'no indicator matches it; name one');
      }
      const indicator = await repos.indicators.get(indicatorId);
      if (!indicator || indicator.planId !== input.planId) {
        throw new LantuError('NOT_FOUND', {
          zh: `规划中的指标 ${indicatorId}`,
          en: `indicator ${indicatorId} of the plan`,
        });
      }
      const { plan } = await this.planScope(input.planId, repos);
      const regionCode = input.regionCode ?? fact.region?.code;
      if (!regionCode || !plan.regionCodes.includes(regionCode)) {
        throw notAcceptable(
          `地区“${fact.region?.name ?? regionCode ?? '未知'}”不在本规划范围内，请指定地区`,
          `region “${fact.region?.code ?? regionCode ?? 'unknown'}” is outside the plan; name one`,
        );
      }
      const period = input.period ?? fact.period?.valuePeriod ?? undefined;
      if (!period) {
        throw notAcceptable(
          fact.period ? `期间“${fact.period.text}”不是年、季度或月，请指定期间` : '原文未说明时间，请指定期间',
          fact.period
            ? `period “${fact.period.text}” is not a year, quarter or month; name one`
            : 'the text states no period; name one',
        );
      }
      const factor = unitFactor(fact.unit, indicator.unit);
      if (input.value === undefined && factor === null) {
        throw notAcceptable(
          `单位不同（${fact.unit} 与 ${indicator.unit}），请填写换算后的数值`,
          `different units (${fact.unit} vs ${indicator.unit}); give the converted value`,
        );
      }
      const sameIndicator = fact.match?.indicatorId === indicator.id;
      const value =
        input.value ?? (sameIndicator && fact.match?.value != null ? fact.match.value : fact.value * (factor ?? 1));
      const existing = await repos.values.find(indicator.id, regionCode, period);
      // A person's value is replaced only knowingly; a generated demo value may simply give way.
      if (existing && !existing.isDemo && input.version === undefined) {
        throw new LantuError(
          'STALE_VERSION',
          {
            zh: `“${indicator.name}” ${period} 已有数值 ${existing.value}，请带上版本号确认替换`,
            en: `“${indicator.name}” ${period} already has the value ${existing.value}; send its version to replace it`,
          },
          { currentVersion: existing.version, currentValue: existing.value },
        );
      }
      const evidence = {
        documentId,
        start: fact.sentence.start,
        end: fact.sentence.end,
        text: fact.sentence.text,
        number: fact.number,
        factId: fact.id,
        rule: 'fact.accepted',
        match: fact.match ? { indicatorId: fact.match.indicatorId, confidence: fact.match.confidence } : null,
      };
      const bound: ServiceContext = { ...this.ctx, repos, transaction: (work) => work(repos) };
      const saved = await new IndicatorValueService(bound).record(
        indicator.id,
        {
          regionCode,
          period,
          value,
          note: input.note,
          evidence,
          version: existing?.isDemo ? existing.version : input.version,
        },
        actor,
        'submitted',
      );
      await repos.audit.record({
        actor,
        action: 'accept_fact',
        entity: 'indicator_value',
        entityId: String(saved.value.id),
        before: null,
        after: { documentId, factId, indicatorId: indicator.id, regionCode, period, value, evidence },
      });
      return saved;
    });
  }

  private async planScope(
    planId: number,
    repos: Repositories,
  ): Promise<{ plan: MatchPlan; indicators: MatchIndicator[] }> {
    const plan = await repos.plans.get(planId);
    if (!plan) throw new LantuError('NOT_FOUND', { zh: `规划 ${planId}`, en: `plan ${planId}` });
    const counties = await repos.regions.list({ parentCode: plan.regionCode });
    const indicators = matchIndicators(await repos.indicators.listByPlan(planId));
    return {
      plan: {
        regionCode: plan.regionCode,
        regionCodes: [plan.regionCode, ...counties.map((c) => c.code)],
        start: plan.periodStart,
        end: plan.periodEnd,
      },
      indicators,
    };
  }
}
