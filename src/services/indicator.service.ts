import type { IndicatorPatch } from '../db/repositories/indicator.repository.ts';
import type { IndicatorRow, PlanItemRow } from '../db/schema.ts';
import { indicatorsFromTables } from '../domain/indicators/from-extraction.ts';
import { LantuError } from '../errors.ts';
import type { IndicatorRow as ExtractedRow, IndicatorTable } from '../extract/schema.ts';
import type { Repositories, ServiceContext } from './context.ts';

/** One year of a provincial assignment (省下达目标) as the planning office enters it, with where it came from. */
export interface AssignmentInput {
  year: number;
  value: number;
  /** The document number or note the figure came from, e.g. 晋政办发〔2023〕12号. */
  note: string;
  /** A stored document that states the figure, and the words of it that do (located to offsets here). */
  documentId?: number | null | undefined;
  quote?: string | null | undefined;
}

/** A stored assignment: the value the engine judges against, and its provenance. */
export interface Assignment {
  year: number;
  value: number;
  note: string;
  /** The document that states it; offsets and text only when a quote located the place. */
  evidence: { documentId: number; start: number | null; end: number | null; text: string | null } | null;
}

export interface AssignmentError {
  row: number;
  field: 'year' | 'value' | 'note' | 'documentId' | 'quote';
  zh: string;
  en: string;
}

type ProvincialTarget = {
  kind: 'provincial';
  assignments: Record<string, number>;
  op?: string;
  /** Provenance per year; the evaluation engine reads `assignments` only. */
  sources?: Record<string, { note: string; evidence: Assignment['evidence'] }>;
};

/** The assignments of a provincial target, by year; empty for any other target. */
export function assignmentsOf(row: Pick<IndicatorRow, 'target'>): Assignment[] {
  const t = row.target as Partial<ProvincialTarget>;
  if (t.kind !== 'provincial') return [];
  return Object.entries(t.assignments ?? {})
    .map(([year, value]) => ({
      year: Number(year),
      value,
      note: t.sources?.[year]?.note ?? '',
      evidence: t.sources?.[year]?.evidence ?? null,
    }))
    .sort((a, b) => a.year - b.year);
}

