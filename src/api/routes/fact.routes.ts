import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { presentValue } from '../presenters.ts';
import { ErrorView, IdParams, ValueView, WarningView } from '../views.ts';
import { DocumentFactsView, presentDocumentFacts } from './fact.presenter.ts';

const errors = { 400: ErrorView, 404: ErrorView, 409: ErrorView, 422: ErrorView };
const planId = z.coerce.number().int().positive();

const documentDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, '日期如 2024、2024-01、2024-01-05 / date like 2024, 2024-01, 2024-01-05');
const FactsQuery = z.object({ plan: planId.optional(), date: documentDate.optional() });
const AcceptParams = z.object({ id: z.coerce.number().int().positive(), factId: z.string().regex(/^\d+$/) });
const AcceptBody = z.object({
  plan: z.number().int().positive(),
  indicatorId: z.number().int().positive().optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码为 6 位数字 / a region code has 6 digits')
    .optional(),
  period: z
    .string()
    .regex(/^\d{4}(Q[1-4]|-\d{2})?$/, '期间如 2023、2023Q3、2023-07 / period like 2023, 2023Q3, 2023-07')
    .optional(),
  value: z.number().optional(),
  note: z.string().max(2000).nullable().optional(),
  version: z.number().int().positive().optional(),
  date: documentDate.optional(),
});

/** The news as a source of values: the facts a document states, and accepting one as a submitted value. */
export function factRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/documents/:id/facts',
      {
        schema: {
          tags: ['documents'],
          summary:
            '文档中的量化事实及其对应指标 Facts a document states, matched to the indicators of a plan (`plan`); `date` resolves 去年 and 8月8日',
          params: IdParams,
          querystring: FactsQuery,
          response: { 200: DocumentFactsView, ...errors },
        },
      },
      async (request) =>
        presentDocumentFacts(
          await services.facts.ofDocument(request.params.id, request.query.plan, undefined, request.query.date),
        ),
    );

    app.post(
      '/documents/:id/facts/:factId/accept',
      {
        config: { permission: 'value:write' },
        schema: {
          tags: ['values'],
          summary: '采用事实为指标数值（已提交，附证据） Accept a fact as a submitted value with its evidence',
          params: AcceptParams,
          body: AcceptBody,
          response: { 201: z.object({ value: ValueView, warnings: z.array(WarningView) }), ...errors },
        },
      },
      async (request, reply) => {
        const { plan, date, ...rest } = request.body;
        const { value, warnings } = await services.facts.accept(
          request.params.id,
          request.params.factId,
          { planId: plan, documentDate: date, ...rest },
          request.actor.id,
        );
        return reply.status(201).send({ value: presentValue(value), warnings });
      },
    );
  };
}
