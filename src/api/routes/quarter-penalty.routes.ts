import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { ErrorView } from '../views.ts';
import { By, QuarterParams, RankScopeQuery } from './quarter.routes.ts';
import { PenaltiesReply, PenaltyItemView, presentPenalties, presentPenalty } from './quarter-penalty.presenter.ts';

export function quarterPenaltyRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/quarters/:year/:quarter/penalties',
      {
        schema: {
          tags: ['quarters'],
          summary: '本季度的扣分与否决事项，以及考核细则允许登记的种类 The quarter’s deduction and veto matters',
          params: QuarterParams,
          querystring: RankScopeQuery,
          response: { 200: PenaltiesReply, 400: ErrorView, 404: ErrorView },
        },
      },
      async (request) => {
        const { year, quarter } = request.params;
        return presentPenalties(await services.penalties.view(year, quarter, request.query.by, request.query.city));
      },
    );

    app.post(
      '/quarters/:year/:quarter/penalties',
      {
        config: { permission: 'quarter:write' },
        schema: {
          tags: ['quarters'],
          summary: '登记一项扣分或否决事项 Record a deduction or veto matter against a county or zone',
          params: QuarterParams,
          body: z.object({
            by: By,
            groupKey: z.string().min(1).max(100),
            input: z.string().min(1).max(100),
            occurredOn: z.string().max(10),
            reason: z.string().max(1000),
            source: z.string().max(300).nullish(),
          }),
          response: { 200: PenaltyItemView, 400: ErrorView, 404: ErrorView, 409: ErrorView, 422: ErrorView },
        },
      },
      async (request) => {
        const { year, quarter } = request.params;
        return presentPenalty(await services.penalties.record(year, quarter, request.body, request.actor.id));
      },
    );

    app.delete(
      '/quarters/:year/:quarter/penalties/:id',
      {
        config: { permission: 'quarter:write' },
        schema: {
          tags: ['quarters'],
          summary: '删除一项扣分或否决事项 Delete a deduction or veto matter',
          params: QuarterParams.extend({ id: z.coerce.number().int().positive() }),
          response: { 204: z.null(), 404: ErrorView, 409: ErrorView },
        },
      },
      async (request, reply) => {
        const { year, quarter, id } = request.params;
        await services.penalties.remove(year, quarter, id, request.actor.id);
        return reply.status(204).send(null);
      },
    );
  };
}
