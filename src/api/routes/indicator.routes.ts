import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { presentEvaluation, presentIndicator, presentValue } from '../presenters.ts';
import { ErrorView, IdParams, IndicatorView, RollupView, StatusView, ValueView, WarningView } from '../views.ts';
import { EvaluatedIndicator, IndicatorListReply, indicatorListBody } from './indicator-list.presenter.ts';

const period = z
  .string()
  .regex(/^\d{4}(Q[1-4]|-\d{2})?$/, '期间如 2023、2023Q3、2023-07 / period like 2023, 2023Q3, 2023-07');
const regionCode = z.string().regex(/^\d{6}$/);
const EvaluationQuery = z.object({ period, region: regionCode.optional() });
const IndicatorPatchBody = z.object({
  version: z.number().int().positive(),
  leadUnit: z.string().max(100).nullable().optional(),
  supportingUnits: z.array(z.string().max(100)).max(30).optional(),
  dataSource: z.string().max(200).nullable().optional(),
  direction: z.enum(['higher', 'lower']).optional(),
  attribute: z.enum(['expected', 'binding']).optional(),
  frequency: z.enum(['year', 'quarter', 'month']).optional(),
});
const errors = { 400: ErrorView, 404: ErrorView, 409: ErrorView, 422: ErrorView };

const AssignmentView = z.object({
  year: z.number(),
  value: z.number(),
  note: z.string(),
  evidence: z
    .object({
      documentId: z.number(),
      start: z.number().nullable(),
      end: z.number().nullable(),
      text: z.string().nullable(),
    })
    .nullable(),
});
const AssignmentsBody = z.object({
  version: z.number().int().positive(),
  assignments: z
    .array(
      z.object({
        year: z.number().int(),
        value: z.number(),
        note: z.string().max(300),
        documentId: z.number().int().positive().nullable().optional(),
        quote: z.string().max(500).nullable().optional(),
      }),
    )
    .max(50),
});
const AssignmentsReply = z.object({ indicator: IndicatorView, assignments: z.array(AssignmentView) });

