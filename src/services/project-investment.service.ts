import type { ProjectInvestmentRow } from '../db/schema.ts';
import { LantuError } from '../errors.ts';
import type { ServiceContext } from './context.ts';
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

/**
 * Monthly investment (月度投资). Decision on corrections: an approved month is frozen — its
 * figures entered the statistics and possibly a published bulletin, so a plain edit is refused
 * (INVESTMENT_FROZEN). A correction needs an explicit reopen by the project office with a reason
 * (`reopen`: state → returned, audited); the month can then be edited and approved again. A later
 * month never silently rewrites an earlier one.
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
    action: 'approve' | 'reopen',
    reason?: string,
  ) {
    return this.ctx.transaction(async (repos) => {
      const row = await repos.investments.find(projectId, year, month);
      if (!row) {
        throw new LantuError('NOT_FOUND', {
          zh: `项目 ${projectId} ${year}年${month}月投资`,
          en: `investment of project ${projectId} for ${year}-${month}`,
        });
      }
      if (row.version !== version) throw stale(row);
      if (action === 'approve' && row.state === 'approved') throw frozen(row);
      if (action === 'reopen' && row.state !== 'approved') {
        throw new LantuError('VALIDATION_FAILED', {
          zh: '只有已审核的月份需要重新打开',
          en: 'only an approved month needs reopening',
        });
      }
      const state = action === 'approve' ? 'approved' : 'returned';
      const updated = await repos.investments.updateVersioned(row.id, version, { state, updatedBy: actor });
      if (!updated) throw stale(row);
      await repos.audit.record({
        actor,
        action,
        entity: 'project_investment',
        entityId: String(row.id),
        before: pick(row),
        after: { ...pick(updated), reason: reason ?? null },
      });
      return updated;
    });
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

function frozen(r: ProjectInvestmentRow): LantuError {
  return new LantuError(
    'INVESTMENT_FROZEN',
    {
      zh: `${r.year}年${r.month}月投资已审核锁定；如需更正，请由项目办重新打开（reopen）该月并说明理由`,
      en: `${r.year}-${String(r.month).padStart(2, '0')} is approved and frozen; to correct it the project office must reopen the month with a reason`,
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