/** Row checks that need no database: years inside the plan, once each; a number; a note. */
function checkAssignments(rows: AssignmentInput[], plan: { periodStart: number; periodEnd: number }) {
  const errors: AssignmentError[] = [];
  const seen = new Set<number>();
  rows.forEach((r, row) => {
    if (!Number.isInteger(r.year) || r.year < plan.periodStart || r.year > plan.periodEnd) {
      errors.push({
        row,
        field: 'year',
        zh: `年份 ${r.year} 不在规划期 ${plan.periodStart}—${plan.periodEnd} 年内`,
        en: `year ${r.year} is outside the plan period ${plan.periodStart}–${plan.periodEnd}`,
      });
    } else if (seen.has(r.year)) {
      errors.push({ row, field: 'year', zh: `${r.year} 年填写了两次`, en: `${r.year} is entered twice` });
    }
    seen.add(r.year);
    if (!Number.isFinite(r.value)) {
      errors.push({
        row,
        field: 'value',
        zh: `${r.year} 年的目标不是数字`,
        en: `the ${r.year} target is not a number`,
      });
    }
    if (!r.note?.trim()) {
      errors.push({
        row,
        field: 'note',
        zh: `${r.year} 年的目标须注明来源（文件或说明）`,
        en: `the ${r.year} target needs its source (document or note)`,
      });
    }
    if (r.quote?.trim() && !r.documentId) {
      errors.push({
        row,
        field: 'documentId',
        zh: `${r.year} 年：引文须选择所在文档`,
        en: `${r.year}: a quote needs the document it is in`,
      });
    }
  });
  return errors;
}

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
    // Assignments are entered by people, not read from the plan: a re-publish must not wipe them.
    const entered = new Map(
      (await repos.indicators.listByPlan(planId))
        .filter((r) => (r.target as { kind?: string }).kind === 'provincial')
        .map((r) => [r.key, r.target]),
    );
    for (const d of drafts) {
      const kept = entered.get(d.key);
      if (kept && d.target.kind === 'provincial') d.target = kept as unknown as typeof d.target;
    }
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
        throw staleIndicator(before);
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

  async assignments(id: number): Promise<{ indicator: IndicatorRow; assignments: Assignment[] }> {
    const indicator = await this.get(id);
    return { indicator, assignments: assignmentsOf(indicator) };
  }

  /**
   * Replaces the yearly provincial assignments (完成省下任务) of an indicator, as one versioned edit: the
   * evaluation judges each year against its assignment, so the indicator stops being "not assessable".
   * A quote is located in the document's normalised text, so the provenance is document + offsets.
   */
  async setAssignments(
    id: number,
    version: number,
    rows: AssignmentInput[],
    actor: string,
  ): Promise<{ indicator: IndicatorRow; assignments: Assignment[] }> {
    return this.ctx.transaction(async (repos) => {
      const before = await repos.indicators.get(id);
      if (!before) throw new LantuError('NOT_FOUND', { zh: `指标 ${id}`, en: `indicator ${id}` });
      const target = before.target as Partial<ProvincialTarget>;
      if (target.kind !== 'provincial') {
        throw new LantuError('ASSIGNMENT_INVALID', {
          zh: `指标“${before.name}”的目标不是“完成省下任务”`,
          en: `the target of “${before.name}” is not a provincial assignment`,
        });
      }
      const plan = await repos.plans.get(before.planId);
      if (!plan) throw new LantuError('NOT_FOUND', { zh: `规划 ${before.planId}`, en: `plan ${before.planId}` });
      const errors = checkAssignments(rows, plan);
      const saved: Assignment[] = [];
      for (const [row, r] of rows.entries()) {
        let evidence: Assignment['evidence'] = null;
        if (r.documentId) {
          const text = await repos.documents.getText(r.documentId);
          if (text === undefined) {
            errors.push({
              row,
              field: 'documentId',
              zh: `找不到文档 ${r.documentId}`,
              en: `no document ${r.documentId}`,
            });
          } else if (r.quote?.trim()) {
            const quote = r.quote.trim();
            const start = text.indexOf(quote);
            if (start < 0) {
              errors.push({
                row,
                field: 'quote',
                zh: `${r.year} 年：文档中找不到引文“${quote.slice(0, 40)}”`,
                en: `${r.year}: the quote “${quote.slice(0, 40)}” is not in the document`,
              });
            } else {
              evidence = { documentId: r.documentId, start, end: start + quote.length, text: quote };
            }
          } else {
            evidence = { documentId: r.documentId, start: null, end: null, text: null };
          }
        }
        saved.push({ year: r.year, value: r.value, note: r.note?.trim() ?? '', evidence });
      }
      if (errors.length) {
        throw new LantuError(
          'ASSIGNMENT_INVALID',
          { zh: errors.map((e) => e.zh).join('；'), en: errors.map((e) => e.en).join('; ') },
          { errors },
        );
      }
      saved.sort((a, b) => a.year - b.year);
      const next: ProvincialTarget = {
        ...(target as ProvincialTarget),
        kind: 'provincial',
        assignments: Object.fromEntries(saved.map((a) => [String(a.year), a.value])),
        sources: Object.fromEntries(saved.map((a) => [String(a.year), { note: a.note, evidence: a.evidence }])),
      };
      const after = await repos.indicators.updateVersioned(id, version, { target: next });
      if (!after) {
        throw staleIndicator(before);
      }
      await repos.audit.record({
        actor,
        action: 'assignments',
        entity: 'indicator',
        entityId: String(id),
        before: { assignments: target.assignments ?? {} },
        after: { assignments: next.assignments },
      });
      return { indicator: after, assignments: saved };
    });
  }

  history(id: number) {
    return this.ctx.repos.audit.list('indicator', String(id));
  }
}

function pick(row: IndicatorRow, patch: IndicatorPatch): Record<string, unknown> {
  return Object.fromEntries(Object.keys(patch).map((k) => [k, row[k as keyof IndicatorRow]]));
}

/** A save based on an older version of the indicator: the caller reloads and sees the colleague's change. */
function staleIndicator(before: IndicatorRow): LantuError {
  return new LantuError(
    'STALE_VERSION',
    { zh: `指标“${before.name}”已被修改`, en: `indicator “${before.name}” was changed` },
    { currentVersion: before.version },
  );
}
