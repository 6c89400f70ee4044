import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { presentPlan, presentPlanItem } from '../presenters.ts';
import { ErrorView, IdParams, ItemCountView, PlanItemKindView, PlanItemView, PlanView } from '../views.ts';

const ItemParams = z.object({ id: z.coerce.number().int().positive(), itemId: z.coerce.number().int().positive() });
const ItemsQuery = z.object({ kind: PlanItemKindView.optional() });
const VersionBody = z.object({ version: z.number().int().positive() });
const CorrectBody = VersionBody.extend({ data: z.record(z.string(), z.unknown()) });
const AddBody = z.object({
  kind: PlanItemKindView,
  label: z.string().trim().min(1).max(500),
  data: z.record(z.string(), z.unknown()),
  source: z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive() }).optional(),
});
const ExtractionSummaryView = z.object({
  added: z.number(),
  refreshed: z.number(),
  removed: z.number(),
  keptCorrections: z.number(),
});
const errors = { 400: ErrorView, 404: ErrorView, 409: ErrorView };
const itemReply = { 200: z.object({ item: PlanItemView }), ...errors };

/** Review of extracted items: every change is versioned (409 STALE_VERSION on a stale edit) and audited. */
export function planItemRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/plans/:id/items',
      {
        schema: {
          tags: ['review'],
          summary: '抽取结果 Extracted items of a plan',
          params: IdParams,
          querystring: ItemsQuery,
          response: { 200: z.object({ items: z.array(PlanItemView), counts: z.array(ItemCountView) }), 404: ErrorView },
        },
      },
      async (request) => {
        const items = await services.review.list(request.params.id, request.query.kind);
        const counts = await services.review.summary(request.params.id);
        return { items: items.map(presentPlanItem), counts };
      },
    );

    app.post(
      '/plans/:id/items',
      {
        config: { permission: 'plan:write' },
        schema: {
          tags: ['review'],
          summary: '补充条目 Add an item the extractor missed',
          params: IdParams,
          body: AddBody,
          response: { 201: z.object({ item: PlanItemView }), ...errors },
        },
      },
      async (request, reply) => {
        const item = await services.review.add(request.params.id, request.body, request.actor.id);
        return reply.status(201).send({ item: presentPlanItem(item) });
      },
    );

    app.patch(
      '/plans/:id/items/:itemId',
      {
        config: { permission: 'plan:write' },
        schema: {
          tags: ['review'],
          summary: '更正条目 Correct an item',
          params: ItemParams,
          body: CorrectBody,
          response: itemReply,
        },
      },
      async (request) => {
        const { id, itemId } = request.params;
        const item = await services.review.correct(
          id,
          itemId,
          request.body.version,
          request.body.data,
          request.actor.id,
        );
        return { item: presentPlanItem(item) };
      },
    );

    app.post(
      '/plans/:id/items/:itemId/delete',
      {
        config: { permission: 'plan:write' },
        schema: {
          tags: ['review'],
          summary: '删除条目 Delete an item',
          params: ItemParams,
          body: VersionBody,
          response: itemReply,
        },
      },
      async (request) => {
        const { id, itemId } = request.params;
        return {
          item: presentPlanItem(await services.review.remove(id, itemId, request.body.version, request.actor.id)),
        };
      },
    );

    app.post(
      '/plans/:id/items/:itemId/restore',
      {
        config: { permission: 'plan:write' },
        schema: {
          tags: ['review'],
          summary: '恢复条目 Restore a deleted item',
          params: ItemParams,
          body: VersionBody,
          response: itemReply,
        },
      },
      async (request) => {
        const { id, itemId } = request.params;
        return {
          item: presentPlanItem(await services.review.restore(id, itemId, request.body.version, request.actor.id)),
        };
      },
    );

    app.post(
      '/plans/:id/reextract',
      {
        config: { permission: 'plan:write' },
        schema: {
          tags: ['review'],
          summary: '重新抽取（保留人工更正） Re-extract, keeping corrections',
          params: IdParams,
          response: { 200: z.object({ summary: ExtractionSummaryView }), ...errors },
        },
      },
      async (request) => ({ summary: await services.review.reextract(request.params.id, request.actor.id) }),
    );

    app.post(
      '/plans/:id/publish',
      {
        config: { permission: 'plan:publish' },
        schema: {
          tags: ['review'],
          summary: '发布规划 Publish the plan',
          params: IdParams,
          response: { 200: z.object({ plan: PlanView }), ...errors },
        },
      },
      async (request) => {
        await services.review.publish(request.params.id, request.actor.id);
        return { plan: presentPlan(await services.plans.get(request.params.id)) };
      },
    );
  };
}
