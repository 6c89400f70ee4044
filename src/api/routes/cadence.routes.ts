import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { ErrorView } from '../views.ts';
import { CadenceReply, presentCadence, presentSchedule, ScheduleReply } from './cadence.presenter.ts';
import { QuarterParams } from './quarter.routes.ts';

export function cadenceRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/cadence',
      {
        schema: {
          tags: ['quarters'],
          summary: '“五个一”周期设置（各项活动每几个月一次、在周期的第几个月） The 五个一 cadence',
          response: { 200: CadenceReply },
        },
      },
      async () => presentCadence(await services.cadence.get()),
    );

    app.put(
      '/cadence',
      {
        config: { permission: 'quarter:write' },
        schema: {
          tags: ['quarters'],
          summary: '保存“五个一”周期设置（带版本号，他人先改则 409） Save the cadence',
          body: z.object({ version: z.number().int().min(0), cadence: z.record(z.string(), z.unknown()) }),
          response: { 200: CadenceReply, 409: ErrorView, 422: ErrorView },
        },
      },
      async (request) =>
        presentCadence(await services.cadence.save(request.body.cadence, request.body.version, request.actor.id)),
    );

    app.get(
      '/quarters/:year/:quarter/schedule',
      {
        schema: {
          tags: ['quarters'],
          summary: '本季度应开展的“五个一”活动及完成情况 The quarter’s due events and whether each took place',
          params: QuarterParams,
          response: { 200: ScheduleReply, 400: ErrorView },
        },
      },
      async (request) => presentSchedule(await services.cadence.schedule(request.params.year, request.params.quarter)),
    );
  };
}
