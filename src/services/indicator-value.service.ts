import type { IndicatorRow, IndicatorValueRow, ValueState } from '../db/schema.ts';
import { checkValue } from '../domain/indicators/validate-value.ts';
import { parsePeriod, tryParsePeriod } from '../domain/period.ts';
import { LantuError } from '../errors.ts';
import type { Repositories, ServiceContext } from './context.ts';

export interface ValueInput {
  regionCode: string;
  period: string;
  value: unknown;
  note?: string | null | undefined;
  evidence?: Record<string, unknown> | null | undefined;
  /** Version of the value this edit is based on; required when the value exists already. */
  version?: number | undefined;
}

/** A row of an import file: the indicator by name or id, as the planning office writes it. */
export interface ImportRow {
  row: number;
  sheet: string;
  indicator: string;
  region: string;
  period: string;
  value: unknown;
  note?: string | undefined;
}

export interface ImportError {
  sheet: string;
  row: number;
  column: string;
  zh: string;
  en: string;
}

const TRANSITIONS: Record<string, { from: ValueState[]; to: ValueState }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted', 'draft'], to: 'approved' },
  return: { from: ['submitted', 'approved'], to: 'returned' },
};

/** What a planning-office user calls each state and action, for messages. */
const STATE_ZH: Record<ValueState, string> = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已审核',
  returned: '已退回',
};
const ACTION_ZH: Record<string, string> = { submit: '提交', approve: '审核通过', return: '退回' };

/**
 * Evidence that points into a document must point at real text: the document exists, the offsets lie
 * inside its normalised text, and the span avoids what ingestion could not repair. The quoted text is
 * taken from the document itself, so a value's provenance never depends on what the client sent.
 */
async function checkEvidence(
  repos: Repositories,
  evidence: Record<string, unknown> | null | undefined,
  errors: Array<{ field: string; zh: string; en: string }>,
): Promise<Record<string, unknown> | null> {
  if (!evidence || evidence.documentId === undefined) return evidence ?? null;
  const documentId = evidence.documentId;
  const text = Number.isInteger(documentId) ? await repos.documents.getText(documentId as number) : undefined;
  if (text === undefined) {
    errors.push({
      field: 'evidence',
      zh: `依据文档“${String(documentId)}”不存在`,
      en: `the evidence document “${String(documentId)}” does not exist`,
    });
    return null;
  }
  const { start, end } = evidence;
  if (start === undefined && end === undefined) return evidence;
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    (start as number) < 0 ||
    (end as number) <= (start as number) ||
    (end as number) > text.length
  ) {
    errors.push({
      field: 'evidence',
      zh: `依据位置 ${String(start)}–${String(end)} 不在文档正文（共 ${text.length} 字）之内`,
      en: `evidence offsets ${String(start)}–${String(end)} are outside the document’s text (${text.length} characters)`,
    });
    return null;
  }
  const [a, b] = [start as number, end as number];
  if ((await repos.documents.getDamaged(documentId as number)).some((d) => d.start < b && d.end > a)) {
    errors.push({
      field: 'evidence',
      zh: '所选依据含有无法修复的乱码，不能作为依据',
      en: 'the quoted evidence contains text that could not be repaired',
    });
    return null;
  }
  return { ...evidence, documentId, start: a, end: b, text: text.slice(a, b) };
}

function previousPeriod(period: string): string | null {
  const p = tryParsePeriod(period);
  if (p?.frequency !== 'year') return null;
  return String(p.year - 1);
}

