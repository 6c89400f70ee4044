import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { presentValue } from '../presenters.ts';
import { ErrorView, IdParams, ValueView } from '../views.ts';

const ValuesQuery = z.object({
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  period: z
    .string()
    .regex(/^\d{4}(Q[1-4]|-\d{2})?$/, '期间如 2023、2023Q3、2023-07 / period like 2023, 2023Q3, 2023-07')
    .optional(),
});

/** The data-entry page: the values already recorded for one region (the plan's own by default) and period. */
export function valueRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/plans/:id/values',
      {
        schema: {
          tags: ['values'],
          summary: '某地区某期间的填报值 Values recorded for a region and period',
          params: IdParams,
          querystring: ValuesQuery,
          response: { 200: z.object({ items: z.array(ValueView) }), 400: ErrorView, 404: ErrorView },
        },
      },
      async (request) => {
        const plan = await services.plans.get(request.params.id);
        const rows = await services.values.list(plan.id, request.query.region ?? plan.regionCode);
        const { period } = request.query;
        return { items: (period ? rows.filter((v) => v.period === period) : rows).map(presentValue) };
      },
    );
  };
}
