import type { BulletinRow } from '../db/repositories/bulletin.repository.ts';
import { LantuError } from '../errors.ts';
import { renderBulletinDocx } from '../reports/bulletin.docx.ts';
import {
  type BulletinBlockerInput,
  type BulletinContent,
  type BulletinListEntry,
  type BulletinParagraphId,
  type BulletinProjectInput,
  type BulletinRankingInput,
  draftBulletin,
} from '../reports/bulletin.model.ts';
import type { Repositories, ServiceContext } from './context.ts';
import { type Clock, isoToday, milestonesOf } from './project.service.ts';
import { ProjectApprovalService } from './project-approval.service.ts';
import { QuarterService, quarterPeriod, type Ranking } from './quarter.service.ts';
import { docxToPdf } from './report.service.ts';

/** A list entry as a person sends it: an existing entry keeps its key (and the system's basis for it). */
export interface ListEntryInput {
  key?: string | undefined;
  projectId?: number | null | undefined;
  project: string;
  county: string;
  responsibleUnit: string;
  reason: string;
}

export interface BulletinEdit {
  version: number;
  title?: string | undefined;
  issuerMark?: string | undefined;
  issuer?: string | undefined;
  docNumber?: string | undefined;
  recipients?: string | undefined;
  paragraphs?: Partial<Record<BulletinParagraphId, string>> | undefined;
  redList?: ListEntryInput[] | undefined;
  yellowList?: ListEntryInput[] | undefined;
}

/** The stored content: written only by this service, always from {@link draftBulletin}'s shape. */
export function contentOf(row: BulletinRow): BulletinContent {
  return row.content as unknown as BulletinContent;
}

/**
 * 季度通报: drafts the bulletin from the quarter (its ranking from QuarterService, factor blockers from
 * ProjectApprovalService, projects, monthly investment and problems), stores it as a draft people edit with
 * optimistic versions, issues it (then it is frozen), and renders it to Word and PDF. Every change is audited.
 */
