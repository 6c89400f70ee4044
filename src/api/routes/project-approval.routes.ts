import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { APPROVAL_KIND_VALUES, APPROVAL_STATUS_VALUES } from '../../domain/projects/index.ts';
import type { BlockerQuery } from '../../services/project-approval.service.ts';
import type { ApiServices } from '../app.ts';
import { ErrorView, IdParams } from '../views.ts';
import { ApprovalView, FactorBlockerView, presentApproval, presentFactorBlocker } from './project-detail.presenters.ts';

const errors = { 400: ErrorView, 404: ErrorView, 409: ErrorView, 422: ErrorView };
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式 YYYY-MM-DD / date as YYYY-MM-DD');
const text = (max: number) => z.string().max(max).nullable().optional();

const ApprovalFieldsBody = z.object({
  kind: z.enum(APPROVAL_KIND_VALUES).optional(),
  title: z.string().min(1).max(200).optional(),
  status: z.enum(APPROVAL_STATUS_VALUES).optional(),
  permitNo: text(100),
  department: text(200),
  dueOn: isoDate.nullable().optional(),
  doneOn: isoDate.nullable().optional(),
  quantity: z.number().nonnegative().nullable().optional(),
  quantityUnit: text(20),
  note: text(2000),
});

export function projectApprovalRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/projects/:id/approvals',
      {
        schema: {
          tags: ['projects'],
          summary: '审批与要素保障清单（状态、文号、部门、超期） Approval and factor-support checklist',
          params: IdParams,
          querystring: z.object({ asOf: isoDate.optional() }),
          response: { 200: z.object({ asOf: z.string(), items: z.array(ApprovalView) }), ...errors },
        },
      },
      async (request) => {
        const r = await services.approvals.list(request.params.id, request.query.asOf);
        return { asOf: r.asOf, items: r.items.map((i) => presentApproval(i.approval, i.alert)) };
      },
    );

    app.post(
      '/projects/:id/approvals',
      {
        config: { permission: 'project:write' },
        schema: {
          tags: ['projects'],
          summary: '新增审批或要素保障事项 Add a checklist item',
          params: IdParams,
          body: ApprovalFieldsBody.extend({ kind: z.enum(APPROVAL_KIND_VALUES), title: z.string().min(1).max(200) }),
          response: { 201: z.object({ item: ApprovalView }), ...errors },
        },
      },
      async (request, reply) => {
        const row = await services.approvals.create(request.params.id, request.body, request.actor.id);
        return reply.status(201).send({ item: presentApproval(row, services.approvals.alert(row)) });
      },
    );

    app.post(
      '/projects/:id/approvals/defaults',
      {
        config: { permission: 'project:write' },
        schema: {
          tags: ['projects'],
          summary: '为没有清单的项目生成默认清单（用地、能评、环评、资金、规划许可、施工许可） Default checklist',
          params: IdParams,
          response: { 200: z.object({ added: z.number(), items: z.array(ApprovalView) }), ...errors },
        },
      },
      async (request) => {
        const r = await services.approvals.addDefaults(request.params.id, request.actor.id);
        return { added: r.added, items: r.items.map((a) => presentApproval(a, services.approvals.alert(a))) };
      },
    );

    app.patch(
      '/approvals/:id',
      {
        config: { permission: 'project:write' },
        schema: {
          tags: ['projects'],
          summary: '修改清单事项（办结须填日期，许可类须填文号）；`version` 必填 Update a checklist item',
          params: IdParams,
          body: ApprovalFieldsBody.extend({ version: z.number().int().positive() }),
          response: { 200: z.object({ item: ApprovalView }), ...errors },
        },
      },
      async (request) => {
        const { version, ...fields } = request.body;
        const row = await services.approvals.update(request.params.id, version, fields, request.actor.id);
        return { item: presentApproval(row, services.approvals.alert(row)) };
      },
    );

    app.delete(
      '/approvals/:id',
      {
        config: { permission: 'project:write' },
        schema: {
          tags: ['projects'],
          summary: '删除清单事项 Delete a checklist item',
          params: IdParams,
          querystring: z.object({ version: z.coerce.number().int().positive() }),
          response: { 200: z.object({ deleted: z.number() }), ...errors },
        },
      },
      async (request) => {
        const row = await services.approvals.remove(request.params.id, request.query.version, request.actor.id);
        return { deleted: row.id };
      },
    );

    app.get(
      '/factor-blockers',
      {
        schema: {
          tags: ['projects'],
          summary:
            '要素保障受阻项目（受阻或超期的审批事项，含责任单位与部门；通报红黄榜用） Projects blocked by factor issues',
          querystring: z.object({
            year: z.coerce.number().int().min(2000).max(2100).optional(),
            quarter: z.coerce.number().int().min(1).max(4).optional(),
            asOf: isoDate.optional(),
          }),
          response: { 200: z.object({ asOf: z.string(), projects: z.array(FactorBlockerView) }), ...errors },
        },
      },
      async (request) => {
        const { year, quarter, asOf } = request.query;
        const query: BlockerQuery =
          year !== undefined && quarter !== undefined
            ? { year, quarter: quarter as 1 | 2 | 3 | 4 }
            : asOf !== undefined
              ? { asOf }
              : {};
        const r = await services.approvals.listFactorBlockers(query);
        return { asOf: r.asOf, projects: r.projects.map(presentFactorBlocker) };
      },
    );
  };
}
