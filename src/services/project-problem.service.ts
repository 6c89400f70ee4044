import type { ProjectProblemRow } from '../db/schema.ts';
import { isIsoDate, overdueProblems, problemStatus } from '../domain/projects/index.ts';
import { LantuError } from '../errors.ts';
import type { ServiceContext } from './context.ts';
import { type Clock, isoToday } from './project.service.ts';

export interface ProblemInput {
  title: string;
  kind?: string | null | undefined;
  owner?: string | null | undefined;
  deadline: string;
  raisedOn?: string | undefined;
}

export interface CloseInput {
  version: number;
  closedOn?: string | undefined;
  /** What shows the problem is solved: a note, and optionally a document or link. */
  evidence: { text: string; documentId?: number | undefined; url?: string | undefined };
}

/** 问题台账: blockers with deadlines; overdue ones escalate county → city → leader (problemStatus). */
export class ProjectProblemService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly clock: Clock = () => new Date(),
  ) {}

  async create(projectId: number, input: ProblemInput, actor: string) {
    const today = isoToday(this.clock);
    const raisedOn = input.raisedOn ?? today;
    const errors: Array<{ field: string; zh: string; en: string }> = [];
    if (!input.title.trim()) errors.push({ field: 'title', zh: '问题描述不能为空', en: 'the problem needs a title' });
    if (!isIsoDate(input.deadline)) {
      errors.push({
        field: 'deadline',
        zh: `办理时限“${input.deadline}”无效`,
        en: `deadline “${input.deadline}” is not valid`,
      });
    }
    if (!isIsoDate(raisedOn) || raisedOn > today) {
      errors.push({
        field: 'raisedOn',
        zh: `提出日期“${raisedOn}”无效`,
        en: `raised-on date “${raisedOn}” is not valid`,
      });
    } else if (isIsoDate(input.deadline) && input.deadline < raisedOn) {
      errors.push({ field: 'deadline', zh: '办理时限早于提出日期', en: 'the deadline is before the date raised' });
    }
    if (errors.length) {
      throw new LantuError(
        'VALIDATION_FAILED',
        { zh: errors.map((e) => e.zh).join('；'), en: errors.map((e) => e.en).join('; ') },
        { errors },
      );
    }
    return this.ctx.transaction(async (repos) => {
      if (!(await repos.projects.get(projectId))) {
        throw new LantuError('NOT_FOUND', { zh: `项目 ${projectId}`, en: `project ${projectId}` });
      }
      const row = await repos.problems.insert({
        projectId,
        title: input.title.trim(),
        kind: input.kind ?? null,
        owner: input.owner ?? null,
        deadline: input.deadline,
        raisedOn,
      });
      await repos.audit.record({
        actor,
        action: 'create',
        entity: 'project_problem',
        entityId: String(row.id),
        after: { projectId, title: row.title, kind: row.kind, owner: row.owner, deadline: row.deadline },
      });
      return row;
    });
  }

  /** 销号: closing needs evidence; a closed problem cannot be closed again. */
  async close(problemId: number, input: CloseInput, actor: string) {
    const today = isoToday(this.clock);
    const closedOn = input.closedOn ?? today;
    if (!input.evidence.text.trim()) {
      throw new LantuError('VALIDATION_FAILED', { zh: '销号须附办结依据', en: 'closing a problem needs evidence' });
    }
    if (!isIsoDate(closedOn) || closedOn > today) {
      throw new LantuError('VALIDATION_FAILED', {
        zh: `销号日期“${closedOn}”无效`,
        en: `closing date “${closedOn}” is not valid`,
      });
    }
    return this.ctx.transaction(async (repos) => {
      const p = await repos.problems.get(problemId);
      if (!p) throw new LantuError('NOT_FOUND', { zh: `问题 ${problemId}`, en: `problem ${problemId}` });
      if (p.closedOn) {
        throw new LantuError('PROBLEM_CLOSED', { zh: `已于${p.closedOn}销号`, en: `closed on ${p.closedOn}` });
      }
      if (p.version !== input.version) throw new LantuError('STALE_VERSION', undefined, { currentVersion: p.version });
      if (closedOn < p.raisedOn) {
        throw new LantuError('VALIDATION_FAILED', { zh: '销号日期早于提出日期', en: 'closed before it was raised' });
      }
      const evidence = { ...input.evidence, text: input.evidence.text.trim() };
      const row = await repos.problems.updateVersioned(p.id, p.version, { closedOn, closeEvidence: evidence });
      if (!row) throw new LantuError('STALE_VERSION');
      await repos.audit.record({
        actor,
        action: 'close',
        entity: 'project_problem',
        entityId: String(p.id),
        before: { projectId: p.projectId, closedOn: null },
        after: { projectId: p.projectId, closedOn, evidence },
      });
      return row;
    });
  }

  status(p: ProjectProblemRow, today = isoToday(this.clock)) {
    return problemStatus(
      { id: String(p.id), projectId: String(p.projectId), deadline: p.deadline ?? p.raisedOn, closedOn: p.closedOn },
      today,
    );
  }

  /** Overdue open problems as of `asOf` (default today), longest overdue first, with their projects. */
  async overdue(opts: { regionCode?: string | undefined; asOf?: string | undefined } = {}) {
    const today = opts.asOf ?? isoToday(this.clock);
    const repos = this.ctx.repos;
    // the few problems overdue on the day first, then only their projects (not every project of the city)
    const candidates = await repos.problems.overdueOn(today);
    const inScope = opts.regionCode
      ? new Set([opts.regionCode, ...(await repos.regions.list({ parentCode: opts.regionCode })).map((r) => r.code)])
      : null;
    const projects = (await repos.projects.getMany([...new Set(candidates.map((p) => p.projectId))])).filter(
      (p) => !inScope || (p.regionCode !== null && inScope.has(p.regionCode)),
    );
    const byId = new Map(projects.map((p) => [p.id, p]));
    const open = candidates.filter((p) => byId.has(p.projectId) && p.deadline);
    const rows = new Map(open.map((p) => [String(p.id), p]));
    const items = overdueProblems(
      open.map((p) => ({
        id: String(p.id),
        projectId: String(p.projectId),
        deadline: p.deadline!,
        closedOn: p.closedOn,
      })),
      today,
    ).map((s) => {
      const problem = rows.get(s.id)!;
      return { problem, status: s, project: byId.get(problem.projectId)! };
    });
    // the counties' names, for a list the office reads by county (a dozen lookups at most)
    const regionNames = new Map<string, string>();
    for (const code of new Set(items.map((i) => i.project.regionCode).filter((c): c is string => !!c))) {
      const region = await this.ctx.repos.regions.get(code);
      if (region) regionNames.set(code, region.name);
    }
    return { asOf: today, items, regionNames };
  }
}
