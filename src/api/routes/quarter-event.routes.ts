import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiServices } from '../app.ts';
import { ErrorView } from '../views.ts';
import { EventsReply, EventView, presentEvent, presentEvents } from './quarter.presenter.ts';
import { QuarterParams } from './quarter.routes.ts';

const EventBody = z.object({
  kind: z.enum(['signing', 'groundbreaking', 'tour']),
  title: z.string().min(1).max(200),
  heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  place: z.string().max(200).nullish(),
  note: z.string().max(2000).nullish(),
  evidence: z
    .object({
      documentId: z.number().int().positive(),
      start: z.number().int().nonnegative(),
      end: z.number().int().nonnegative(),
      text: z.string().max(2000).optional(),
    })
    .nullish(),
  projects: z
    .array(z.object({ projectId: z.number().int().positive(), amount: z.number().nullable().default(null) }))
    .max(5000)
    .default([]),
});

export function quarterEventRoutes(services: ApiServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/quarters/:year/:quarter/events',
      {
        schema: {
          tags: ['quarters'],
          summary:
            '季度活动：集中签约、集中开工、观摩，及其项目与金额合计 The quarter’s signings, groundbreakings, tours',
          params: QuarterParams,
          response: { 200: EventsReply, 400: ErrorView },
        },
      },
      async (request) => presentEvents(await services.quarterEvents.list(request.params.year, request.params.quarter)),
    );

    app.post(
      '/quarters/:year/:quarter/events',
      {
        config: { permission: 'quarter:write' },
        schema: {
          tags: ['quarters'],
          summary: '登记季度活动（签约、开工批次或观摩）及其项目与金额 Record a signing, groundbreaking batch or tour',
          params: QuarterParams,
          body: EventBody,
          response: { 201: EventView, 400: ErrorView, 422: ErrorView },
        },
      },
      async (request, reply) => {
        const { year, quarter } = request.params;
        const e = await services.quarterEvents.create(year, quarter, request.body, request.actor.id);
        return reply.status(201).send(presentEvent(e));
      },
    );

    app.delete(
      '/quarter-events/:id',
      {
        config: { permission: 'quarter:write' },
        schema: {
          tags: ['quarters'],
          summary: '删除季度活动 Delete a quarter event',
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 204: z.null(), 404: ErrorView },
        },
      },
      async (request, reply) => {
        await services.quarterEvents.delete(request.params.id, request.actor.id);
        return reply.status(204).send(null);
      },
    );
  };
}
