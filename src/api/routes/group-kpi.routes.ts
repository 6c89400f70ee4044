import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { ErrorView } from '../views.ts';
import { GroupKpiView, presentGroupKpis } from './group-kpi.presenter.ts';
import { QuarterParams } from './quarter.routes.ts';

export function groupKpiRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/quarters/:year/:quarter/group-kpis',
      {
        schema: {
          tags: ['quarters'],
          summary:
            '按产业链（链长制）或包联领导（一联五）统计的季度 KPI：签约落地率、开工率、投资完成率、投产率、达产率 KPIs per chain or liaison leader',
          params: QuarterParams,
          querystring: z.object({ by: z.string().default('chain') }),
          response: { 200: GroupKpiView, 400: ErrorView },
        },
      },
      async (request) => {
        const { year, quarter } = request.params;
        return presentGroupKpis(await services.groupKpis.kpis(year, quarter, request.query.by));
      },
    );
  };
}
