import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LantuError } from '../errors.ts';

export interface Actor {
  id: string;
  name: string;
  roles: string[];
}

/** Until users exist, every request acts as the single built-in administrator. */
export const BUILT_IN_ADMIN: Actor = { id: 'admin', name: '系统管理员', roles: ['admin'] };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** Permission a route needs, e.g. `plan:write`; absent means any signed-in actor. */
    permission?: string;
  }
}

function resolveActor(_request: FastifyRequest): Actor {
  return BUILT_IN_ADMIN;
}

function allows(actor: Actor, permission: string | undefined): boolean {
  return permission === undefined || actor.roles.includes('admin');
}

/** The single authorisation hook every route passes through. */
export function registerAuthorization(app: FastifyInstance): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (request) => {
    request.actor = resolveActor(request);
    if (!allows(request.actor, request.routeOptions.config?.permission)) throw new LantuError('FORBIDDEN');
  });
}
