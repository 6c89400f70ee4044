import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { presentAudit, presentInvestment, presentProblem, presentProject } from '../presenters.ts';
import { readUpload } from '../upload.ts';
import {
  AuditView,
  ErrorView,
  IdParams,
  InvestmentView,
  LibraryView,
  LightView,
  ProblemView,
  ProjectView,
} from '../views.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const errors = { 400: ErrorView, 404: ErrorView, 409: ErrorView, 422: ErrorView };
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式 YYYY-MM-DD / date as YYYY-MM-DD');
const regionCode = z.string().regex(/^\d{6}$/);
const text = (max: number) => z.string().max(max).nullable().optional();

const ProjectFieldsBody = z.object({
  name: z.string().min(1).max(200).optional(),
  code: text(40),
  programme: text(300),
  regionCode: z.string().max(20).nullable().optional(),
  zone: text(100),
  industry: text(100),
  chain: text(100),
  ownerName: text(200),
  ownerCreditCode: text(40),
  totalInvestment: z.number().nonnegative().nullable().optional(),
  skipsSigning: z.boolean().optional(),
  plannedStartOn: isoDate.nullable().optional(),
  plannedProductionOn: isoDate.nullable().optional(),
  plannedCapacityOn: isoDate.nullable().optional(),
  responsibleUnit: text(200),
  liaisonLeaders: z.array(z.string().max(50)).max(20).optional(),
  serviceUnit: text(200),
  sourceText: text(5000),
});

