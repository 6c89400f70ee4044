import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { ErrorView, RankingView } from '../views.ts';

export function quarterRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/quarters/:year/:quarter/ranking',
      {
        schema: {
          tags: ['quarters'],
          summary:
            '“五个一”季度考核：各县（市、区）或开发区的 KPI、得分、排名及上季度排名 Quarterly scores and ranking',
          params: z.object({
            year: z.coerce.number().int().min(2000).max(2100),
            quarter: z.coerce.number().int().min(1).max(4),
          }),
          querystring: z.object({
            by: z.enum(['county', 'zone']).default('county'),
            city: z
              .string()
              .regex(/^\d{6}$/)
              .optional(),
          }),
          response: { 200: RankingView, 400: ErrorView, 404: ErrorView },
        },
      },
      async (request) => {
        const { year, quarter } = request.params;
        const r = await services.quarters.ranking(year, quarter, request.query.by, request.query.city);
        return {
          ...r,
          entries: r.entries.map((e) => ({
            ...e,
            items: e.items.map((i) => ({ key: i.key, label: i.label, points: i.points, zh: i.zh, en: i.en })),
          })),
        };
      },
    );
  };
}
