import type { DocumentMeta } from '../db/repositories/document.repository.ts';
import type { PlanListRow } from '../db/repositories/plan.repository.ts';
import type { ProjectListRow } from '../db/repositories/project.repository.ts';
import type {
  auditLog,
  IndicatorRow,
  IndicatorValueRow,
  PlanItemRow,
  PlanSectionRow,
  ProjectInvestmentRow,
  ProjectProblemRow,
  ProjectRow,
  RegionRow,
} from '../db/schema.ts';
import { type EvaluationResult, STATUS_LABELS } from '../domain/evaluation/index.ts';
import { LIBRARY_NAMES, type ProblemStatus } from '../domain/projects/index.ts';

/** Replies never carry raw rows: these functions decide what a client sees. */

export function presentRegion(r: RegionRow) {
  return { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode };
}

export function presentDocument(d: DocumentMeta) {
  return {
    id: d.id,
    fileName: d.fileName,
    mediaType: d.mediaType,
    format: d.format,
    encoding: d.encoding,
    encodingConfidence: d.encodingConfidence,
    sha256: d.sha256,
    byteSize: d.byteSize,
    chars: d.chars,
    repairs: d.repairs,
    createdAt: d.createdAt.toISOString(),
  };
}

export function presentPlan(p: PlanListRow) {
  return {
    id: p.id,
    title: p.title,
    region: { code: p.regionCode, name: p.regionName },
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    status: p.status,
    isDemo: p.isDemo,
    documentId: p.documentId,
    chapterCount: p.chapterCount,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

type OutlineRow = Pick<
  PlanSectionRow,
  'id' | 'parentId' | 'kind' | 'level' | 'number' | 'title' | 'startOffset' | 'endOffset'
>;
export interface OutlineItem {
  id: number;
  kind: PlanSectionRow['kind'];
  level: number;
  number: string;
  title: string;
  start: number;
  end: number;
  children: OutlineItem[];
}

/** Rows come in document order, parents first; rebuild the tree. */
export function presentOutline(rows: OutlineRow[]): OutlineItem[] {
  const byId = new Map<number, OutlineItem>();
  const roots: OutlineItem[] = [];
  for (const r of rows) {
    const item: OutlineItem = {
      id: r.id,
      kind: r.kind,
      level: r.level,
      number: r.number,
      title: r.title,
      start: r.startOffset,
      end: r.endOffset,
      children: [],
    };
    byId.set(r.id, item);
    const parent = r.parentId === null ? undefined : byId.get(r.parentId);
    (parent ? parent.children : roots).push(item);
  }
  return roots;
}

export function presentSection(s: PlanSectionRow) {
  return {
    id: s.id,
    parentId: s.parentId,
    kind: s.kind,
    level: s.level,
    number: s.number,
    title: s.title,
    start: s.startOffset,
    end: s.endOffset,
    text: s.text,
  };
}

export function presentPlanItem(r: PlanItemRow) {
  return {
    id: r.id,
    kind: r.kind,
    key: r.key,
    label: r.label,
    state: r.state,
    /** What the plan now says: the reviewer's version when there is one. */
    data: (r.corrected ?? r.extracted ?? {}) as Record<string, unknown>,
    extracted: r.extracted,
    corrected: r.corrected,
    source:
      r.sourceStart === null
        ? null
        : { start: r.sourceStart, end: r.sourceEnd ?? r.sourceStart, text: r.sourceText ?? '' },
    version: r.version,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function presentIndicator(r: IndicatorRow) {
  return {
    id: r.id,
    planId: r.planId,
    code: r.code,
    name: r.name,
    unit: r.unit,
    category: r.category,
    parentName: r.parentName,
    attribute: r.attribute,
    direction: r.direction,
    frequency: r.frequency,
    baseline: r.baseline ?? null,
    target: r.target,
    targetText: r.targetText,
    targetRule: r.targetRule,
    leadUnit: r.leadUnit,
    supportingUnits: r.supportingUnits,
    dataSource: r.dataSource,
    source:
      r.sourceStart === null
        ? null
        : { start: r.sourceStart, end: r.sourceEnd ?? r.sourceStart, text: r.sourceText ?? '' },
    version: r.version,
  };
}

export function presentValue(v: IndicatorValueRow) {
  return {
    id: v.id,
    indicatorId: v.indicatorId,
    regionCode: v.regionCode,
    period: v.period,
    value: v.value,
    note: v.note,
    evidence: v.evidence ?? null,
    state: v.state,
    returnReason: v.returnReason,
    isDemo: v.isDemo,
    version: v.version,
    updatedBy: v.updatedBy,
    updatedAt: v.updatedAt.toISOString(),
  };
}

export function presentEvaluation(r: EvaluationResult) {
  return {
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    period: r.period,
    expected: r.expected,
    actual: r.actual,
    ratio: r.ratio,
    reason: r.reason,
    requiredRate: r.requiredRate,
    requiredPerYear: r.requiredPerYear,
    rule: r.rule,
    inputs: r.inputs,
  };
}

/* ── Projects (issue 6) ─────────────────────────────────────────────────────────── */

export function presentProject(p: ProjectRow | ProjectListRow) {
  const regionName = 'regionName' in p ? p.regionName : null;
  return {
    id: p.id,
    planId: p.planId,
    itemKey: p.itemKey,
    code: p.code,
    name: p.name,
    programme: p.programme,
    region: p.regionCode ? { code: p.regionCode, name: regionName ?? p.regionCode } : null,
    zone: p.zone,
    industry: p.industry,
    chain: p.chain,
    ownerName: p.ownerName,
    ownerCreditCode: p.ownerCreditCode,
    totalInvestment: p.totalInvestment,
    library: p.library,
    libraryLabel: LIBRARY_NAMES[p.library],
    skipsSigning: p.skipsSigning,
    milestones: {
      signed: p.signedOn,
      started: p.startedOn,
      completed: p.completedOn,
      in_production: p.inProductionOn,
      at_capacity: p.atCapacityOn,
    },
    capacityRate: p.capacityRate,
    planned: { started: p.plannedStartOn, in_production: p.plannedProductionOn, at_capacity: p.plannedCapacityOn },
    responsibleUnit: p.responsibleUnit,
    liaisonLeaders: p.liaisonLeaders ?? [],
    serviceUnit: p.serviceUnit,
    sourceText: p.sourceText,
    isDemo: p.isDemo,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function presentInvestment(i: ProjectInvestmentRow) {
  return {
    id: i.id,
    projectId: i.projectId,
    year: i.year,
    month: i.month,
    planned: i.planned,
    completed: i.completed,
    progressText: i.progressText,
    state: i.state,
    frozen: i.state === 'approved',
    version: i.version,
    updatedBy: i.updatedBy,
    updatedAt: i.updatedAt.toISOString(),
  };
}

export function presentProblem(p: ProjectProblemRow, status: ProblemStatus | null) {
  return {
    id: p.id,
    projectId: p.projectId,
    title: p.title,
    kind: p.kind,
    owner: p.owner,
    deadline: p.deadline,
    raisedOn: p.raisedOn,
    closedOn: p.closedOn,
    closeEvidence: p.closeEvidence ?? null,
    version: p.version,
    status: status
      ? { overdue: status.overdue, daysOverdue: status.daysOverdue, level: status.level, zh: status.zh, en: status.en }
      : null,
  };
}

export function presentAudit(a: typeof auditLog.$inferSelect) {
  return {
    at: a.at.toISOString(),
    actor: a.actor,
    action: a.action,
    entity: a.entity,
    entityId: a.entityId,
    before: a.before,
    after: a.after,
  };
}