export class IndicatorValueService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Saves a value as draft (or approved, for the planning office's own imports). */
  async record(indicatorId: number, input: ValueInput, actor: string, state: ValueState = 'draft') {
    return this.ctx.transaction((repos) => this.recordIn(repos, indicatorId, input, actor, state));
  }

  private async recordIn(
    repos: Repositories,
    indicatorId: number,
    input: ValueInput,
    actor: string,
    state: ValueState,
  ) {
    const indicator = await repos.indicators.get(indicatorId);
    if (!indicator) throw new LantuError('NOT_FOUND', { zh: `指标 ${indicatorId}`, en: `indicator ${indicatorId}` });
    const check = await this.check(repos, indicator, input);
    const evidence = await checkEvidence(repos, input.evidence, check.errors);
    if (check.errors.length) {
      throw new LantuError(
        'VALUE_INVALID',
        { zh: check.errors.map((e) => e.zh).join('；'), en: check.errors.map((e) => e.en).join('; ') },
        { errors: check.errors },
      );
    }
    const period = normalisePeriod(input.period);
    const existing = await repos.values.find(indicatorId, input.regionCode, period);
    const fields = {
      value: check.value as number,
      note: input.note ?? null,
      evidence,
      state,
      // A person's entry replaces a demo value: it is no longer 示例数据.
      isDemo: false,
      updatedBy: actor,
    };
    let saved: IndicatorValueRow;
    if (existing) {
      if (input.version !== undefined && input.version !== existing.version) throw stale(indicator, existing);
      const updated = await repos.values.updateVersioned(existing.id, existing.version, fields);
      if (!updated) throw stale(indicator, existing);
      saved = updated;
    } else {
      const region = await repos.regions.get(input.regionCode);
      if (!region) throw new LantuError('REGION_NOT_FOUND', { zh: input.regionCode, en: input.regionCode });
      saved = await repos.values.insert({
        indicatorId,
        regionCode: input.regionCode,
        period,
        createdBy: actor,
        ...fields,
      });
    }
    await repos.audit.record({
      actor,
      action: existing ? 'update' : 'create',
      entity: 'indicator_value',
      entityId: String(saved.id),
      before: existing ? { value: existing.value, state: existing.state, note: existing.note } : null,
      after: { value: saved.value, state: saved.state, note: saved.note },
    });
    return { value: saved, warnings: check.warnings };
  }

  private async check(repos: Repositories, indicator: IndicatorRow, input: ValueInput) {
    const plan = await repos.plans.get(indicator.planId);
    const prevPeriod = previousPeriod(input.period);
    const prev = prevPeriod ? await repos.values.find(indicator.id, input.regionCode, prevPeriod) : undefined;
    return checkValue({
      indicator: { ...indicator, target: indicator.target as { kind: string } },
      plan: { start: plan?.periodStart ?? 0, end: plan?.periodEnd ?? 9999 },
      period: input.period,
      value: input.value,
      note: input.note,
      previous: prev?.value ?? null,
    });
  }

  /** submit / approve / return, with the version the user saw. */
  async transition(valueId: number, action: keyof typeof TRANSITIONS, version: number, actor: string, reason?: string) {
    return this.ctx.transaction((repos) => this.transitionIn(repos, valueId, action, version, actor, reason));
  }

  /**
   * 批量审核: approves every listed value at the version the reviewer saw, in one transaction, so a
   * value changed meanwhile (409) or in a state that cannot be approved leaves all of them as they were.
   */
  async approveMany(items: Array<{ id: number; version: number }>, actor: string): Promise<IndicatorValueRow[]> {
    return this.ctx.transaction(async (repos) => {
      const out: IndicatorValueRow[] = [];
      for (const it of items) out.push(await this.transitionIn(repos, it.id, 'approve', it.version, actor));
      return out;
    });
  }

  /**
   * The review queue of a plan: values in the given states (submitted by default) across all its regions,
   * each with its indicator, region and the value of the period before, oldest change first.
   */
  async reviewQueue(planId: number, states: ValueState[] = ['submitted']) {
    const repos = this.ctx.repos;
    const [rows, indicators] = await Promise.all([
      repos.values.listByPlan(planId, { states }),
      repos.indicators.listByPlan(planId),
    ]);
    const byId = new Map(indicators.map((i) => [i.id, i]));
    const regionNames = new Map<string, string>();
    for (const code of new Set(rows.map((r) => r.regionCode))) {
      regionNames.set(code, (await repos.regions.get(code))?.name ?? code);
    }
    const prevKey = (indicatorId: number, regionCode: string, period: string) =>
      `${indicatorId}|${regionCode}|${period}`;
    const wanted = rows.flatMap((v) => {
      const period = previousPeriod(v.period);
      return period ? [{ indicatorId: v.indicatorId, regionCode: v.regionCode, period }] : [];
    });
    const previous = new Map(
      (await repos.values.findMany(wanted)).map((p) => [prevKey(p.indicatorId, p.regionCode, p.period), p]),
    );
    const items = [];
    for (const v of rows) {
      const prevPeriod = previousPeriod(v.period);
      const prev = prevPeriod ? previous.get(prevKey(v.indicatorId, v.regionCode, prevPeriod)) : undefined;
      items.push({
        value: v,
        indicator: byId.get(v.indicatorId)!,
        regionName: regionNames.get(v.regionCode) ?? v.regionCode,
        previous: prev ? { period: prev.period, value: prev.value } : null,
      });
    }
    return items.sort((a, b) => a.value.updatedAt.getTime() - b.value.updatedAt.getTime() || a.value.id - b.value.id);
  }

  private async transitionIn(
    repos: Repositories,
    valueId: number,
    action: keyof typeof TRANSITIONS,
    version: number,
    actor: string,
    reason?: string,
  ) {
    const rule = TRANSITIONS[action];
    if (!rule) throw new LantuError('VALIDATION_FAILED');
    if (action === 'return' && !reason?.trim()) {
      throw new LantuError('VALIDATION_FAILED', { zh: '退回必须说明理由', en: 'a return needs a reason' });
    }
    const v = await repos.values.get(valueId);
    if (!v) throw new LantuError('NOT_FOUND', { zh: `填报值 ${valueId}`, en: `value ${valueId}` });
    if (v.version !== version) throw new LantuError('STALE_VERSION', undefined, { currentVersion: v.version });
    if (!rule.from.includes(v.state)) {
      throw new LantuError('VALIDATION_FAILED', {
        zh: `该数值当前为“${STATE_ZH[v.state]}”，不能${ACTION_ZH[action]}`,
        en: `a value in state “${v.state}” cannot be ${action === 'return' ? 'returned' : `${action}ted`}`,
      });
    }
    const updated = await repos.values.updateVersioned(v.id, version, {
      state: rule.to,
      returnReason: action === 'return' ? (reason ?? null) : null,
      updatedBy: actor,
    });
    if (!updated) throw new LantuError('STALE_VERSION');
    await repos.audit.record({
      actor,
      action,
      entity: 'indicator_value',
      entityId: String(v.id),
      before: { state: v.state },
      after: { state: rule.to, reason },
    });
    return updated;
  }

  /** All rows are checked first; one bad row and nothing is saved. Imported values are approved. */
  async importRows(planId: number, rows: ImportRow[], actor: string): Promise<{ imported: number }> {
    return this.ctx.transaction(async (repos) => {
      const indicators = await repos.indicators.listByPlan(planId);
      const byName = new Map(indicators.map((i) => [i.name, i]));
      const byId = new Map(indicators.map((i) => [String(i.id), i]));
      const errors: ImportError[] = [];
      const ok: Array<{ indicator: IndicatorRow; input: ValueInput }> = [];
      for (const r of rows) {
        const indicator = byId.get(r.indicator.trim()) ?? byName.get(r.indicator.trim());
        if (!indicator) {
          errors.push({
            sheet: r.sheet,
            row: r.row,
            column: 'indicator',
            zh: `找不到指标“${r.indicator}”`,
            en: `no indicator “${r.indicator}”`,
          });
          continue;
        }
        if (!(await repos.regions.get(r.region.trim()))) {
          errors.push({
            sheet: r.sheet,
            row: r.row,
            column: 'region',
            zh: `行政区划代码“${r.region}”不存在`,
            en: `unknown region code “${r.region}”`,
          });
          continue;
        }
        const input = { regionCode: r.region.trim(), period: r.period.trim(), value: r.value, note: r.note };
        const check = await this.check(repos, indicator, input);
        for (const e of check.errors) errors.push({ sheet: r.sheet, row: r.row, column: e.field, zh: e.zh, en: e.en });
        if (!check.errors.length) ok.push({ indicator, input });
      }
      if (errors.length) {
        const first = errors.slice(0, 5);
        throw new LantuError(
          'IMPORT_FAILED',
          {
            zh:
              first.map((e) => `${e.sheet} 第${e.row}行 ${e.column}：${e.zh}`).join('；') +
              (errors.length > 5 ? ` 等 ${errors.length} 处` : ''),
            en:
              first.map((e) => `${e.sheet} row ${e.row} ${e.column}: ${e.en}`).join('; ') +
              (errors.length > 5 ? ` and ${errors.length - 5} more` : ''),
          },
          { errors },
        );
      }
      for (const { indicator, input } of ok) await this.recordIn(repos, indicator.id, input, actor, 'approved');
      return { imported: ok.length };
    });
  }

  listForIndicator(indicatorId: number) {
    return this.ctx.repos.values.listByIndicator(indicatorId);
  }

  list(planId: number, regionCode?: string) {
    return this.ctx.repos.values.listByPlan(planId, { regionCode });
  }
}

function normalisePeriod(period: string): string {
  const p = parsePeriod(period.trim());
  return p.frequency === 'year'
    ? String(p.year)
    : p.frequency === 'quarter'
      ? `${p.year}Q${p.index}`
      : `${p.year}-${String(p.index).padStart(2, '0')}`;
}

function stale(indicator: IndicatorRow, v: IndicatorValueRow): LantuError {
  return new LantuError(
    'STALE_VERSION',
    {
      zh: `“${indicator.name}” ${v.period} 的数值已被他人修改`,
      en: `the ${v.period} value of “${indicator.name}” was changed by someone else`,
    },
    { currentVersion: v.version, currentValue: v.value },
  );
}
