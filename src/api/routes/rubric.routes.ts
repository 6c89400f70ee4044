import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { ErrorView } from '../views.ts';
import { presentRubric, RubricView } from './quarter.presenter.ts';

/** A version as listed: its note and the quarters bound to it (scored with it for good). */
const RubricListItem = RubricView.extend({
  note: z.string().nullable(),
  quarters: z.array(z.object({ year: z.number(), quarter: z.number(), state: z.enum(['open', 'closed']) })),
});

export function rubricRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/rubrics',
      {
        schema: {
          tags: ['quarters'],
          summary:
            '考核细则的全部版本（current 为新季度绑定的版本；quarters 为已绑定该版本的季度） Every rubric version, with its bound quarters',
          response: { 200: z.object({ items: z.array(RubricListItem) }) },
        },
      },
      async () => ({
        items: (await services.rubrics.list()).map((r) => ({
          ...presentRubric(r),
          note: r.note ?? null,
          quarters: r.quarters ?? [],
        })),
      }),
    );

    app.post(
      '/rubrics',
      {
        config: { permission: 'quarter:write' },
        schema: {
          tags: ['quarters'],
          summary:
            '新增考核细则版本（版本号自动加一；已绑定旧版本的季度不受影响；可附 note 说明） Add a rubric version; bound quarters keep theirs',
          body: z.record(z.string(), z.unknown()),
          response: { 201: RubricView, 400: ErrorView, 422: ErrorView },
        },
      },
      async (request, reply) => {
        const r = await services.rubrics.create(request.body, request.actor.id);
        return reply
          .status(201)
          .send(presentRubric({ rubric: r, createdAt: null, createdBy: request.actor.id, current: true }));
      },
    );
  };
}
