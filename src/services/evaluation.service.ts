import { ValueGridRepository } from '../db/repositories/value-grid.repository.ts';
import type { IndicatorRow, IndicatorValueRow } from '../db/schema.ts';
import {
  DEFAULT_EVALUATION_CONFIG,
  type EvaluationResult,
  evaluateIndicator,
  evaluateIndicators,
  type Indicator,
  type Observation,
  rollUp,
  STATUS_LABELS,
  type Target,
} from '../domain/evaluation/index.ts';
import {
  firstPeriodOf,
  formatPeriod,
  parsePeriod,
  periodEnd,
  periodRange,
  toFrequency,
  tryParsePeriod,
} from '../domain/period.ts';
import { LantuError } from '../errors.ts';
import type { ServiceContext } from './context.ts';
import { evaluationCacheFor, evaluationKey } from './evaluation-cache.ts';

export interface IndicatorEvaluation {
  indicator: IndicatorRow;
  result: EvaluationResult;
  latest: { period: string; value: number } | null;
}

/** Turns a stored indicator into the engine's model; relative targets point at keys, resolved to ids here. */
export function toDomainIndicator(row: IndicatorRow, idByKey: Map<string, string>): Indicator {
  const target = row.target as unknown as Target;
  const resolved: Target =
    target.kind === 'relative'
      ? { kind: 'relative', indicatorId: idByKey.get(target.indicatorId) ?? target.indicatorId }
      : target;
  return {
    id: String(row.id),
    name: row.name,
    unit: row.unit,
    category: row.category ?? undefined,
    attribute: row.attribute,
    direction: row.direction,
    frequency: row.frequency,
    baseline: row.baseline,
    target: resolved,
    naturalLimit: row.naturalLimit,
  };
}

function observationsOf(values: IndicatorValueRow[]): Map<string, Observation[]> {
  const map = new Map<string, Observation[]>();
  for (const v of values) {
    const list = map.get(String(v.indicatorId)) ?? [];
    list.push({ period: v.period, value: v.value });
    map.set(String(v.indicatorId), list);
  }
  return map;
}

/** The indicator list of a plan at a period in one region, as the monitoring page asks for it. */
export interface EvaluatedList {
  planId: number;
  period: string;
  regionCode: string;
  /** plans.data_version the list was computed at (its cache key). */
  dataVersion: number;
  items: readonly IndicatorEvaluation[];
}

export class EvaluationService {
  constructor(private readonly ctx: ServiceContext) {}

  private async load(planId: number) {
    const plan = await this.ctx.repos.plans.get(planId);
    if (!plan) throw new LantuError('NOT_FOUND', { zh: `规划 ${planId}`, en: `plan ${planId}` });
    const rows = await this.ctx.repos.indicators.listByPlan(planId);
    const idByKey = new Map(rows.map((r) => [r.key, String(r.id)]));
    return { plan, rows, domain: rows.map((r) => toDomainIndicator(r, idByKey)) };
  }

  /** Status of every indicator of a plan at a period, judged on approved values only (shared, read-only). */
  async evaluate(planId: number, period: string, regionCode?: string): Promise<readonly IndicatorEvaluation[]> {
    return (await this.list(planId, period, regionCode)).items;
  }

  /**
   * The indicator list, from the per-process cache when the plan's data has not changed since: one
   * read of the plans row (its data_version, bumped by every write to the plan's indicators and values)
   * decides, so a list is never served stale, also when other processes write. On a miss, the
   * indicators and the region's approved values are read at once, and the promise itself is cached so
   * that concurrent requests for the same list wait for one evaluation instead of each doing it.
   */
  async list(planId: number, period: string, regionCode?: string): Promise<EvaluatedList> {
    const when = checkPeriod(period);
    const plan = await new ValueGridRepository(this.ctx.database.db).planHead(planId);
    if (!plan) throw new LantuError('NOT_FOUND', { zh: `规划 ${planId}`, en: `plan ${planId}` });
    const region = regionCode ?? plan.regionCode;
    const key = evaluationKey({
      planId,
      period: formatPeriod(when),
      regionCode: region,
      dataVersion: plan.dataVersion,
      planVersion: plan.version,
    });
    const cache = evaluationCacheFor(this.ctx.database);
    const cached = cache.get(key) as Promise<EvaluatedList> | undefined;
    if (cached) return cached;
    const computing = (async (): Promise<EvaluatedList> => {
      const [rows, values] = await Promise.all([
        this.ctx.repos.indicators.listByPlan(planId),
        this.ctx.repos.values.listByPlan(planId, { regionCode: region, states: ['approved'] }),
      ]);
      const idByKey = new Map(rows.map((r) => [r.key, String(r.id)]));
      const loaded = { plan, rows, domain: rows.map((r) => toDomainIndicator(r, idByKey)) };
      const items = Object.freeze(judge(loaded, values, when));
      return { planId, period: formatPeriod(when), regionCode: region, dataVersion: plan.dataVersion, items };
    })();
    cache.set(key, computing);
    // A failed evaluation is not kept: the next request tries again.
    computing.catch(() => cache.delete(key));
    return computing;
  }

