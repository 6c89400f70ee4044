import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { presentDocument } from '../presenters.ts';
import { readUpload } from '../upload.ts';
import { DocumentView, ErrorView, IdParams } from '../views.ts';

const Span = z.object({ start: z.number(), end: z.number() });
const errors = { 400: ErrorView, 404: ErrorView, 413: ErrorView, 415: ErrorView, 422: ErrorView };

export function documentRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/documents',
      {
        config: { permission: 'document:write' },
        schema: {
          tags: ['documents'],
          summary: '上传文档 Upload a document (multipart field `file`)',
          consumes: ['multipart/form-data'],
          response: { 201: z.object({ document: DocumentView }), ...errors },
        },
      },
      async (request, reply) => {
        const { file } = await readUpload(request);
        const stored = await services.documents.ingest(file);
        return reply.status(201).send({ document: presentDocument(stored.meta) });
      },
    );

    app.get(
      '/documents',
      {
        schema: {
          tags: ['documents'],
          summary: '文档列表 Documents',
          response: { 200: z.object({ items: z.array(DocumentView) }) },
        },
      },
      async () => ({ items: (await services.documents.list()).map(presentDocument) }),
    );

    app.get(
      '/documents/:id/text',
      {
        schema: {
          tags: ['documents'],
          summary: '规范化文本及损坏、版面杂项标注 Normalised text with damaged spans and page furniture',
          params: IdParams,
          response: {
            200: z.object({
              document: DocumentView,
              text: z.string(),
              damaged: z.array(Span),
              furniture: z.array(Span),
            }),
            404: ErrorView,
          },
        },
      },
      async (request) => {
        const r = await services.documents.reading(request.params.id);
        return { document: presentDocument(r.meta), text: r.text, damaged: r.damaged, furniture: r.furniture };
      },
    );

    app.get(
      '/documents/:id',
      {
        schema: {
          tags: ['documents'],
          summary: '文档信息 Document metadata',
          params: IdParams,
          response: { 200: z.object({ document: DocumentView }), 404: ErrorView },
        },
      },
      async (request) => ({ document: presentDocument(await services.documents.get(request.params.id)) }),
    );
  };
}
