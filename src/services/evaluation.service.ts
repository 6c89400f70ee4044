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
import { formatPeriod, parsePeriod, periodRange } from '../domain/period.ts';
import { LantuError } from '../errors.ts';
import type { ServiceContext } from './context.ts';

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

export class EvaluationService {
  constructor(private readonly ctx: ServiceContext) {}

  private async load(planId: number) {
    const plan = await this.ctx.repos.plans.get(planId);
    if (!plan) throw new LantuError('NOT_FOUND', { zh: `规划 ${planId}`, en: `plan ${planId}` });
    const rows = await this.ctx.repos.indicators.listByPlan(planId);
    const idByKey = new Map(rows.map((r) => [r.key, String(r.id)]));
    return { plan, rows, domain: rows.map((r) => toDomainIndicator(r, idByKey)) };
  }

  /** Status of every indicator of a plan at a period, judged on approved values only. */
  async evaluate(planId: number, period: string, regionCode?: string): Promise<IndicatorEvaluation[]> {
    const when = checkPeriod(period);
    const loaded = await this.load(planId);
    const region = regionCode ?? loaded.plan.regionCode;
    const values = await this.ctx.repos.values.listByPlan(planId, { regionCode: region, states: ['approved'] });
    return judge(loaded, values, when);
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

  /** One indicator over the plan's years: the path, the actual values and the status at each year. */
  async trajectory(indicatorId: number, regionCode?: string) {
    const row = await this.ctx.repos.indicators.get(indicatorId);
    if (!row) throw new LantuError('NOT_FOUND', { zh: `指标 ${indicatorId}`, en: `indicator ${indicatorId}` });
    const { plan, domain } = await this.load(row.planId);
    const ind = domain.find((d) => d.id === String(row.id)) as Indicator;
    const values = (await this.ctx.repos.values.listByIndicator(row.id)).filter(
      (v) => v.regionCode === (regionCode ?? plan.regionCode) && v.state === 'approved',
    );
    const obs = values.map((v) => ({ period: v.period, value: v.value }));
    const years = periodRange(parsePeriod(String(plan.periodStart)), parsePeriod(String(plan.periodEnd)));
    const span = { start: plan.periodStart, end: plan.periodEnd };
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
  const upTo = formatPeriod(when);
  return rows.map((indicator, i) => {
    const last = values.filter((v) => v.indicatorId === indicator.id && v.period <= upTo).at(-1);
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