const Milestone = z.enum(['signed', 'started', 'completed', 'in_production', 'at_capacity']);
const MonthParams = z.object({
  id: z.coerce.number().int().positive(),
  year: z.coerce.number().int().min(2000).max(2100),
  month: z.coerce.number().int().min(1).max(12),
});
const ProblemWithProject = z.object({
  problem: ProblemView,
  project: z.object({
    id: z.number(),
    name: z.string(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    responsibleUnit: z.string().nullable(),
    liaisonLeaders: z.array(z.string()),
  }),
});

function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function projectRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    // GET /projects (the list, its funnel, facets and export) lives in project-list.routes.ts

    app.post(
      '/projects',
      {
        config: { permission: 'project:write' },
        schema: {
          tags: ['projects'],
          summary: '新建项目 Create a project',
          body: ProjectFieldsBody.extend({
            name: z.string().min(1).max(200),
            planId: z.number().int().positive().nullable().optional(),
            library: LibraryView.optional(),
          }),
          response: { 201: z.object({ project: ProjectView }), ...errors },
        },
      },
      async (request, reply) => {
        const row = await services.projects.create(request.body, request.actor.id);
        // Re-read so the reply carries the region's name, as every other project reply does.
        return reply.status(201).send({ project: presentProject(await services.projects.get(row.id)) });
      },
    );

    app.get(
      '/projects/template.xlsx',
      {
        schema: {
          tags: ['projects'],
          summary: '下载项目清单模板（含现有项目，可改后上传） Project list template that round-trips',
          querystring: z.object({
            plan: z.coerce.number().int().positive().optional(),
            region: regionCode.optional(),
            library: LibraryView.optional(),
          }),
          produces: [XLSX],
        },
      },
      async (request, reply) => {
        const { plan, region, library } = request.query;
        const buf = await services.projectExchange.template({ planId: plan, regionCode: region, library });
        return reply.type(XLSX).header('content-disposition', attachment('项目清单.xlsx')).send(buf);
      },
    );

    app.post(
      '/plans/:id/projects/import',
      {
        config: { permission: 'project:import' },
        schema: {
          tags: ['projects'],
          summary: '上传项目清单（xlsx 或 csv，整体成功或整体不保存） Import the project list: all or nothing',
          params: IdParams,
          consumes: ['multipart/form-data'],
          response: {
            200: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }),
            413: ErrorView,
            ...errors,
          },
        },
      },
      async (request) => {
        const { file } = await readUpload(request);
        return services.projectExchange.importFile(request.params.id, file.bytes, file.fileName, request.actor.id);
      },
    );

    app.post(
      '/plans/:id/projects/from-plan',
      {
        config: { permission: 'project:write' },
        schema: {
          tags: ['projects'],
          summary: '由规划项目专栏生成谋划库项目（可重复执行） Conceived projects from the plan’s project boxes',
          params: IdParams,
          response: {
            200: z.object({ created: z.number(), existing: z.number(), merged: z.number() }),
            ...errors,
          },
        },
      },
      async (request) => services.projects.fromPlan(request.params.id, request.actor.id),
    );

    app.get(
      '/projects/:id',
      {
        schema: {
          tags: ['projects'],
          summary:
            '项目详情：月度投资、问题、预警灯、变更记录 Project with investments, problems, warning light, history',
          params: IdParams,
          querystring: z.object({ asOf: isoDate.optional() }),
          response: {
            200: z.object({
              project: ProjectView,
              investments: z.array(InvestmentView),
              problems: z.array(ProblemView),
              light: LightView,
              asOf: z.string(),
              history: z.array(AuditView),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const d = await services.projects.detail(request.params.id, request.query.asOf);
        return {
          project: presentProject(d.project),
          investments: d.investments.map(presentInvestment),
          problems: d.problems.map((p) => presentProblem(p.problem, p.status)),
          light: d.light,
          asOf: d.asOf,
          history: d.history.map(presentAudit),
        };
      },
    );

    app.patch(
      '/projects/:id',
      {
        config: { permission: 'project:write' },
        schema: {
          tags: ['projects'],
          summary: '修改项目信息（库与节点日期请用状态变更） Update a project; `version` required',
          params: IdParams,
          body: ProjectFieldsBody.extend({ version: z.number().int().positive() }),
          response: { 200: z.object({ project: ProjectView }), ...errors },
        },
      },
      async (request) => {
        const { version, ...fields } = request.body;
        const row = await services.projects.update(request.params.id, version, fields, request.actor.id);
        return { project: presentProject(await services.projects.get(row.id)) };
      },
    );

    app.post(
      '/projects/:id/transition',
      {
        config: { permission: 'project:write' },
        schema: {
          tags: ['projects'],
          summary: '状态变更：入库、节点日期、达产率（按生命周期规则校验） Move library / record milestones',
          params: IdParams,
          body: z.object({
            version: z.number().int().positive(),
            library: LibraryView.optional(),
            milestones: z.partialRecord(Milestone, isoDate.nullable()).optional(),
            capacityRate: z.number().nullable().optional(),
            reason: z.string().max(1000).optional(),
            allowSkip: z.boolean().optional(),
          }),
          response: { 200: z.object({ project: ProjectView }), ...errors },
        },
      },
      async (request) => {
        const row = await services.projects.transition(request.params.id, request.body, request.actor.id);
        return { project: presentProject(await services.projects.get(row.id)) };
      },
    );

    app.get(
      '/projects/:id/history',
      {
        schema: {
          tags: ['projects'],
          summary: '变更记录 Change history',
          params: IdParams,
          response: { 200: z.object({ items: z.array(AuditView) }), ...errors },
        },
      },
      async (request) => ({ items: (await services.projects.history(request.params.id)).map(presentAudit) }),
    );

    app.put(
      '/projects/:id/investments/:year/:month',
      {
        config: { permission: 'project:report' },
        schema: {
          tags: ['projects'],
          summary: '填报月度投资（万元）；已审核的月份锁定 Monthly investment; approved months are frozen',
          params: MonthParams,
          body: z.object({
            planned: z.number().nonnegative(),
            completed: z.number().nonnegative(),
            progressText: z.string().max(2000).nullable().optional(),
            version: z.number().int().positive().optional(),
          }),
          response: { 200: z.object({ investment: InvestmentView }), ...errors },
        },
      },
      async (request) => {
        const { id, year, month } = request.params;
        const row = await services.investments.put(id, year, month, request.body, request.actor.id);
        return { investment: presentInvestment(row) };
      },
    );

    app.post(
      '/projects/:id/investments/:year/:month/approve',
      {
        config: { permission: 'project:approve' },
        schema: {
          tags: ['projects'],
          summary: '审核月度投资（审核后锁定） Approve a month (then frozen)',
          params: MonthParams,
          body: z.object({ version: z.number().int().positive() }),
          response: { 200: z.object({ investment: InvestmentView }), ...errors },
        },
      },
      async (request) => {
        const { id, year, month } = request.params;
        const row = await services.investments.approve(id, year, month, request.body.version, request.actor.id);
        return { investment: presentInvestment(row) };
      },
    );

    app.post(
      '/projects/:id/investments/:year/:month/reopen',
      {
        config: { permission: 'project:approve' },
        schema: {
          tags: ['projects'],
          summary: '项目办重新打开已审核月份以便更正（须说明理由） Reopen an approved month for a correction',
          params: MonthParams,
          body: z.object({ version: z.number().int().positive(), reason: z.string().min(1).max(1000) }),
          response: { 200: z.object({ investment: InvestmentView }), ...errors },
        },
      },
      async (request) => {
        const { id, year, month } = request.params;
        const { version, reason } = request.body;
        const row = await services.investments.reopen(id, year, month, version, reason, request.actor.id);
        return { investment: presentInvestment(row) };
      },
    );

    app.post(
      '/projects/:id/problems',
      {
        config: { permission: 'project:report' },
        schema: {
          tags: ['projects'],
          summary: '登记问题（要素保障等） Raise a problem with an owner and deadline',
          params: IdParams,
          body: z.object({
            title: z.string().min(1).max(500),
            kind: z.string().max(50).nullable().optional(),
            owner: z.string().max(200).nullable().optional(),
            deadline: isoDate,
            raisedOn: isoDate.optional(),
          }),
          response: { 201: z.object({ problem: ProblemView }), ...errors },
        },
      },
      async (request, reply) => {
        const row = await services.problems.create(request.params.id, request.body, request.actor.id);
        return reply.status(201).send({ problem: presentProblem(row, services.problems.status(row)) });
      },
    );

    app.post(
      '/problems/:id/close',
      {
        config: { permission: 'project:approve' },
        schema: {
          tags: ['projects'],
          summary: '问题销号（须附办结依据） Close a problem with evidence',
          params: IdParams,
          body: z.object({
            version: z.number().int().positive(),
            closedOn: isoDate.optional(),
            evidence: z.object({
              text: z.string().min(1).max(2000),
              documentId: z.number().int().positive().optional(),
              url: z.string().max(1000).optional(),
            }),
          }),
          response: { 200: z.object({ problem: ProblemView }), ...errors },
        },
      },
      async (request) => {
        const row = await services.problems.close(request.params.id, request.body, request.actor.id);
        return { problem: presentProblem(row, services.problems.status(row)) };
      },
    );

    app.get(
      '/problems/overdue',
      {
        schema: {
          tags: ['projects'],
          summary: '超期问题及督办层级（县 → 市项目办 → 包联市领导） Overdue problems with escalation level',
          querystring: z.object({ region: regionCode.optional(), asOf: isoDate.optional() }),
          response: { 200: z.object({ asOf: z.string(), items: z.array(ProblemWithProject) }), ...errors },
        },
      },
      async (request) => {
        const { asOf, items, regionNames } = await services.problems.overdue({
          regionCode: request.query.region,
          asOf: request.query.asOf,
        });
        return {
          asOf,
          items: items.map((i) => ({
            problem: presentProblem(i.problem, i.status),
            project: {
              id: i.project.id,
              name: i.project.name,
              regionCode: i.project.regionCode,
              regionName: i.project.regionCode ? (regionNames.get(i.project.regionCode) ?? null) : null,
              responsibleUnit: i.project.responsibleUnit,
              liaisonLeaders: i.project.liaisonLeaders,
            },
          })),
        };
      },
    );

    app.get(
      '/leaders',
      {
        schema: {
          tags: ['projects'],
          summary: '包联市领导（一联五） Liaison leaders with their project counts',
          response: { 200: z.object({ items: z.array(z.object({ name: z.string(), projects: z.number() })) }) },
        },
      },
      async () => ({ items: (await services.projects.leaders()).map((l) => ({ name: l.name, projects: l.n })) }),
    );

    app.get(
      '/leaders/:name/projects',
      {
        schema: {
          tags: ['projects'],
          summary: '一联五：领导包联的项目、未办结问题、上季度以来的变化 A leader’s projects, open problems, changes',
          params: z.object({ name: z.string().min(1).max(50) }),
          querystring: z.object({ since: isoDate.optional() }),
          response: {
            200: z.object({
              leader: z.string(),
              since: z.string(),
              projects: z.array(ProjectView),
              openProblems: z.array(ProblemView),
              changes: z.array(AuditView),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const since = request.query.since ? new Date(`${request.query.since}T00:00:00Z`) : undefined;
        const r = await services.projects.forLeader(request.params.name, since);
        return {
          leader: r.leader,
          since: r.since.toISOString(),
          projects: r.projects.map(presentProject),
          openProblems: r.openProblems.map((p) => presentProblem(p.problem, p.status)),
          changes: r.changes.map(presentAudit),
        };
      },
    );
  };
}
