import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { readUpload } from '../upload.ts';
import { ErrorView, IdParams } from '../views.ts';
import { PhotoView, presentPhoto } from './project-detail.presenters.ts';

const errors = { 400: ErrorView, 404: ErrorView, 409: ErrorView, 422: ErrorView };
const MonthParams = z.object({
  id: z.coerce.number().int().positive(),
  year: z.coerce.number().int().min(2000).max(2100),
  month: z.coerce.number().int().min(1).max(12),
});

function inline(name: string): string {
  return `inline; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function projectAttachmentRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/projects/:id/reports/:year/:month/photos',
      {
        config: { permission: 'project:report' },
        schema: {
          tags: ['projects'],
          summary: '上传形象进度照片（JPEG/PNG/WebP，按内容识别，≤10 MB） Upload a progress photo to a month',
          params: MonthParams,
          consumes: ['multipart/form-data'],
          response: { 201: z.object({ photo: PhotoView }), 413: ErrorView, 415: ErrorView, ...errors },
        },
      },
      async (request, reply) => {
        const { file, fields } = await readUpload(request);
        const { id, year, month } = request.params;
        const row = await services.attachments.uploadPhoto(
          id,
          year,
          month,
          { bytes: file.bytes, fileName: file.fileName, caption: fields.caption },
          request.actor.id,
        );
        return reply.status(201).send({ photo: presentPhoto(row) });
      },
    );

    app.get(
      '/projects/:id/photos',
      {
        schema: {
          tags: ['projects'],
          summary: '项目的形象进度照片（可按月） Progress photos of a project',
          params: IdParams,
          querystring: z.object({
            year: z.coerce.number().int().min(2000).max(2100).optional(),
            month: z.coerce.number().int().min(1).max(12).optional(),
          }),
          response: { 200: z.object({ items: z.array(PhotoView) }), ...errors },
        },
      },
      async (request) => {
        const { year, month } = request.query;
        const rows = await services.attachments.list(
          request.params.id,
          year !== undefined && month !== undefined ? { year, month } : undefined,
        );
        return { items: rows.map(presentPhoto) };
      },
    );

    app.get(
      '/attachments/:id/content',
      {
        schema: {
          tags: ['projects'],
          summary: '附件内容（按存储的类型返回） The attachment’s bytes with its content type',
          params: IdParams,
          produces: ['image/jpeg', 'image/png', 'image/webp'],
        },
      },
      async (request, reply) => {
        const row = await services.attachments.get(request.params.id);
        return (
          reply
            .type(row.mimeType)
            .header('content-disposition', inline(row.fileName))
            // stored bytes never change (an attachment is write-once), so the hash is a strong validator
            .header('etag', `"${row.sha256}"`)
            .header('cache-control', 'private, max-age=86400, immutable')
            .header('x-content-type-options', 'nosniff')
            .send(Buffer.from(row.content))
        );
      },
    );

    app.delete(
      '/attachments/:id',
      {
        config: { permission: 'project:report' },
        schema: {
          tags: ['projects'],
          summary: '删除照片（所属月份已审核时不可删） Delete a photo (not from an approved month)',
          params: IdParams,
          response: { 200: z.object({ deleted: z.number() }), ...errors },
        },
      },
      async (request) => {
        await services.attachments.remove(request.params.id, request.actor.id);
        return { deleted: request.params.id };
      },
    );
  };
}