  /** The cockpit: counts per status, roll-up by category, the behind list, and a category × county heat map. */
  async cockpit(planId: number, period: string) {
    const when = checkPeriod(period);
    const loaded = await this.load(planId);
    const { plan, rows, domain } = loaded;
    // One read of the plan and of its approved values serves the city and every county.
    const all = await this.ctx.repos.values.listByPlan(planId, { states: ['approved'] });
    const city = judge(
      loaded,
      all.filter((v) => v.regionCode === plan.regionCode),
      when,
    );
    const byCategory = rollUp(
      city.map((e) => ({ status: e.result.status, category: e.indicator.category ?? '其他' })),
      (e) => e.category,
    );
    const counts = rollUp(
      city.map((e) => ({ status: e.result.status })),
      () => 'all',
    )[0];
    const behind = city.filter((e) => ['behind', 'seriously_behind', 'warning', 'failed'].includes(e.result.status));
    const counties = await this.ctx.repos.regions.list({ parentCode: plan.regionCode });
    const heat = counties.map((county) => {
      const obs = observationsOf(all.filter((v) => v.regionCode === county.code));
      const results = evaluateIndicators(domain, { start: plan.periodStart, end: plan.periodEnd }, obs, when);
      const groups = rollUp(
        results.map((r, i) => ({ status: r.status, category: rows[i]?.category ?? '其他' })),
        (e) => e.category,
      );
      return { region: { code: county.code, name: county.name }, groups };
    });
    return { plan, period, counts, byCategory, behind, heat };
  }

  /** One indicator over the plan's periods (years, or its quarters or months): path, values, status at each. */
  async trajectory(indicatorId: number, regionCode?: string) {
    const row = await this.ctx.repos.indicators.get(indicatorId);
    if (!row) throw new LantuError('NOT_FOUND', { zh: `指标 ${indicatorId}`, en: `indicator ${indicatorId}` });
    const { plan, domain } = await this.load(row.planId);
    const ind = domain.find((d) => d.id === String(row.id)) as Indicator;
    const values = (await this.ctx.repos.values.listByIndicator(row.id)).filter(
      (v) => v.regionCode === (regionCode ?? plan.regionCode) && v.state === 'approved',
    );
    const obs = values.map((v) => ({ period: v.period, value: v.value }));
    const span = { start: plan.periodStart, end: plan.periodEnd };
    // In the indicator's own frequency: a quarterly indicator is followed quarter by quarter.
    const years = periodRange(
      firstPeriodOf(span, row.frequency),
      toFrequency(parsePeriod(String(plan.periodEnd)), row.frequency),
    );
    return years.map((y) => {
      const r = evaluateIndicator(ind, span, obs, y, DEFAULT_EVALUATION_CONFIG);
      const reported = obs.find((o) => o.period === formatPeriod(y))?.value ?? null;
      return {
        period: formatPeriod(y),
        expected: r.expected,
        actual: reported,
        // What the engine compared with `expected`: the running total of a cumulative target, the average
        // rate of a growth target, else the reported value.
        judged: reported === null ? null : r.actual,
        status: r.status,
        reason: r.reason,
      };
    });
  }
}

type Loaded = { plan: { periodStart: number; periodEnd: number }; rows: IndicatorRow[]; domain: Indicator[] };

/** Evaluates every indicator on the given approved values; `latest` is the last value up to the period. */
function judge(
  loaded: Loaded,
  values: IndicatorValueRow[],
  when: ReturnType<typeof parsePeriod>,
): IndicatorEvaluation[] {
  const { plan, rows, domain } = loaded;
  const results = evaluateIndicators(
    domain,
    { start: plan.periodStart, end: plan.periodEnd },
    observationsOf(values),
    when,
  );
  // Up to the period's end in time, not in text order: at 2024Q3 the year 2024 has not ended yet.
  const upTo = periodEnd(when) + 1e-9;
  const ends = new Map<string, number>();
  const endOf = (p: string) => {
    let e = ends.get(p);
    if (e === undefined) {
      const parsed = tryParsePeriod(p);
      e = parsed ? periodEnd(parsed) : Number.POSITIVE_INFINITY;
      ends.set(p, e);
    }
    return e;
  };
  return rows.map((indicator, i) => {
    let last: IndicatorValueRow | undefined;
    for (const v of values) {
      if (v.indicatorId !== indicator.id || endOf(v.period) > upTo) continue;
      if (!last || endOf(v.period) >= endOf(last.period)) last = v;
    }
    return {
      indicator,
      result: results[i] as EvaluationResult,
      latest: last ? { period: last.period, value: last.value } : null,
    };
  });
}

function checkPeriod(period: string) {
  try {
    return parsePeriod(period);
  } catch {
    throw new LantuError('VALIDATION_FAILED', {
      zh: `期间“${period}”格式应为 2023、2023Q3 或 2023-07`,
      en: `period “${period}” must look like 2023, 2023Q3 or 2023-07`,
    });
  }
}

export { STATUS_LABELS };