export function indicatorRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/plans/:id/indicators',
      {
        schema: {
          tags: ['indicators'],
          summary: '指标及评估状态 Indicators with their status at a period',
          params: IdParams,
          querystring: EvaluationQuery,
          response: {
            200: IndicatorListReply,
            ...errors,
          },
        },
      },
      async (request, reply) => {
        // One read of the plans row decides whether the cached list is current (see EvaluationService.list);
        // the body is then validated and serialized once per list (see indicatorListBody) and sent as is.
        const list = await services.evaluation.list(request.params.id, request.query.period, request.query.region);
        // `as never`: the typed send expects the reply object; a Buffer is a body Fastify sends unserialized.
        return reply.type('application/json; charset=utf-8').send(indicatorListBody(list) as never);
      },
    );

    app.get(
      '/plans/:id/cockpit',
      {
        schema: {
          tags: ['indicators'],
          summary: '驾驶舱 Cockpit: status counts, behind list, category × county heat map',
          params: IdParams,
          querystring: z.object({ period }),
          response: {
            200: z.object({
              period: z.string(),
              counts: z.record(z.string(), z.number()),
              byCategory: z.array(RollupView),
              behind: z.array(EvaluatedIndicator),
              heat: z.array(
                z.object({ region: z.object({ code: z.string(), name: z.string() }), groups: z.array(RollupView) }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const c = await services.evaluation.cockpit(request.params.id, request.query.period);
        const strip = (g: {
          key: string;
          counts: Record<string, number>;
          total: number;
          assessed: number;
          score: number | null;
        }) => ({
          key: g.key,
          counts: g.counts,
          total: g.total,
          assessed: g.assessed,
          score: g.score,
        });
        return {
          period: c.period,
          counts: c.counts?.counts ?? {},
          byCategory: c.byCategory.map(strip),
          behind: c.behind.map((e) => ({
            indicator: presentIndicator(e.indicator),
            evaluation: presentEvaluation(e.result),
            latest: e.latest,
          })),
          heat: c.heat.map((h) => ({ region: h.region, groups: h.groups.map(strip) })),
        };
      },
    );

    app.get(
      '/indicators/:id',
      {
        schema: {
          tags: ['indicators'],
          summary: '指标详情：路径、实际值、各年状态、各县数值 Indicator detail',
          params: IdParams,
          querystring: z.object({ region: regionCode.optional() }),
          response: {
            200: z.object({
              indicator: IndicatorView,
              trajectory: z.array(
                z.object({
                  period: z.string(),
                  expected: z.number().nullable(),
                  actual: z.number().nullable(),
                  judged: z.number().nullable(),
                  status: StatusView,
                  reason: z.object({ zh: z.string(), en: z.string() }),
                }),
              ),
              values: z.array(ValueView),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const indicator = await services.indicators.get(request.params.id);
        const trajectory = await services.evaluation.trajectory(indicator.id, request.query.region);
        const values = await services.values.listForIndicator(indicator.id);
        return { indicator: presentIndicator(indicator), trajectory, values: values.map(presentValue) };
      },
    );

    app.patch(
      '/indicators/:id',
      {
        config: { permission: 'indicator:write' },
        schema: {
          tags: ['indicators'],
          summary: '设置责任单位等 Set owner, direction, frequency',
          params: IdParams,
          body: IndicatorPatchBody,
          response: { 200: z.object({ indicator: IndicatorView }), ...errors },
        },
      },
      async (request) => {
        const { version, ...patch } = request.body;
        const row = await services.indicators.update(request.params.id, version, patch, request.actor.id);
        return { indicator: presentIndicator(row) };
      },
    );

    app.get(
      '/indicators/:id/assignments',
      {
        schema: {
          tags: ['indicators'],
          summary: '省下达目标 Provincial assignments by year, with their sources',
          params: IdParams,
          response: { 200: AssignmentsReply, ...errors },
        },
      },
      async (request) => {
        const r = await services.indicators.assignments(request.params.id);
        return { indicator: presentIndicator(r.indicator), assignments: r.assignments };
      },
    );

    app.put(
      '/indicators/:id/assignments',
      {
        config: { permission: 'indicator:write' },
        schema: {
          tags: ['indicators'],
          summary: '设置省下达目标（整表替换，带版本）Replace the provincial assignments (versioned)',
          params: IdParams,
          body: AssignmentsBody,
          response: { 200: AssignmentsReply, ...errors },
        },
      },
      async (request) => {
        const { version, assignments } = request.body;
        const r = await services.indicators.setAssignments(request.params.id, version, assignments, request.actor.id);
        return { indicator: presentIndicator(r.indicator), assignments: r.assignments };
      },
    );

    app.get(
      '/indicators/:id/history',
      {
        schema: {
          tags: ['indicators'],
          summary: '变更记录 Change history',
          params: IdParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  at: z.string(),
                  actor: z.string(),
                  action: z.string(),
                  before: z.unknown(),
                  after: z.unknown(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({
        items: (await services.indicators.history(request.params.id)).map((h) => ({
          at: h.at.toISOString(),
          actor: h.actor,
          action: h.action,
          before: h.before,
          after: h.after,
        })),
      }),
    );

    app.post(
      '/indicators/:id/values',
      {
        config: { permission: 'value:write' },
        schema: {
          tags: ['values'],
          summary: '填报数值 Record a value (draft); `version` when editing an existing one',
          params: IdParams,
          body: z.object({
            regionCode,
            period,
            value: z.union([z.number(), z.string()]),
            note: z.string().max(2000).nullable().optional(),
            evidence: z.record(z.string(), z.unknown()).nullable().optional(),
            version: z.number().int().positive().optional(),
          }),
          response: { 200: z.object({ value: ValueView, warnings: z.array(WarningView) }), ...errors },
        },
      },
      async (request) => {
        const { value, warnings } = await services.values.record(request.params.id, request.body, request.actor.id);
        return { value: presentValue(value), warnings };
      },
    );

    app.post(
      '/values/:id/:action',
      {
        config: { permission: 'value:approve' },
        schema: {
          tags: ['values'],
          summary: '提交、审核通过或退回 Submit, approve or return a value',
          params: z.object({ id: z.coerce.number().int().positive(), action: z.enum(['submit', 'approve', 'return']) }),
          body: z.object({ version: z.number().int().positive(), reason: z.string().max(500).optional() }),
          response: { 200: z.object({ value: ValueView }), ...errors },
        },
      },
      async (request) => {
        const { id, action } = request.params;
        const v = await services.values.transition(
          id,
          action,
          request.body.version,
          request.actor.id,
          request.body.reason,
        );
        return { value: presentValue(v) };
      },
    );
  };
}
