import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { readUpload } from '../upload.ts';
import { ErrorView, IdParams } from '../views.ts';

const period = z.string().regex(/^\d{4}(Q[1-4]|-\d{2})?$/);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function valueExchangeRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/plans/:id/values/template.xlsx',
      {
        schema: {
          tags: ['values'],
          summary: '下载填报模板 Excel template for a region, period and (optionally) lead unit',
          params: IdParams,
          querystring: z.object({ region: z.string().regex(/^\d{6}$/), period, unit: z.string().max(100).optional() }),
          produces: [XLSX],
        },
      },
      async (request, reply) => {
        const { region, period: p, unit } = request.query;
        const buf = await services.exchange.template(request.params.id, region, p, unit);
        return reply
          .type(XLSX)
          .header('content-disposition', attachment(`填报模板-${region}-${p}.xlsx`))
          .send(buf);
      },
    );

    app.post(
      '/plans/:id/values/import',
      {
        config: { permission: 'value:import' },
        schema: {
          tags: ['values'],
          summary: '上传填报文件（xlsx 或 csv，整体成功或整体不保存） Import values: all or nothing',
          params: IdParams,
          consumes: ['multipart/form-data'],
          response: {
            200: z.object({ imported: z.number() }),
            400: ErrorView,
            404: ErrorView,
            413: ErrorView,
            422: ErrorView,
          },
        },
      },
      async (request) => {
        const { file } = await readUpload(request);
        return services.exchange.importFile(request.params.id, file.bytes, file.fileName, request.actor.id);
      },
    );

    app.get(
      '/plans/:id/indicators.xlsx',
      {
        schema: {
          tags: ['indicators'],
          summary: '导出指标台账 Export the indicator ledger',
          params: IdParams,
          querystring: z.object({
            period,
            region: z
              .string()
              .regex(/^\d{6}$/)
              .optional(),
          }),
          produces: [XLSX],
        },
      },
      async (request, reply) => {
        const buf = await services.exchange.ledger(request.params.id, request.query.period, request.query.region);
        return reply
          .type(XLSX)
          .header('content-disposition', attachment(`指标台账-${request.query.period}.xlsx`))
          .send(buf);
      },
    );
  };
}
