import { randomUUID } from 'node:crypto';
import type { PlanItemRow } from '../db/schema.ts';
import { PLAN_ITEM_KINDS, type PlanItemKind } from '../db/schema.ts';
import { LantuError } from '../errors.ts';
import { extractPlan } from '../extract/index.ts';
import { toReviewItems } from '../extract/review-items.ts';
import type { Span } from '../text/types.ts';
import type { Repositories, ServiceContext } from './context.ts';
import { IndicatorService } from './indicator.service.ts';

export interface ExtractionSummary {
  added: number;
  refreshed: number;
  removed: number;
  keptCorrections: number;
}

export interface NewItemInput {
  kind: PlanItemKind;
  label: string;
  data: Record<string, unknown>;
  source?: { start: number; end: number } | undefined;
}

/**
 * Review of what extraction found: list, correct, delete, add, re-extract and publish.
 * Every change is versioned (a stale edit is refused) and written to the audit log.
 */
export class PlanReviewService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Runs extraction and merges it into the plan's items; corrected, added and deleted items survive. */
  async extractInto(
    repos: Repositories,
    planId: number,
    text: string,
    damaged: Span[] = [],
  ): Promise<ExtractionSummary> {
    const fresh = toReviewItems(extractPlan({ text, damaged }));
    const existing = await repos.planItems.list(planId);
    const byKey = new Map(existing.map((r) => [`${r.kind}\u0000${r.key}`, r]));
    const summary: ExtractionSummary = { added: 0, refreshed: 0, removed: 0, keptCorrections: 0 };
    const ordinals = new Map<string, number>();
    const inserts = [];
    for (const item of fresh) {
      const ordinal = ordinals.get(item.kind) ?? 0;
      ordinals.set(item.kind, ordinal + 1);
      const columns = {
        ordinal,
        label: item.label,
        extracted: item.data,
        sourceStart: item.source?.start ?? null,
        sourceEnd: item.source?.end ?? null,
        sourceText: item.source?.text ?? null,
      };
      const id = `${item.kind}\u0000${item.key}`;
      const row = byKey.get(id);
      byKey.delete(id);
      if (row) {
        // A reviewed item keeps the label the reviewer gave it.
        const label = row.state === 'extracted' ? columns.label : row.label;
        await repos.planItems.refreshExtracted(row.id, { ...columns, label });
        summary.refreshed++;
      } else {
        inserts.push({ planId, kind: item.kind, key: item.key, state: 'extracted' as const, ...columns });
      }
    }
    await repos.planItems.insertMany(inserts);
    summary.added = inserts.length;
    // What the extractor no longer finds goes, unless a person touched it.
    const gone = [...byKey.values()];
    const untouched = gone.filter((r) => r.state === 'extracted').map((r) => r.id);
    await repos.planItems.deleteIds(untouched);
    summary.removed = untouched.length;
    summary.keptCorrections = gone.length - untouched.length;
    await repos.plans.markExtracted(planId);
    return summary;
  }

  async reextract(planId: number, actor: string): Promise<ExtractionSummary> {
    return this.ctx.transaction(async (repos) => {
      const plan = await this.requirePlan(repos, planId);
      const text = (await repos.documents.getText(plan.documentId)) ?? '';
      const damaged = await repos.documents.getDamaged(plan.documentId);
      const summary = await this.extractInto(repos, planId, text, damaged);
      await repos.audit.record({
        actor,
        action: 'reextract',
        entity: 'plan',
        entityId: String(planId),
        after: summary,
      });
      return summary;
    });
  }

  async list(planId: number, kind?: PlanItemKind): Promise<PlanItemRow[]> {
    await this.requirePlan(this.ctx.repos, planId);
    return this.ctx.repos.planItems.list(planId, kind);
  }

  async summary(planId: number) {
    await this.requirePlan(this.ctx.repos, planId);
    return this.ctx.repos.planItems.counts(planId);
  }

  async correct(planId: number, itemId: number, version: number, data: Record<string, unknown>, actor: string) {
    return this.change(planId, itemId, version, actor, 'correct', (row) => ({
      corrected: data,
      state: row.state === 'added' ? 'added' : 'corrected',
      label: labelOf(row.kind, data) ?? row.label,
    }));
  }

  async remove(planId: number, itemId: number, version: number, actor: string) {
    return this.change(planId, itemId, version, actor, 'delete', () => ({ state: 'deleted' }));
  }

  async restore(planId: number, itemId: number, version: number, actor: string) {
    return this.change(planId, itemId, version, actor, 'restore', (row) => ({
      state: row.corrected ? (row.extracted ? 'corrected' : 'added') : 'extracted',
    }));
  }

  async add(planId: number, input: NewItemInput, actor: string): Promise<PlanItemRow> {
    if (!PLAN_ITEM_KINDS.includes(input.kind)) throw new LantuError('VALIDATION_FAILED');
    return this.ctx.transaction(async (repos) => {
      const plan = await this.requirePlan(repos, planId);
      let sourceText: string | null = null;
      if (input.source) {
        const text = (await repos.documents.getText(plan.documentId)) ?? '';
        if (input.source.end > text.length || input.source.start >= input.source.end) {
          throw new LantuError('VALIDATION_FAILED', {
            zh: '来源位置超出文档范围',
            en: 'source offsets are outside the document',
          });
        }
        sourceText = text.slice(input.source.start, input.source.end);
      }
      const ordinal = (await repos.planItems.maxOrdinal(planId, input.kind)) + 1;
      await repos.planItems.insertMany([
        {
          planId,
          kind: input.kind,
          key: `user:${randomUUID()}`,
          ordinal,
          label: input.label,
          extracted: null,
          corrected: input.data,
          state: 'added',
          sourceStart: input.source?.start ?? null,
          sourceEnd: input.source?.end ?? null,
          sourceText,
          updatedBy: actor,
        },
      ]);
      const rows = await repos.planItems.list(planId, input.kind);
      const row = rows.find((r) => r.ordinal === ordinal) as PlanItemRow;
      await repos.audit.record({ actor, action: 'add', entity: 'plan_item', entityId: String(row.id), after: input });
      return row;
    });
  }

  async publish(planId: number, actor: string) {
    return this.ctx.transaction(async (repos) => {
      await this.requirePlan(repos, planId);
      await repos.plans.publish(planId, actor);
      // Publishing makes the reviewed indicator tables the live indicator system.
      const indicators = await new IndicatorService(this.ctx).syncFromPlan(repos, planId);
      await repos.audit.record({
        actor,
        action: 'publish',
        entity: 'plan',
        entityId: String(planId),
        after: { indicators },
      });
    });
  }

  private async change(
    planId: number,
    itemId: number,
    version: number,
    actor: string,
    action: string,
    patch: (row: PlanItemRow) => Partial<Pick<PlanItemRow, 'corrected' | 'state' | 'label'>>,
  ): Promise<PlanItemRow> {
    return this.ctx.transaction(async (repos) => {
      const row = await repos.planItems.get(planId, itemId);
      if (!row) throw new LantuError('NOT_FOUND', { zh: `条目 ${itemId}`, en: `item ${itemId}` });
      if (row.version !== version) throw staleError(row);
      const updated = await repos.planItems.updateVersioned(itemId, version, { ...patch(row), updatedBy: actor });
      if (!updated) throw staleError(row);
      await repos.audit.record({
        actor,
        action,
        entity: 'plan_item',
        entityId: String(itemId),
        before: { state: row.state, corrected: row.corrected },
        after: { state: updated.state, corrected: updated.corrected },
      });
      return updated;
    });
  }

  private async requirePlan(repos: Repositories, planId: number) {
    const plan = await repos.plans.get(planId);
    if (!plan) throw new LantuError('NOT_FOUND', { zh: `规划 ${planId}`, en: `plan ${planId}` });
    return plan;
  }
}

function staleError(row: PlanItemRow): LantuError {
  return new LantuError(
    'STALE_VERSION',
    {
      zh: `“${row.label}”已被修改（当前版本 ${row.version}）`,
      en: `“${row.label}” was changed (now version ${row.version})`,
    },
    { currentVersion: row.version },
  );
}

/** The display label follows the corrected data when it names the item. */
function labelOf(kind: PlanItemKind, data: Record<string, unknown>): string | undefined {
  const field = kind === 'commitment' ? 'subject' : kind === 'indicator_table' ? 'title' : 'name';
  const v = data[field];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}
