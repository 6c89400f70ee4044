import type { ProjectInvestmentRow, ProjectInvestmentVersionRow } from '../db/schema.ts';
import { type MonthlyFigures, monthlyFigures } from '../domain/projects/index.ts';
import { LantuError } from '../errors.ts';
import type { Repositories, ServiceContext } from './context.ts';
import { type Clock, isoToday } from './project.service.ts';

export interface InvestmentInput {
  /** Planned investment of the month, 万元. */
  planned: number;
  /** Investment completed in the month, 万元. */
  completed: number;
  progressText?: string | null | undefined;
  /** Version the edit is based on; when given and not current the edit is refused (409). */
  version?: number | undefined;
}

/** A correction of an approved month: the new figures and why. */
export interface CorrectionInput {
  planned: number;
  completed: number;
  progressText?: string | null | undefined;
  reason: string;
  /** Lock version the correction is based on (409 when stale). */
  version: number;
}

/** One month of the monthly report (月报) as the project page shows it. */
export interface MonthlyReport {
  investment: ProjectInvestmentRow;
  figures: MonthlyFigures;
  /** Every approved state of the month, oldest first; the last one is what the statistics use. */
  versions: ReportVersion[];
  /** Why the month was last sent back or reopened, while it waits for a new approval. */
  pendingReason: string | null;
}

export interface ReportVersion {
  version: number;
  planned: number;
  completed: number;
  progressText: string | null;
  reason: string | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  /** True for a month approved before versions were kept (e.g. demo months): version 1 is its current state. */
  implicit: boolean;
}

/**
 * Monthly report (月报): investment of the month, 形象进度 text (photos: ProjectAttachmentService),
 * reviewed by the project office. States: draft → submitted → approved, or submitted → returned
 * (sent back with a reason) → edited → submitted again. The office may also approve a draft directly.
 *
 * Decision on corrections: an approved month is frozen — its figures entered the statistics and
 * possibly a published bulletin, so a plain edit is refused (INVESTMENT_FROZEN). Every approval
 * stores the approved state as a version (project_investment_versions: 1, 2, …) that is never
 * changed. A correction (`correct`, the project office, reason required) writes version n+1 and makes
 * it the month's current figures in one step; version n stays readable. The older path — `reopen`
 * with a reason, edit, approve again — ends the same way: the re-approval is version n+1 carrying the
 * reopen reason. A month approved before versions were kept counts as version 1 and is stored as
 * such before its first correction. `project_investments.version` stays the optimistic-lock counter.
 */
