import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { presentInvestment } from '../presenters.ts';
import { ErrorView, IdParams, InvestmentView } from '../views.ts';
import { MonthlyReportView, presentMonthlyReport, ReportVersionView } from './project-detail.presenters.ts';

/**
 * Monthly report (月报) review and corrections. Saving a month (PUT), approving and reopening it stay in
 * project.routes.ts where they were first published; the steps added with versions live here.
 */
const errors = { 400: ErrorView, 404: ErrorView, 409: ErrorView, 422: ErrorView };
const MonthParams = z.object({
  id: z.coerce.number().int().positive(),
  year: z.coerce.number().int().min(2000).max(2100),
  month: z.coerce.number().int().min(1).max(12),
});

export function projectInvestmentRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/projects/:id/reports',
      {
        schema: {
          tags: ['projects'],
          summary:
            '项目月报：本月、本年累计、自开工累计（附计算依据）、形象进度、照片、版本记录 Monthly reports with figures, photos, versions',
          params: IdParams,
          response: { 200: z.object({ items: z.array(MonthlyReportView) }), ...errors },
        },
      },
      async (request) => {
        const [reports, photos] = await Promise.all([
          services.investments.reports(request.params.id),
          services.attachments.list(request.params.id),
        ]);
        return { items: reports.map((r) => presentMonthlyReport(r, photos)) };
      },
    );

    app.post(
      '/projects/:id/investments/:year/:month/submit',
      {
        config: { permission: 'project:report' },
        schema: {
          tags: ['projects'],
          summary: '报送月报待审核 Submit a month for review',
          params: MonthParams,
          body: z.object({ version: z.number().int().positive() }),
          response: { 200: z.object({ investment: InvestmentView }), ...errors },
        },
      },
      async (request) => {
        const { id, year, month } = request.params;
        const row = await services.investments.submit(id, year, month, request.body.version, request.actor.id);
        return { investment: presentInvestment(row) };
      },
    );

    app.post(
      '/projects/:id/investments/:year/:month/return',
      {
        config: { permission: 'project:approve' },
        schema: {
          tags: ['projects'],
          summary: '退回月报（须说明理由） Send a submitted month back with a reason',
          params: MonthParams,
          body: z.object({ version: z.number().int().positive(), reason: z.string().min(1).max(1000) }),
          response: { 200: z.object({ investment: InvestmentView }), ...errors },
        },
      },
      async (request) => {
        const { id, year, month } = request.params;
        const { version, reason } = request.body;
        const row = await services.investments.sendBack(id, year, month, version, reason, request.actor.id);
        return { investment: presentInvestment(row) };
      },
    );

    app.post(
      '/projects/:id/investments/:year/:month/correct',
      {
        config: { permission: 'project:approve' },
        schema: {
          tags: ['projects'],
          summary: '更正已审核月份：生成新版本，旧版本保留（须说明理由） Correct an approved month as version n+1',
          params: MonthParams,
          body: z.object({
            version: z.number().int().positive(),
            planned: z.number().nonnegative(),
            completed: z.number().nonnegative(),
            progressText: z.string().max(2000).nullable().optional(),
            reason: z.string().min(1).max(1000),
          }),
          response: {
            200: z.object({ investment: InvestmentView, version: ReportVersionView }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { id, year, month } = request.params;
        const r = await services.investments.correct(id, year, month, request.body, request.actor.id);
        return {
          investment: presentInvestment(r.investment),
          version: {
            version: r.version.version,
            planned: r.version.planned,
            completed: r.version.completed,
            progressText: r.version.progressText,
            reason: r.version.reason,
            approvedBy: r.version.approvedBy,
            approvedAt: r.version.createdAt.toISOString(),
            implicit: false,
          },
        };
      },
    );
  };
}
