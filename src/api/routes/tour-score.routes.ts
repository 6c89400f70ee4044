import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { ErrorView } from '../views.ts';
import { presentTour, presentTourSheet, TourSaveReply, TourSheetReply } from './quarter.presenter.ts';
import { By, QuarterParams, RankScopeQuery } from './quarter.routes.ts';

export function tourScoreRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/quarters/:year/:quarter/tour',
      {
        schema: {
          tags: ['quarters'],
          summary: '观摩评分表：评分项、各地区各评委的评分与去掉最高最低分后的平均 The tour scoring sheet',
          params: QuarterParams,
          querystring: RankScopeQuery,
          response: { 200: TourSheetReply, 400: ErrorView, 404: ErrorView },
        },
      },
      async (request) => {
        const { year, quarter } = request.params;
        return presentTourSheet(await services.tourScores.sheet(year, quarter, request.query.by, request.query.city));
      },
    );

    app.put(
      '/quarters/:year/:quarter/tour/scores',
      {
        config: { permission: 'quarter:write' },
        schema: {
          tags: ['quarters'],
          summary: '保存一位评委对一个县（市、区）或开发区的观摩评分 Save one judge’s scores for one region',
          params: QuarterParams,
          body: z.object({
            by: By,
            groupKey: z.string().min(1).max(100),
            judge: z.string().min(1).max(50),
            scores: z.record(z.string(), z.number()),
            note: z.string().max(500).nullish(),
          }),
          response: { 200: TourSaveReply, 400: ErrorView, 404: ErrorView, 409: ErrorView, 422: ErrorView },
        },
      },
      async (request) => {
        const { year, quarter } = request.params;
        const r = await services.tourScores.saveJudge(year, quarter, request.body, request.actor.id);
        return { region: r.region, result: presentTour(r.result) };
      },
    );

    app.delete(
      '/quarters/:year/:quarter/tour/scores',
      {
        config: { permission: 'quarter:write' },
        schema: {
          tags: ['quarters'],
          summary: '删除一位评委对一个地区的观摩评分 Delete one judge’s scores for one region',
          params: QuarterParams,
          querystring: z.object({ by: By, groupKey: z.string().min(1), judge: z.string().min(1) }),
          response: { 204: z.null(), 404: ErrorView, 409: ErrorView },
        },
      },
      async (request, reply) => {
        const { year, quarter } = request.params;
        await services.tourScores.deleteJudge(year, quarter, request.query, request.actor.id);
        return reply.status(204).send(null);
      },
    );
  };
}