export class ProjectInvestmentService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly clock: Clock = () => new Date(),
  ) {}

  async put(projectId: number, year: number, month: number, input: InvestmentInput, actor: string) {
    const errors = this.check(year, month, input);
    if (errors.length) {
      throw new LantuError(
        'VALUE_INVALID',
        { zh: errors.map((e) => e.zh).join('；'), en: errors.map((e) => e.en).join('; ') },
        { errors },
      );
    }
    return this.ctx.transaction(async (repos) => {
      const project = await repos.projects.get(projectId);
      if (!project) throw new LantuError('NOT_FOUND', { zh: `项目 ${projectId}`, en: `project ${projectId}` });
      const existing = await repos.investments.find(projectId, year, month);
      const fields = {
        planned: input.planned,
        completed: input.completed,
        progressText: input.progressText?.trim() || null,
        updatedBy: actor,
      };
      let saved: ProjectInvestmentRow;
      if (existing) {
        if (existing.state === 'approved') throw frozen(existing);
        if (input.version !== undefined && input.version !== existing.version) throw stale(existing);
        const updated = await repos.investments.updateVersioned(existing.id, existing.version, {
          ...fields,
          state: 'draft',
        });
        if (!updated) throw stale(existing);
        saved = updated;
      } else {
        saved = await repos.investments.insert({ projectId, year, month, ...fields, state: 'draft' });
      }
      await repos.audit.record({
        actor,
        action: existing ? 'update' : 'create',
        entity: 'project_investment',
        entityId: String(saved.id),
        before: existing ? pick(existing) : null,
        after: pick(saved),
      });
      return saved;
    });
  }

  approve(projectId: number, year: number, month: number, version: number, actor: string) {
    return this.move(projectId, year, month, version, actor, 'approve');
  }

  /** The owner submits the month for review (draft or returned → submitted). */
  submit(projectId: number, year: number, month: number, version: number, actor: string) {
    return this.move(projectId, year, month, version, actor, 'submit');
  }

  /** The project office sends the month back (退回) with a reason; the owner edits and submits again. */
  sendBack(projectId: number, year: number, month: number, version: number, reason: string, actor: string) {
    if (!reason.trim()) {
      throw new LantuError('VALIDATION_FAILED', { zh: '退回须说明理由', en: 'sending back needs a reason' });
    }
    return this.move(projectId, year, month, version, actor, 'return', reason.trim());
  }

  /**
   * Corrects an approved month: version n+1 with the new figures and the reason, in one transaction;
   * version n stays in the history. Refused when the month is not approved (edit it instead), when the
   * reason is empty, when nothing changes, and when `version` is stale.
   */
  async correct(projectId: number, year: number, month: number, input: CorrectionInput, actor: string) {
    const reason = input.reason.trim();
    const errors = this.check(year, month, input);
    if (!reason) errors.push({ field: 'reason', zh: '更正须说明理由', en: 'a correction needs a reason' });
    if (errors.length) {
      throw new LantuError(
        'VALUE_INVALID',
        { zh: errors.map((e) => e.zh).join('；'), en: errors.map((e) => e.en).join('; ') },
        { errors },
      );
    }
    return this.ctx.transaction(async (repos) => {
      const row = await this.mustMonth(repos, projectId, year, month);
      if (row.version !== input.version) throw stale(row);
      if (row.state !== 'approved') {
        throw new LantuError('VALIDATION_FAILED', {
          zh: `${year}年${month}月月报尚未审核，直接修改即可，无需更正`,
          en: `${year}-${String(month).padStart(2, '0')} is not approved; edit it instead of correcting it`,
        });
      }
      const progressText = input.progressText === undefined ? row.progressText : input.progressText?.trim() || null;
      if (row.planned === input.planned && row.completed === input.completed && row.progressText === progressText) {
        throw new LantuError('VALIDATION_FAILED', {
          zh: '更正内容与当前版本相同',
          en: 'the correction is the same as the current version',
        });
      }
      const previous = await this.ensureFirstVersion(repos, row);
      const updated = await repos.investments.updateVersioned(row.id, row.version, {
        planned: input.planned,
        completed: input.completed,
        progressText,
        state: 'approved',
        updatedBy: actor,
      });
      if (!updated) throw stale(row);
      const saved = await repos.investments.insertVersion({
        investmentId: row.id,
        projectId,
        year,
        month,
        version: previous.version + 1,
        planned: updated.planned,
        completed: updated.completed,
        progressText: updated.progressText,
        reason,
        approvedBy: actor,
      });
      await repos.audit.record({
        actor,
        action: 'correct',
        entity: 'project_investment',
        entityId: String(row.id),
        before: { ...pick(row), reportVersion: previous.version },
        after: { ...pick(updated), reportVersion: saved.version, reason },
      });
      return { investment: updated, version: saved };
    });
  }

  /** Every month of the project with its figures (this month, YTD, since start, with provenance) and versions, newest first. */
  async reports(projectId: number): Promise<MonthlyReport[]> {
    const project = await this.ctx.repos.projects.get(projectId);
    if (!project) throw new LantuError('NOT_FOUND', { zh: `项目 ${projectId}`, en: `project ${projectId}` });
    const [months, versions, pending] = await Promise.all([
      this.ctx.repos.investments.listByProject(projectId),
      this.ctx.repos.investments.versionsByProject(projectId),
      this.pendingReasons(projectId),
    ]);
    const byInvestment = new Map<number, ProjectInvestmentVersionRow[]>();
    for (const v of versions) byInvestment.set(v.investmentId, [...(byInvestment.get(v.investmentId) ?? []), v]);
    return months
      .map((investment) => {
        const stored = byInvestment.get(investment.id) ?? [];
        return {
          investment,
          figures: monthlyFigures(months, investment.year, investment.month),
          versions: stored.length
            ? stored.map(presentVersionRow)
            : investment.state === 'approved'
              ? [implicitVersion(investment)]
              : [],
          pendingReason: investment.state === 'approved' ? null : (pending.get(investment.id) ?? null),
        };
      })
      .reverse();
  }

  /** The newest return/reopen reason of each of the project's months (from the audit log). */
  private async pendingReasons(projectId: number): Promise<Map<number, string>> {
    const changes = await this.ctx.repos.projects.changesSince([projectId], new Date(0));
    const out = new Map<number, string>();
    for (const c of changes) {
      if (c.entity !== 'project_investment') continue;
      const id = Number(c.entityId);
      if (out.has(id) || (c.action !== 'return' && c.action !== 'reopen' && c.action !== 'approve')) continue;
      const reason = (c.after as { reason?: unknown } | null)?.reason;
      // an approval after the return closes it: record an empty reason so older returns are ignored
      out.set(id, c.action === 'approve' ? '' : typeof reason === 'string' ? reason : '');
    }
    for (const [k, v] of out) if (!v) out.delete(k);
    return out;
  }

  /** Stores version 1 of a month approved before versions were kept; returns the latest version. */
  private async ensureFirstVersion(repos: Repositories, row: ProjectInvestmentRow) {
    const latest = await repos.investments.latestVersion(row.id);
    if (latest) return latest;
    return repos.investments.insertVersion({
      investmentId: row.id,
      projectId: row.projectId,
      year: row.year,
      month: row.month,
      version: 1,
      planned: row.planned,
      completed: row.completed,
      progressText: row.progressText,
      reason: null,
      approvedBy: row.updatedBy,
    });
  }

  private async mustMonth(repos: Repositories, projectId: number, year: number, month: number) {
    const row = await repos.investments.find(projectId, year, month);
    if (!row) {
      throw new LantuError('NOT_FOUND', {
        zh: `项目 ${projectId} ${year}年${month}月月报`,
        en: `monthly report of project ${projectId} for ${year}-${month}`,
      });
    }
    return row;
  }

  /** The project office reopens an approved month for a correction; the reason is required and audited. */
  reopen(projectId: number, year: number, month: number, version: number, reason: string, actor: string) {
    if (!reason.trim()) {
      throw new LantuError('VALIDATION_FAILED', { zh: '重新打开须说明理由', en: 'reopening needs a reason' });
    }
    return this.move(projectId, year, month, version, actor, 'reopen', reason.trim());
  }

  private move(
    projectId: number,
    year: number,
    month: number,
    version: number,
    actor: string,
    action: 'approve' | 'reopen' | 'submit' | 'return',
    reason?: string,
  ) {
    return this.ctx.transaction(async (repos) => {
      const row = await this.mustMonth(repos, projectId, year, month);
      if (row.version !== version) throw stale(row);
      if (row.state === 'approved' && action !== 'reopen') throw frozen(row);
      if (action === 'reopen' && row.state !== 'approved') {
        throw new LantuError('VALIDATION_FAILED', {
          zh: '只有已审核的月份需要重新打开',
          en: 'only an approved month needs reopening',
        });
      }
      if (action === 'submit' && row.state === 'submitted') {
        throw new LantuError('VALIDATION_FAILED', { zh: '该月报已报送', en: 'the month is already submitted' });
      }
      if (action === 'return' && row.state !== 'submitted') {
        throw new LantuError('VALIDATION_FAILED', {
          zh: '只有已报送的月报可以退回',
          en: 'only a submitted month can be sent back',
        });
      }
      // reopening keeps the approved state readable: store it as a version before it can change
      const previous =
        action === 'reopen' || action === 'approve' ? await this.latestOrFirst(repos, row, action) : null;
      const state = { approve: 'approved', reopen: 'returned', submit: 'submitted', return: 'returned' } as const;
      const updated = await repos.investments.updateVersioned(row.id, version, {
        state: state[action],
        updatedBy: actor,
      });
      if (!updated) throw stale(row);
      let reportVersion: number | null = null;
      if (action === 'approve') {
        const reopenReason = previous ? await this.lastReopenReason(repos, row.id) : null;
        const saved = await repos.investments.insertVersion({
          investmentId: row.id,
          projectId,
          year,
          month,
          version: (previous?.version ?? 0) + 1,
          planned: updated.planned,
          completed: updated.completed,
          progressText: updated.progressText,
          reason: reopenReason,
          approvedBy: actor,
        });
        reportVersion = saved.version;
      }
      await repos.audit.record({
        actor,
        action,
        entity: 'project_investment',
        entityId: String(row.id),
        before: pick(row),
        after: { ...pick(updated), reason: reason ?? null, ...(reportVersion ? { reportVersion } : {}) },
      });
      return updated;
    });
  }

  /** For reopen: make sure version 1 exists. For approve: the latest stored version, if any. */
  private async latestOrFirst(repos: Repositories, row: ProjectInvestmentRow, action: 'approve' | 'reopen') {
    if (action === 'reopen') return this.ensureFirstVersion(repos, row);
    return (await repos.investments.latestVersion(row.id)) ?? null;
  }

  private async lastReopenReason(repos: Repositories, investmentId: number): Promise<string | null> {
    const entries = await repos.audit.list('project_investment', String(investmentId));
    const reopen = entries.find((e) => e.action === 'reopen');
    const reason = (reopen?.after as { reason?: unknown } | null)?.reason;
    return typeof reason === 'string' ? reason : null;
  }

  private check(year: number, month: number, input: InvestmentInput) {
    const errors: Array<{ field: string; zh: string; en: string }> = [];
    const today = isoToday(this.clock);
    if (!Number.isInteger(month) || month < 1 || month > 12) {
      errors.push({ field: 'month', zh: `月份${month}无效`, en: `month ${month} is not valid` });
    }
    if (!Number.isInteger(year) || year < 2000 || year > Number(today.slice(0, 4)) + 10) {
      errors.push({ field: 'year', zh: `年份${year}无效`, en: `year ${year} is not valid` });
    }
    for (const k of ['planned', 'completed'] as const) {
      const v = input[k];
      if (!Number.isFinite(v) || v < 0) {
        errors.push({
          field: k,
          zh: `${k === 'planned' ? '计划投资' : '完成投资'}应为非负数（万元）`,
          en: `${k} must be a non-negative number (10k yuan)`,
        });
      }
    }
    const ym = `${year}-${String(month).padStart(2, '0')}`;
    if (input.completed > 0 && ym > today.slice(0, 7)) {
      errors.push({
        field: 'completed',
        zh: `${ym}尚未到来，不能填报完成投资`,
        en: `${ym} has not come yet; no completed investment can be reported`,
      });
    }
    return errors;
  }
}

