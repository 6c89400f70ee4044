import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LantuError } from '../../errors.ts';
import type { ApiServices } from '../app.ts';
import { presentDocument, presentOutline, presentPlan, presentSection } from '../presenters.ts';
import { readUpload } from '../upload.ts';
import { DocumentView, ErrorView, IdParams, OutlineItemView, PlanView, SectionView } from '../views.ts';

const year = z.coerce.number().int().min(1949).max(2100);
const regionCode = z.string().regex(/^\d{6}$/, '6 位行政区划代码 / 6-digit region code');

const CreatePlanBody = z.object({
  documentId: z.number().int().positive(),
  regionCode,
  periodStart: year,
  periodEnd: year,
  title: z.string().max(200).optional(),
});

/** Multipart fields of POST /plans/import, validated after the upload is read. */
const ImportFields = z.object({
  regionCode,
  periodStart: year,
  periodEnd: year,
  title: z.string().max(200).optional(),
});

const SectionParams = z.object({
  id: z.coerce.number().int().positive(),
  sectionId: z.coerce.number().int().positive(),
});
const errors = { 400: ErrorView, 404: ErrorView, 409: ErrorView, 413: ErrorView, 415: ErrorView, 422: ErrorView };

export function planRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/plans',
      {
        schema: {
          tags: ['plans'],
          summary: '规划列表 List plans',
          response: { 200: z.object({ items: z.array(PlanView) }) },
        },
      },
      async () => ({ items: (await services.plans.list()).map(presentPlan) }),
    );

    app.post(
      '/plans',
      {
        config: { permission: 'plan:write' },
        schema: {
          tags: ['plans'],
          summary: '由已上传文档创建规划 Create a plan from an uploaded document',
          body: CreatePlanBody,
          response: { 201: z.object({ plan: PlanView }), ...errors },
        },
      },
      async (request, reply) => {
        const { documentId, ...target } = request.body;
        const plan = await services.plans.createFromDocument(documentId, target);
        return reply.status(201).send({ plan: presentPlan(plan) });
      },
    );

    app.post(
      '/plans/import',
      {
        config: { permission: 'plan:write' },
        schema: {
          tags: ['plans'],
          summary:
            '上传并导入规划 Upload and import a plan (multipart: file, regionCode, periodStart, periodEnd, title)',
          consumes: ['multipart/form-data'],
          response: { 201: z.object({ plan: PlanView, document: DocumentView }), ...errors },
        },
      },
      async (request, reply) => {
        const upload = await readUpload(request);
        const parsed = ImportFields.safeParse(upload.fields);
        if (!parsed.success) {
          const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
          throw new LantuError('VALIDATION_FAILED', { zh: fields.join('；'), en: fields.join('; ') });
        }
        const result = await services.plans.importFile(upload.file, parsed.data);
        return reply
          .status(201)
          .send({ plan: presentPlan(result.plan), document: presentDocument(result.document.meta) });
      },
    );

    app.get(
      '/plans/:id',
      {
        schema: {
          tags: ['plans'],
          summary: '规划 Get a plan',
          params: IdParams,
          response: { 200: z.object({ plan: PlanView }), 404: ErrorView },
        },
      },
      async (request) => ({ plan: presentPlan(await services.plans.get(request.params.id)) }),
    );

    app.get(
      '/plans/:id/outline',
      {
        schema: {
          tags: ['plans'],
          summary: '规划纲目 Outline: chapters, sections, boxes',
          params: IdParams,
          response: { 200: z.object({ items: z.array(OutlineItemView) }), 404: ErrorView },
        },
      },
      async (request) => ({ items: presentOutline(await services.plans.outline(request.params.id)) }),
    );

    app.get(
      '/plans/:id/sections/:sectionId',
      {
        schema: {
          tags: ['plans'],
          summary: '章节正文 Section with its text',
          params: SectionParams,
          response: { 200: z.object({ section: SectionView }), 404: ErrorView },
        },
      },
      async (request) => ({
        section: presentSection(await services.plans.section(request.params.id, request.params.sectionId)),
      }),
    );
  };
}