export class BulletinService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly clock: Clock = () => new Date(),
  ) {}

  today(): string {
    return isoToday(this.clock);
  }

  list(): Promise<BulletinRow[]> {
    return this.ctx.repos.bulletins.list();
  }

  async get(year: number, quarter: number): Promise<BulletinRow> {
    checkQuarter(quarter);
    const row = await this.ctx.repos.bulletins.get(year, quarter);
    if (!row) {
      throw new LantuError('NOT_FOUND', {
        zh: `${year}年第${quarter}季度通报尚未起草`,
        en: `no bulletin has been drafted for ${year} Q${quarter}`,
      });
    }
    return row;
  }

  /** The bulletin as the system would draft it now (not stored). */
  async compose(year: number, quarter: number): Promise<BulletinContent> {
    checkQuarter(quarter);
    const quarters = new QuarterService(this.ctx);
    const city = await quarters.city();
    const period = quarterPeriod(year, quarter);
    const repos = this.ctx.repos;
    const [counties, projects, months, county, zone, blockers] = await Promise.all([
      repos.regions.list({ parentCode: city.code }),
      repos.projects.all({ regionCode: city.code }),
      repos.investments.figuresForYear(year),
      quarters.ranking(year, quarter, 'county', city.code),
      quarters.ranking(year, quarter, 'zone', city.code),
      new ProjectApprovalService(this.ctx).listFactorBlockers({ year, quarter: quarter as 1 | 2 | 3 | 4 }),
    ]);
    const ids = new Set(projects.map((p) => p.id));
    const problems = await repos.problems.list({ projectIds: [...ids] });
    const countyName = new Map(counties.map((c) => [c.code, c.name]));
    const planned = new Map<number, number>();
    const done = new Map<number, number>();
    for (const m of months) {
      planned.set(m.projectId, (planned.get(m.projectId) ?? 0) + m.planned);
      if (m.month <= period.throughMonth) done.set(m.projectId, (done.get(m.projectId) ?? 0) + m.completed);
    }
    const projectInputs: BulletinProjectInput[] = projects.map((p) => {
      const name = p.regionCode ? countyName.get(p.regionCode) : undefined;
      return {
        id: p.id,
        name: p.name,
        county: p.regionCode && name ? { code: p.regionCode, name } : null,
        zone: p.zone,
        library: p.library,
        responsibleUnit: p.responsibleUnit,
        isDemo: p.isDemo,
        milestones: milestonesOf(p),
        planned: {
          started: p.plannedStartOn,
          in_production: p.plannedProductionOn,
          at_capacity: p.plannedCapacityOn,
        },
        totalInvestment: p.totalInvestment,
        plannedAnnualInvestment: planned.get(p.id) ?? 0,
        completedInvestmentYtd: done.get(p.id) ?? 0,
      };
    });
    const blockerInputs: BulletinBlockerInput[] = blockers.projects
      .filter((b) => ids.has(b.project.id))
      .flatMap((b) =>
        b.items.map(({ approval: a }) => ({
          id: a.id,
          projectId: a.projectId,
          kind: a.kind,
          title: a.title,
          status: a.status,
          department: a.department,
          dueOn: a.dueOn,
          doneOn: a.doneOn,
        })),
      );
    return draftBulletin({
      city,
      year,
      quarter,
      period,
      draftedOn: this.today(),
      projects: projectInputs,
      blockers: blockerInputs,
      problems: problems.map((p) => ({
        id: p.id,
        projectId: p.projectId,
        title: p.title,
        deadline: p.deadline,
        raisedOn: p.raisedOn,
        closedOn: p.closedOn,
      })),
      rankings: { county: rankingInput(county), zone: rankingInput(zone) },
    });
  }

  /**
   * Drafts the quarter's bulletin: creates it, or regenerates an existing draft from the current data
   * (that replaces people's edits, so the draft's `version` must be given). An issued bulletin is refused.
   */
  async draft(
    year: number,
    quarter: number,
    actor: string,
    version?: number,
  ): Promise<{ row: BulletinRow; created: boolean }> {
    const content = await this.compose(year, quarter);
    try {
      return await this.store(year, quarter, actor, version, content);
    } catch (e) {
      // Two first drafts at once: the second insert breaks the (year, quarter) unique index. The draft
      // that won is there now; tell the loser as a stale version rather than as an internal error.
      if (e instanceof LantuError) throw e;
      const now = await this.ctx.repos.bulletins.get(year, quarter);
      if (now && version === undefined) throw stale(now);
      throw e;
    }
  }

  private store(
    year: number,
    quarter: number,
    actor: string,
    version: number | undefined,
    content: BulletinContent,
  ): Promise<{ row: BulletinRow; created: boolean }> {
    return this.ctx.transaction(async (repos) => {
      const existing = await repos.bulletins.get(year, quarter);
      if (!existing) {
        const row = await repos.bulletins.insert({
          year,
          quarter,
          content: content as unknown as Record<string, unknown>,
          updatedBy: actor,
        });
        await this.audit(repos, actor, 'bulletin.draft', row, null);
        return { row, created: true };
      }
      this.mustBeDraft(existing);
      if (version === undefined || version !== existing.version) throw stale(existing);
      const row = await repos.bulletins.updateDraft(existing.id, version, {
        content: content as unknown as Record<string, unknown>,
        updatedBy: actor,
      });
      if (!row) throw stale(existing);
      await this.audit(repos, actor, 'bulletin.regenerate', row, existing);
      return { row, created: false };
    });
  }

  /** Edits the draft's texts and lists; refused when the version is stale or the bulletin is issued. */
  async edit(year: number, quarter: number, edit: BulletinEdit, actor: string): Promise<BulletinRow> {
    return this.ctx.transaction(async (repos) => {
      const existing = await repos.bulletins.get(year, quarter);
      if (!existing) throw notDrafted(year, quarter);
      this.mustBeDraft(existing);
      if (edit.version !== existing.version) throw stale(existing);
      const content = applyEdit(contentOf(existing), edit);
      const row = await repos.bulletins.updateDraft(existing.id, edit.version, {
        content: content as unknown as Record<string, unknown>,
        updatedBy: actor,
      });
      if (!row) throw stale(existing);
      await this.audit(repos, actor, 'bulletin.edit', row, existing);
      return row;
    });
  }

  /** 印发: the draft at `version` becomes the issued bulletin, dated today, and is frozen. */
  async issue(year: number, quarter: number, version: number, actor: string): Promise<BulletinRow> {
    return this.ctx.transaction(async (repos) => {
      const existing = await repos.bulletins.get(year, quarter);
      if (!existing) throw notDrafted(year, quarter);
      this.mustBeDraft(existing);
      if (version !== existing.version) throw stale(existing);
      const content: BulletinContent = { ...contentOf(existing), signedOn: this.today() };
      const row = await repos.bulletins.issue(existing.id, version, {
        content: content as unknown as Record<string, unknown>,
        issuedBy: actor,
      });
      if (!row) throw stale(existing);
      await this.audit(repos, actor, 'bulletin.issue', row, existing);
      return row;
    });
  }

  async docx(year: number, quarter: number): Promise<{ row: BulletinRow; docx: Buffer }> {
    const row = await this.get(year, quarter);
    return { row, docx: await renderBulletinDocx(contentOf(row), row.state === 'issued') };
  }

  async pdf(year: number, quarter: number): Promise<{ row: BulletinRow; pdf: Buffer }> {
    const { row, docx } = await this.docx(year, quarter);
    return { row, pdf: await docxToPdf(docx) };
  }

  history(year: number, quarter: number) {
    return this.ctx.repos.audit.list('bulletin', `${year}Q${quarter}`);
  }

  private mustBeDraft(row: BulletinRow): void {
    if (row.state === 'issued') {
      throw new LantuError(
        'BULLETIN_ISSUED',
        {
          zh: `${row.year}年第${row.quarter}季度通报已于${row.issuedAt?.toISOString().slice(0, 10) ?? ''}印发`,
          en: `the ${row.year} Q${row.quarter} bulletin was issued on ${row.issuedAt?.toISOString().slice(0, 10) ?? ''}`,
        },
        { issuedAt: row.issuedAt?.toISOString() ?? null, issuedBy: row.issuedBy },
      );
    }
  }

  private async audit(
    repos: Repositories,
    actor: string,
    action: string,
    row: BulletinRow,
    before: BulletinRow | null,
  ): Promise<void> {
    await repos.audit.record({
      actor,
      action,
      entity: 'bulletin',
      entityId: `${row.year}Q${row.quarter}`,
      before: before ? { version: before.version, state: before.state, content: before.content } : null,
      after: { version: row.version, state: row.state, content: row.content },
    });
  }
}

