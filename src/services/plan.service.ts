import type { PlanListRow } from '../db/repositories/plan.repository.ts';
import type { SectionTree } from '../db/repositories/plan-section.repository.ts';
import { LantuError } from '../errors.ts';
import { extractOutline, type OutlineNode } from '../extract/outline.ts';
import { guessPlanTitle } from '../extract/title.ts';
import type { Repositories, ServiceContext } from './context.ts';
import { DocumentService, type IncomingFile, type StoredDocument } from './document.service.ts';
import { IndicatorService } from './indicator.service.ts';
import { PlanReviewService } from './plan-review.service.ts';

export interface PlanTarget {
  regionCode: string;
  periodStart: number;
  periodEnd: number;
  title?: string | undefined;
  isDemo?: boolean;
}

export interface ImportResult {
  plan: PlanListRow;
  document: StoredDocument;
}

export class PlanService {
  private readonly documents: DocumentService;

  constructor(private readonly ctx: ServiceContext) {
    this.documents = new DocumentService(ctx);
  }

  /** Upload + create in one transaction: a file that is not a plan leaves nothing behind. */
  async importFile(file: IncomingFile, target: PlanTarget): Promise<ImportResult> {
    checkPeriod(target.periodStart, target.periodEnd);
    this.documents.checkUpload(file);
    const planId = await this.ctx.transaction(async (repos) => {
      const document = await this.documents.ingest(file, repos);
      return this.createInTransaction(repos, document, target);
    });
    const plan = await this.get(planId);
    const document = await this.documents.get(plan.documentId);
    return { plan, document: { meta: document, text: '' } };
  }

  /** Create a plan from a document that was uploaded before. */
  async createFromDocument(documentId: number, target: PlanTarget): Promise<PlanListRow> {
    checkPeriod(target.periodStart, target.periodEnd);
    const planId = await this.ctx.transaction(async (repos) => {
      const meta = await repos.documents.getMeta(documentId);
      if (!meta) throw new LantuError('NOT_FOUND', { zh: `文档 ${documentId}`, en: `document ${documentId}` });
      const text = (await repos.documents.getText(documentId)) ?? '';
      return this.createInTransaction(repos, { meta, text }, target);
    });
    return this.get(planId);
  }

  private async createInTransaction(repos: Repositories, document: StoredDocument, target: PlanTarget) {
    const region = await repos.regions.get(target.regionCode);
    if (!region) {
      throw new LantuError('REGION_NOT_FOUND', {
        zh: `行政区划代码 ${target.regionCode}`,
        en: `region code ${target.regionCode}`,
      });
    }
    const same = await repos.plans.findSame(target.regionCode, target.periodStart, target.periodEnd, document.meta.id);
    if (same) {
      throw new LantuError(
        'PLAN_EXISTS',
        { zh: `该文件已作为规划 #${same.id} 导入`, en: `this file was already imported as plan #${same.id}` },
        { planId: same.id },
      );
    }
    const outline = extractOutline(document.text);
    if (outline.length === 0) {
      throw new LantuError('NO_OUTLINE', {
        zh: `“${document.meta.fileName}”中没有“第一章”这样的章标题`,
        en: `“${document.meta.fileName}” has no chapter headings such as 第一章`,
      });
    }
    const title =
      target.title?.trim() ||
      guessPlanTitle(document.text, outline[0]?.start) ||
      `${region.name}${target.periodStart}—${target.periodEnd}年规划`;
    const plan = await repos.plans.insert({
      regionCode: target.regionCode,
      periodStart: target.periodStart,
      periodEnd: target.periodEnd,
      title,
      documentId: document.meta.id,
      isDemo: target.isDemo ?? false,
    });
    await repos.sections.insertTree(plan.id, toSectionTree(outline, document.text));
    const damaged = document.normalized?.damaged ?? (await repos.documents.getDamaged(document.meta.id));
    await new PlanReviewService(this.ctx).extractInto(repos, plan.id, document.text, damaged);
    // Indicators exist from import on, so values can be collected while review goes on; publishing refreshes them.
    await new IndicatorService(this.ctx).syncFromPlan(repos, plan.id);
    return plan.id;
  }

  list(): Promise<PlanListRow[]> {
    return this.ctx.repos.plans.list();
  }

  async get(id: number): Promise<PlanListRow> {
    const plan = await this.ctx.repos.plans.get(id);
    if (!plan) throw new LantuError('NOT_FOUND', { zh: `规划 ${id}`, en: `plan ${id}` });
    return plan;
  }

  async outline(planId: number) {
    await this.get(planId);
    return this.ctx.repos.sections.listByPlan(planId);
  }

  async section(planId: number, sectionId: number) {
    const section = await this.ctx.repos.sections.get(planId, sectionId);
    if (!section) throw new LantuError('NOT_FOUND', { zh: `章节 ${sectionId}`, en: `section ${sectionId}` });
    return section;
  }
}

function checkPeriod(start: number, end: number): void {
  const ok = Number.isInteger(start) && Number.isInteger(end) && start >= 1949 && end <= 2100 && start < end;
  if (!ok || end - start > 15) {
    throw new LantuError('VALIDATION_FAILED', {
      zh: `规划期 ${start}—${end} 不正确（起止年份应在 1949—2100 之间，起年早于止年，跨度不超过 15 年）`,
      en: `period ${start}–${end} is not valid (years 1949–2100, start before end, at most 15 years)`,
    });
  }
}

function toSectionTree(nodes: OutlineNode[], text: string): SectionTree[] {
  return nodes.map((n) => ({
    kind: n.kind,
    level: n.level,
    number: n.number,
    title: n.title,
    text: text.slice(n.start, n.end).trim(),
    startOffset: n.start,
    endOffset: n.end,
    children: toSectionTree(n.children, text),
  }));
}
