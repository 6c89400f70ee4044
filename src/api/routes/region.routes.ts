import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { presentRegion } from '../presenters.ts';
import { RegionView } from '../views.ts';

const RegionQuery = z.object({
  parent: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  level: z.enum(['province', 'city', 'county']).optional(),
});

export function regionRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/regions',
      {
        schema: {
          tags: ['regions'],
          summary: '行政区划 Regions (GB/T 2260)',
          querystring: RegionQuery,
          response: { 200: z.object({ items: z.array(RegionView) }) },
        },
      },
      async (request) => {
        const rows = await services.regions.list({ parentCode: request.query.parent, level: request.query.level });
        return { items: rows.map(presentRegion) };
      },
    );
  };
}