function checkQuarter(quarter: number): void {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
    throw new LantuError('VALIDATION_FAILED', { zh: `季度${quarter}无效`, en: `quarter ${quarter} is not valid` });
  }
}

function notDrafted(year: number, quarter: number): LantuError {
  return new LantuError('NOT_FOUND', {
    zh: `${year}年第${quarter}季度通报尚未起草`,
    en: `no bulletin has been drafted for ${year} Q${quarter}`,
  });
}

function stale(row: BulletinRow): LantuError {
  return new LantuError(
    'STALE_VERSION',
    { zh: `通报当前版本为 ${row.version}`, en: `the bulletin is at version ${row.version}` },
    { version: row.version },
  );
}

function rankingInput(r: Ranking): BulletinRankingInput {
  return {
    rubric: { id: r.rubric.id, version: r.rubric.version },
    tourScores: r.tourScores,
    entries: r.entries.map((e) => ({
      region: e.region,
      score: e.score,
      rank: e.rank,
      previousRank: e.previousRank,
      vetoed: e.vetoed,
      vetoReasons: e.vetoes.map((v) => v.zh.replace(/^一票否决：/, '')),
      kpis: {
        landingRate: e.kpis.landingRate,
        startRate: e.kpis.startRate,
        investmentCompletionRate: e.kpis.investmentCompletionRate,
        productionRate: e.kpis.productionRate,
      },
    })),
  };
}

const required = (field: string, value: string): string => {
  const v = value.trim();
  if (v === '') {
    throw new LantuError('VALIDATION_FAILED', { zh: `${field}不能为空`, en: `${field} must not be empty` });
  }
  return v;
};

/**
 * A list as a person sent it. An entry whose key is already in the bulletin keeps its source and the
 * system's basis (its texts may be corrected); any other entry is a person's addition with a new key.
 */
function mergeList(
  input: ListEntryInput[],
  known: Map<string, BulletinListEntry>,
  used: Set<string>,
): BulletinListEntry[] {
  let n = 1;
  const freshKey = () => {
    while (known.has(`m${n}`) || used.has(`m${n}`)) n++;
    return `m${n}`;
  };
  return input.map((e) => {
    const before = e.key ? known.get(e.key) : undefined;
    const key = before && !used.has(before.key) ? before.key : freshKey();
    used.add(key);
    return {
      key,
      projectId: e.projectId ?? before?.projectId ?? null,
      project: required('项目名称', e.project),
      county: e.county.trim(),
      responsibleUnit: e.responsibleUnit.trim(),
      reason: required('原因', e.reason),
      source: before?.source ?? 'manual',
      basis: before?.basis ?? [],
    };
  });
}

export function applyEdit(content: BulletinContent, edit: BulletinEdit): BulletinContent {
  const next: BulletinContent = { ...content };
  if (edit.title !== undefined) next.title = required('标题', edit.title);
  if (edit.issuerMark !== undefined) next.issuerMark = required('发文机关标志', edit.issuerMark);
  if (edit.issuer !== undefined) next.issuer = required('发文机关署名', edit.issuer);
  if (edit.docNumber !== undefined) next.docNumber = required('发文字号', edit.docNumber);
  if (edit.recipients !== undefined) next.recipients = required('主送机关', edit.recipients);
  if (edit.paragraphs) {
    const texts = edit.paragraphs;
    next.paragraphs = content.paragraphs.map((p) =>
      texts[p.id] !== undefined ? { ...p, text: texts[p.id] as string } : p,
    );
  }
  const known = new Map([...content.redList, ...content.yellowList].map((e) => [e.key, e]));
  // keys stay unique across both lists (an entry may move from one list to the other)
  const used = new Set<string>();
  if (edit.redList) next.redList = mergeList(edit.redList, known, used);
  else for (const e of content.redList) used.add(e.key);
  if (edit.yellowList) next.yellowList = mergeList(edit.yellowList, known, used);
  return next;
}
