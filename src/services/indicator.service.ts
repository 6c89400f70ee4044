import type { IndicatorPatch } from '../db/repositories/indicator.repository.ts';
import type { IndicatorRow, PlanItemRow } from '../db/schema.ts';
import { indicatorsFromTables } from '../domain/indicators/from-extraction.ts';
import { LantuError } from '../errors.ts';
import type { IndicatorRow as ExtractedRow, IndicatorTable } from '../extract/schema.ts';
import type { Repositories, ServiceContext } from './context.ts';

const effective = (r: PlanItemRow) => (r.corrected ?? r.extracted ?? {}) as Record<string, unknown>;

/** Rebuilds the indicator tables from reviewed items: what the reviewer corrected is what becomes live. */
function reviewedTables(items: PlanItemRow[]): IndicatorTable[] {
  const live = items.filter((r) => r.state !== 'deleted');
  return live
    .filter((r) => r.kind === 'indicator_table')
    .map((t) => {
      const meta = effective(t) as unknown as Omit<IndicatorTable, 'rows'>;
      const rows = live
        .filter((r) => r.kind === 'indicator' && effective(r).box === meta.box)
        .map((r) => effective(r) as unknown as ExtractedRow);
      return { ...meta, rows };
    });
}

export class IndicatorService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Makes the plan's reviewed indicator tables its live indicator system; owners and values are kept. */
  async syncFromPlan(repos: Repositories, planId: number): Promise<number> {
    const plan = await repos.plans.get(planId);
    if (!plan) throw new LantuError('NOT_FOUND', { zh: `规划 ${planId}`, en: `plan ${planId}` });
    const items = [
      ...(await repos.planItems.list(planId, 'indicator_table')),
      ...(await repos.planItems.list(planId, 'indicator')),
    ];
    const drafts = indicatorsFromTables(reviewedTables(items), { start: plan.periodStart, end: plan.periodEnd });
    await repos.indicators.upsertDefinitions(
      drafts.map((d, ordinal) => ({
        planId,
        key: d.key,
        code: d.code,
        ordinal,
        name: d.name,
        unit: d.unit,
        category: d.category,
        parentName: d.parentName,
        attribute: d.attribute,
        direction: d.direction,
        baseline: d.baseline,
        target: d.target as unknown as Record<string, unknown>,
        targetText: d.targetText,
        targetRule: d.rule,
        naturalLimit: d.naturalLimit,
        sourceStart: d.source.start,
        sourceEnd: d.source.end,
        sourceText: d.source.text,
      })),
    );
    return drafts.length;
  }

  list(planId: number): Promise<IndicatorRow[]> {
    return this.ctx.repos.indicators.listByPlan(planId);
  }

  async get(id: number): Promise<IndicatorRow> {
    const row = await this.ctx.repos.indicators.get(id);
    if (!row) throw new LantuError('NOT_FOUND', { zh: `指标 ${id}`, en: `indicator ${id}` });
    return row;
  }

  /** Owner, direction, frequency … are the planning office's to set; a stale edit is refused. */
  async update(id: number, version: number, patch: IndicatorPatch, actor: string): Promise<IndicatorRow> {
    return this.ctx.transaction(async (repos) => {
      const before = await repos.indicators.get(id);
      if (!before) throw new LantuError('NOT_FOUND', { zh: `指标 ${id}`, en: `indicator ${id}` });
      const after = await repos.indicators.updateVersioned(id, version, patch);
      if (!after) {
        throw new LantuError(
          'STALE_VERSION',
          { zh: `指标“${before.name}”已被修改`, en: `indicator “${before.name}” was changed` },
          { currentVersion: before.version },
        );
      }
      await repos.audit.record({
        actor,
        action: 'update',
        entity: 'indicator',
        entityId: String(id),
        before: pick(before, patch),
        after: patch,
      });
      return after;
    });
  }

  history(id: number) {
    return this.ctx.repos.audit.list('indicator', String(id));
  }
}

function pick(row: IndicatorRow, patch: IndicatorPatch): Record<string, unknown> {
  return Object.fromEntries(Object.keys(patch).map((k) => [k, row[k as keyof IndicatorRow]]));
}