function pick(r: ProjectInvestmentRow) {
  return {
    projectId: r.projectId,
    year: r.year,
    month: r.month,
    planned: r.planned,
    completed: r.completed,
    progressText: r.progressText,
    state: r.state,
  };
}

function presentVersionRow(v: ProjectInvestmentVersionRow): ReportVersion {
  return {
    version: v.version,
    planned: v.planned,
    completed: v.completed,
    progressText: v.progressText,
    reason: v.reason,
    approvedBy: v.approvedBy,
    approvedAt: v.createdAt,
    implicit: false,
  };
}

function implicitVersion(r: ProjectInvestmentRow): ReportVersion {
  return {
    version: 1,
    planned: r.planned,
    completed: r.completed,
    progressText: r.progressText,
    reason: null,
    approvedBy: r.updatedBy,
    approvedAt: r.updatedAt,
    implicit: true,
  };
}

function frozen(r: ProjectInvestmentRow): LantuError {
  return new LantuError(
    'INVESTMENT_FROZEN',
    {
      zh: `${r.year}年${r.month}月投资已审核锁定；如需更正，请由项目办提交更正（说明理由，生成新版本）或重新打开（reopen）该月`,
      en: `${r.year}-${String(r.month).padStart(2, '0')} is approved and frozen; to correct it the project office must file a correction with a reason (a new version) or reopen the month`,
    },
    { state: r.state, currentVersion: r.version },
  );
}

function stale(r: ProjectInvestmentRow): LantuError {
  return new LantuError(
    'STALE_VERSION',
    {
      zh: `${r.year}年${r.month}月投资已被他人修改`,
      en: `the ${r.year}-${r.month} investment was changed by someone else`,
    },
    { currentVersion: r.version },
  );
}
