import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { ErrorView, IdParams, StatusView } from '../views.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = 'application/pdf';

function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const ReportQuery = z.object({
  year: z.coerce.number().int().min(1990).max(2100),
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

const RunView = z.object({ text: z.string(), fill: z.boolean().optional(), bold: z.boolean().optional() });
const ChartView = z.object({
  id: z.string(),
  kind: z.enum(['status', 'path']),
  title: z.string(),
  categories: z.array(z.string()),
  series: z.array(z.object({ name: z.string(), values: z.array(z.number().nullable()) })),
  unit: z.string(),
});
const BlockView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('title'), lines: z.array(z.string()) }),
  z.object({ kind: z.literal('subtitle'), runs: z.array(RunView) }),
  z.object({ kind: z.literal('heading1'), text: z.string() }),
  z.object({ kind: z.literal('heading2'), text: z.string() }),
  z.object({ kind: z.literal('paragraph'), runs: z.array(RunView), indent: z.boolean().optional() }),
  z.object({ kind: z.literal('chart'), chart: ChartView, caption: z.string() }),
  z.object({
    kind: z.literal('table'),
    caption: z.string(),
    header: z.array(z.string()),
    rows: z.array(z.array(z.string())),
    widths: z.array(z.number()),
    align: z.array(z.enum(['left', 'center'])),
  }),
  z.object({ kind: z.literal('pageBreak') }),
  z.object({ kind: z.literal('signature'), lines: z.array(z.array(RunView)) }),
  z.object({ kind: z.literal('annexTitle'), label: z.string(), text: z.string() }),
]);

/** The report model: facts for a page to show, and the blocks in reading order (runs with `fill` need a person). */
export const AnnualReportView = z.object({
  title: z.string(),
  planId: z.number(),
  region: z.object({ code: z.string(), name: z.string() }),
  year: z.number(),
  draftedOn: z.string(),
  hasDemoData: z.boolean(),
  total: z.number(),
  counts: z.array(z.object({ status: StatusView, label: z.string(), count: z.number() })),
  headline: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      unit: z.string(),
      actual: z.number().nullable(),
      expected: z.number().nullable(),
      target: z.string(),
      status: StatusView,
    }),
  ),
  behind: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      leadUnit: z.string().nullable(),
      status: StatusView,
      required: z.string(),
    }),
  ),
  charts: z.array(ChartView),
  blocks: z.array(BlockView),
});

export function reportRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/plans/:id/reports/annual',
      {
        schema: {
          tags: ['reports'],
          summary: '年度监测评估报告（数据模型） The annual monitoring report as JSON, for a web page',
          params: IdParams,
          querystring: ReportQuery,
          response: { 200: AnnualReportView, 400: ErrorView, 404: ErrorView },
        },
      },
      async (request) => services.reports.annual(request.params.id, request.query.year, request.query.region),
    );

    app.get(
      '/plans/:id/reports/annual.docx',
      {
        schema: {
          tags: ['reports'],
          summary: '年度监测评估报告 Word 稿（GB/T 9704 公文格式） The annual report as an editable Word draft',
          params: IdParams,
          querystring: ReportQuery,
          produces: [DOCX],
        },
      },
      async (request, reply) => {
        const { year, region } = request.query;
        const { report, docx } = await services.reports.annualDocx(request.params.id, year, region);
        return reply
          .type(DOCX)
          .header('content-disposition', attachment(`${report.title}.docx`))
          .send(docx);
      },
    );

    app.get(
      '/plans/:id/reports/annual.pdf',
      {
        schema: {
          tags: ['reports'],
          summary: '年度监测评估报告 PDF（需本机安装 LibreOffice） The annual report as PDF (needs LibreOffice)',
          params: IdParams,
          querystring: ReportQuery,
          produces: [PDF],
        },
      },
      async (request, reply) => {
        const { year, region } = request.query;
        const { report, pdf } = await services.reports.annualPdf(request.params.id, year, region);
        return reply
          .type(PDF)
          .header('content-disposition', attachment(`${report.title}.pdf`))
          .send(pdf);
      },
    );

    app.get(
      '/plans/:id/reports/annual.xlsx',
      {
        schema: {
          tags: ['reports'],
          summary: '指标台账（可按牵头单位筛选） Indicator ledger for a year, optionally one lead unit',
          params: IdParams,
          querystring: ReportQuery.extend({ unit: z.string().min(1).max(100).optional() }),
          produces: [XLSX],
        },
      },
      async (request, reply) => {
        const { year, region, unit } = request.query;
        const buf = await services.reports.ledger(request.params.id, year, region, unit);
        return reply
          .type(XLSX)
          .header('content-disposition', attachment(`指标台账-${year}${unit ? `-${unit}` : ''}.xlsx`))
          .send(buf);
      },
    );
  };
}
