import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { ErrorView } from '../views.ts';
import { KpiProjectsView, presentKpiProjects, presentRanking, QuarterRankingView } from './quarter.presenter.ts';

export const QuarterParams = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  quarter: z.coerce.number().int().min(1).max(4),
});
const City = z
  .string()
  .regex(/^\d{6}$/)
  .optional();
/** Counties or development zones, as the ranking and everything scored per region are grouped. */
export const By = z.enum(['county', 'zone']).default('county');
/** The grouping and the city (default: the region of the latest plan) of a quarter's per-region resources. */
export const RankScopeQuery = z.object({ by: By, city: City });

export function quarterRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/quarters/:year/:quarter/ranking',
      {
        schema: {
          tags: ['quarters'],
          summary:
            '“五个一”季度考核：各县（市、区）或开发区的 KPI、观摩评分、得分、排名及上季度排名 Quarterly scores and ranking',
          params: QuarterParams,
          querystring: RankScopeQuery,
          response: { 200: QuarterRankingView, 400: ErrorView, 404: ErrorView },
        },
      },
      async (request) => {
        const { year, quarter } = request.params;
        return presentRanking(await services.quarters.ranking(year, quarter, request.query.by, request.query.city));
      },
    );

    app.get(
      '/quarters/:year/:quarter/kpi-projects',
      {
        schema: {
          tags: ['quarters'],
          summary:
            '排名表中一项 KPI 背后的项目：分母中的项目、是否计入分子及所用日期或投资 The projects behind one KPI of a county or zone',
          params: QuarterParams,
          querystring: z.object({
            by: z.enum(['county', 'zone']).default('county'),
            region: z.string().min(1).max(100).describe('县（市、区）代码（by=county）或开发区名称（by=zone）'),
            kpi: z
              .string()
              .min(1)
              .max(40)
              .describe('landingRate | startRate | investmentCompletionRate | productionRate | capacityRate'),
            city: City,
          }),
          response: { 200: KpiProjectsView, 400: ErrorView, 404: ErrorView },
        },
      },
      async (request) => {
        const { year, quarter } = request.params;
        const { by, region, kpi, city } = request.query;
        return presentKpiProjects(await services.quarters.kpiProjects(year, quarter, by, region, kpi, city));
      },
    );

    app.get(
      '/quarters/latest',
      {
        schema: {
          tags: ['quarters'],
          summary: '有月度投资数据的最近季度 The latest quarter with monthly investment reports',
          response: { 200: z.object({ year: z.number(), quarter: z.number() }) },
        },
      },
      async () => services.quarters.latest(),
    );

    app.post(
      '/quarters/:year/:quarter/close',
      {
        config: { permission: 'quarter:write' },
        schema: {
          tags: ['quarters'],
          summary: '结束季度考核：锁定评分细则版本与观摩评分 Close the quarter’s assessment',
          params: QuarterParams,
          response: {
            200: z.object({
              year: z.number(),
              quarter: z.number(),
              state: z.enum(['open', 'closed']),
              rubric: z.object({ id: z.string(), version: z.number() }),
            }),
            400: ErrorView,
          },
        },
      },
      async (request) => {
        const { year, quarter } = request.params;
        const b = await services.quarters.close(year, quarter, request.actor.id);
        return { year, quarter, state: b.state, rubric: { id: b.rubric.id, version: b.rubric.version } };
      },
    );

    app.get(
      '/leaders/:name/quarter-changes',
      {
        schema: {
          tags: ['quarters'],
          summary:
            '一联五：领导包联项目本季度的变化（进库、问题新增与办结、投资较上季度） A leader’s projects: changes in the quarter',
          params: z.object({ name: z.string().min(1).max(50) }),
          querystring: QuarterParams,
          response: {
            200: z.object({
              leader: z.string(),
              year: z.number(),
              quarter: z.number(),
              period: z.object({ from: z.string(), to: z.string() }),
              previous: z.object({ year: z.number(), quarter: z.number(), from: z.string(), to: z.string() }),
              projects: z.array(
                z.object({ id: z.number(), name: z.string(), library: z.string(), region: z.string().nullable() }),
              ),
              changes: z.object({
                moves: z.array(
                  z.object({
                    projectId: z.number(),
                    milestone: z.string(),
                    on: z.string(),
                    library: z.string().nullable(),
                    zh: z.string(),
                    en: z.string(),
                  }),
                ),
                newProblems: z.array(ProblemBrief),
                closedProblems: z.array(ProblemBrief),
                investment: z.object({
                  current: z.number(),
                  previous: z.number(),
                  change: z.number(),
                  projects: z.array(
                    z.object({ projectId: z.number(), current: z.number(), previous: z.number(), change: z.number() }),
                  ),
                }),
                zh: z.string(),
                en: z.string(),
              }),
            }),
            400: ErrorView,
            404: ErrorView,
          },
        },
      },
      async (request) => {
        const { year, quarter } = request.query;
        const r = await services.quarters.leaderQuarter(request.params.name, year, quarter);
        const brief = (p: (typeof r.changes.newProblems)[number]) => ({
          id: p.id,
          projectId: p.projectId,
          title: p.title,
          raisedOn: p.raisedOn,
          closedOn: p.closedOn,
        });
        return {
          ...r,
          changes: {
            ...r.changes,
            newProblems: r.changes.newProblems.map(brief),
            closedProblems: r.changes.closedProblems.map(brief),
          },
        };
      },
    );
  };
}

const ProblemBrief = z.object({
  id: z.number(),
  projectId: z.number(),
  title: z.string(),
  raisedOn: z.string(),
  closedOn: z.string().nullable(),
});
