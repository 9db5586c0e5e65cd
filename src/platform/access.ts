import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Errors } from './errors.js';
import { ROLES, type Role } from './roles.js';

export { ROLES, type Role };

/** Role sets most routes use (seed 000's table). */
export const Roles = {
  all: [...ROLES] as Role[],
  staff: ['admin', 'manager', 'warehouse'] as Role[],
  managers: ['admin', 'manager'] as Role[],
  admin: ['admin'] as Role[],
};

/** The route configs of one module: everyone reads, staff (admin, manager, warehouse) writes, managers decide. */
export function moduleAccess(module: string) {
  return {
    read: { access: { roles: Roles.all, module } },
    staff: { access: { roles: Roles.staff, module } },
    manage: { access: { roles: Roles.managers, module } },
  };
}

/** The authenticated caller, as the identity module resolves it from a bearer token. */
export interface Principal {
  id: string;
  username: string;
  role: Role;
  /** Active modules this user is granted. */
  modules: string[];
}

/** Who may call a route; every /api route declares one in its `config.access`. */
export type AccessRule =
  | { public: true }
  | {
      roles: Role[];
      /** The module a non-admin must be granted (and that must be active). */
      module?: string;
      /** The service narrows non-managers to their own records, so 403 can still follow. */
      ownRecords?: boolean;
    };

/** One registered route and who may call it (the authorization matrix test walks these). */
export interface RouteAccess {
  method: string;
  url: string;
  rule: AccessRule;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeAccess: RouteAccess[];
  }
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface AccessOptions {
  /** Resolves the bearer token to a principal; throws a 401 AppError when it cannot. */
  authenticate: (request: FastifyRequest) => Promise<Principal>;
}

/** The authenticated principal of a route that is not public. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw Errors.unauthorized();
  return request.principal;
}

/**
 * One hook enforces every route's declared roles and module grant before the body is even
 * validated, so handlers never check permissions by hand.
 */
export const accessPlugin = fp(
  async (app: FastifyInstance, options: AccessOptions) => {
    app.decorateRequest('principal', null);
    const table: RouteAccess[] = [];
    app.decorate('routeAccess', table);
    app.addHook('onRoute', (route) => {
      const rule = route.config?.access;
      if (!route.url.startsWith('/api/')) return;
      if (!rule) throw new Error(`route ${String(route.method)} ${route.url} declares no access rule`);
      for (const method of ([] as string[]).concat(route.method)) {
        if (method !== 'HEAD') table.push({ method, url: route.url, rule });
      }
    });
    app.addHook('onRequest', async (request) => {
      const rule = request.routeOptions.config?.access;
      if (!rule || 'public' in rule) return;
      const principal = await options.authenticate(request);
      request.principal = principal;
      if (principal.role === 'admin') return;
      if (!rule.roles.includes(principal.role)) throw Errors.forbidden();
      if (rule.module && !principal.modules.includes(rule.module)) throw Errors.forbidden();
    });
  },
  { name: 'access', dependencies: ['error-handler'] },
);
