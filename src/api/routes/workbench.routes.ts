import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Workbench } from '../../services/workbench.service.ts';
import type { ApiServices } from '../app.ts';

const Level = z.number();
export const WorkbenchReply = z.object({
  asOf: z.string(),
  dataEnd: z.string(),
  plan: z.object({ id: z.number(), title: z.string(), period: z.string() }).nullable(),
  indicators: z
    .object({
      counts: z.record(z.string(), z.number()),
      attention: z.array(
        z.object({
          id: z.number(),
          name: z.string(),
          status: z.string(),
          leadUnit: z.string().nullable(),
          zh: z.string(),
          en: z.string(),
        }),
      ),
    })
    .nullable(),
  review: z.object({ submitted: z.number(), returned: z.number() }).nullable(),
  projects: z.object({ red: z.number(), yellow: z.number(), total: z.number() }),
  problems: z.object({ county: Level, city: Level, leader: Level, total: z.number() }),
  quarter: z.object({
    year: z.number(),
    quarter: z.number(),
    due: z.array(
      z.object({
        event: z.string(),
        month: z.number(),
        cycle: z.string(),
        status: z.enum(['done', 'in_progress', 'missing']),
        detailZh: z.string(),
        detailEn: z.string(),
      }),
    ),
  }),
});

function presentWorkbench(w: Workbench): z.infer<typeof WorkbenchReply> {
  return {
    ...w,
    quarter: {
      year: w.quarter.year,
      quarter: w.quarter.quarter,
      due: w.quarter.due.map((e) => ({
        event: e.event,
        month: e.month,
        cycle: e.cycle,
        status: e.status,
        detailZh: e.detailZh,
        detailEn: e.detailEn,
      })),
    },
  };
}

export function workbenchRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/workbench',
      {
        schema: {
          tags: ['workbench'],
          summary:
            '工作台：需要关注的指标、待审核数值、红黄灯项目、超期问题与本季度未完成的活动 What needs attention now',
          response: { 200: WorkbenchReply },
        },
      },
      async () => presentWorkbench(await services.workbench.summary()),
    );
  };
}
