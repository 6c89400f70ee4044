import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROJECT_SORTS, type ProjectFilter } from '../../db/repositories/project.repository.ts';
import type { ListedProject, ProjectListPage } from '../../services/project.service.ts';
import type { ApiServices } from '../app.ts';
import { presentProject } from '../presenters.ts';
import { ErrorView, LibraryView, LightView, ProjectView } from '../views.ts';

/**
 * The project list at scale (issue 6): server-side paging, sorting and filters, each row with its
 * warning light; the pipeline funnel; the filter's choices; the filtered list as Excel.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const errors = { 400: ErrorView, 404: ErrorView, 422: ErrorView };
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式 YYYY-MM-DD / date as YYYY-MM-DD');
const LightColour = z.enum(['green', 'yellow', 'red']);
const Bilingual = z.object({ zh: z.string(), en: z.string() });

/** The filter, shared by the list, the funnel and the export so all three show the same projects. */
const FilterQuery = z.object({
  library: LibraryView.optional(),
  region: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码为 6 位数字 / region code is 6 digits')
    .optional(),
  zone: z.string().max(100).optional(),
  chain: z.string().max(100).optional(),
  light: LightColour.optional(),
  q: z.string().max(100).optional(),
  leader: z.string().max(50).optional(),
  plan: z.coerce.number().int().positive().optional(),
  asOf: isoDate.optional(),
});
const SortQuery = z.object({
  sort: z.enum(PROJECT_SORTS).default('id'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

type Filter = z.infer<typeof FilterQuery>;
const toFilter = (q: Filter): ProjectFilter => ({
  library: q.library,
  regionCode: q.region,
  zone: q.zone,
  chain: q.chain,
  light: q.light,
  q: q.q?.trim() || undefined,
  leader: q.leader,
  planId: q.plan,
});

/** A list row: the project, its light (with reasons) and the light's inputs. */
const ListedProjectView = ProjectView.extend({
  light: LightView,
  schedule: z.object({
    year: z.number(),
    monthsElapsed: z.number(),
    /** 万元, the year's planned investment */
    plannedYear: z.number(),
    /** 万元, completed January through `monthsElapsed` */
    completedYtd: z.number(),
  }),
});

const ProjectListReply = z.object({
  items: z.array(ListedProjectView),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  asOf: z.string(),
});

/**
 * The list's reply body, checked against its schema and serialised once per page object (issue 6):
 * checking and stringifying 20 rows with lights and reasons cost more Node CPU per request than the
 * queries, and 50 clients queue on it. The page object is the cache's (one per projects data
 * version, see project-list-cache.ts), so a body keyed by it is exactly as fresh as the page.
 */
const listBodies = new WeakMap<ProjectListPage, Buffer>();

function projectListBody(page: ProjectListPage): Buffer {
  let body = listBodies.get(page);
  if (!body) {
    const reply = z.encode(ProjectListReply, {
      items: page.items.map(presentListed),
      total: page.total,
      page: page.page,
      pageSize: page.pageSize,
      asOf: page.asOf,
    });
    body = Buffer.from(JSON.stringify(reply));
    listBodies.set(page, body);
  }
  return body;
}

const StageView = z.object({
  library: LibraryView,
  label: Bilingual,
  /** Projects now in this library, and their total investment (万元). */
  projects: z.number(),
  investment: z.number(),
  /** Projects in this library or a later one: the funnel's width at this stage. */
  reached: z.number(),
  reachedInvestment: z.number(),
});

const LABELS = {
  conceived: { zh: '谋划库', en: 'Conceived' },
  reserve: { zh: '储备库', en: 'Reserve' },
  construction: { zh: '建设库', en: 'Construction' },
  in_effect: { zh: '达效库', en: 'In effect' },
} as const;

function presentListed(r: ListedProject) {
  return { ...presentProject(r.project), light: r.light, schedule: r.schedule };
}

function presentStages<T extends { library: keyof typeof LABELS }>(stages: T[]) {
  return stages.map((s) => ({ ...s, label: LABELS[s.library] }));
}

function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function projectListRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/projects',
      {
        schema: {
          tags: ['projects'],
          summary: '项目列表（四库）：分页、排序、筛选，每行带预警灯 Projects, paged, sorted, filtered, with lights',
          querystring: FilterQuery.extend({
            page: z.coerce.number().int().positive().default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }).merge(SortQuery),
          response: {
            200: ProjectListReply,
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const { page, pageSize, sort, order, asOf } = request.query;
        const r = await services.projects.list(toFilter(request.query), page, pageSize, { sort, order, asOf });
        // `as never`: the typed send expects the reply object; a Buffer is a body Fastify sends unserialised.
        return reply.type('application/json; charset=utf-8').send(projectListBody(r) as never);
      },
    );

    app.get(
      '/projects/pipeline',
      {
        schema: {
          tags: ['projects'],
          summary: '项目推进漏斗：谋划→储备→建设→达效的项目数与投资，分县 Pipeline funnel per county',
          querystring: FilterQuery,
          response: {
            200: z.object({
              total: z.number(),
              stages: z.array(StageView),
              regions: z.array(
                z.object({ code: z.string().nullable(), name: z.string().nullable(), stages: z.array(StageView) }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const r = await services.projects.pipeline(toFilter(request.query), request.query.asOf);
        return {
          total: r.total,
          stages: presentStages(r.stages),
          regions: r.regions.map((g) => ({ ...g, stages: presentStages(g.stages) })),
        };
      },
    );

    app.get(
      '/projects/facets',
      {
        schema: {
          tags: ['projects'],
          summary: '筛选项：开发区、产业链及项目数 Filter choices: zones and chains with counts',
          response: {
            200: z.object({
              zones: z.array(z.object({ value: z.string(), n: z.number() })),
              chains: z.array(z.object({ value: z.string(), n: z.number() })),
            }),
          },
        },
      },
      async () => services.projects.facets(),
    );

    app.get(
      '/projects/export.xlsx',
      {
        schema: {
          tags: ['projects'],
          summary: '按筛选条件导出项目列表（含预警灯与原因） Export the filtered list with lights (Excel)',
          querystring: FilterQuery.merge(SortQuery),
          produces: [XLSX],
        },
      },
      async (request, reply) => {
        const { sort, order, asOf } = request.query;
        const { bytes } = await services.projects.exportList(toFilter(request.query), { sort, order, asOf });
        return reply.type(XLSX).header('content-disposition', attachment('项目列表.xlsx')).send(bytes);
      },
    );
  };
}
