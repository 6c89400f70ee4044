import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { presentValue } from '../presenters.ts';
import { ErrorView, IdParams, ValueView } from '../views.ts';

const ReviewItem = z.object({
  value: ValueView,
  indicator: z.object({ id: z.number(), name: z.string(), unit: z.string(), leadUnit: z.string().nullable() }),
  region: z.object({ code: z.string(), name: z.string() }),
  previous: z.object({ period: z.string(), value: z.number() }).nullable(),
});

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

    app.get(
      '/plans/:id/review',
      {
        schema: {
          tags: ['values'],
          summary: '数值审核队列：各地区已提交（或已退回）的数值及上期值 The review queue of a plan',
          params: IdParams,
          querystring: z.object({ state: z.enum(['submitted', 'returned']).default('submitted') }),
          response: { 200: z.object({ items: z.array(ReviewItem) }), 400: ErrorView, 404: ErrorView },
        },
      },
      async (request) => {
        const plan = await services.plans.get(request.params.id);
        const items = await services.values.reviewQueue(plan.id, [request.query.state]);
        return {
          items: items.map((i) => ({
            value: presentValue(i.value),
            indicator: {
              id: i.indicator.id,
              name: i.indicator.name,
              unit: i.indicator.unit,
              leadUnit: i.indicator.leadUnit,
            },
            region: { code: i.value.regionCode, name: i.regionName },
            previous: i.previous,
          })),
        };
      },
    );

    app.post(
      '/values/approve',
      {
        config: { permission: 'value:approve' },
        schema: {
          tags: ['values'],
          summary: '批量审核通过（任一数值已被他人修改则全部不变，409） Approve several values at once',
          body: z.object({
            items: z
              .array(z.object({ id: z.number().int().positive(), version: z.number().int().positive() }))
              .min(1)
              .max(1000),
          }),
          response: { 200: z.object({ items: z.array(ValueView) }), 404: ErrorView, 409: ErrorView, 422: ErrorView },
        },
      },
      async (request) => ({
        items: (await services.values.approveMany(request.body.items, request.actor.id)).map(presentValue),
      }),
    );
  };
}
