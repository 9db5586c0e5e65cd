import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { sendError } from './error-handler.js';
import { Errors } from './errors.js';

/**
 * Fastify answers 404 for a known path with the wrong method. A shadow router of every
 * registered route tells the two apart so the caller gets 405 and an Allow header.
 */
export const methodNotAllowedPlugin = fp(
  async (app: FastifyInstance) => {
    const shadow = FindMyWay({ ignoreTrailingSlash: true });
    const methods = new Set<string>();
    app.addHook('onRoute', (route) => {
      // Catch-alls (CORS preflight's `OPTIONS *`) would make every unknown path look known.
      if (route.url.includes('*')) return;
      for (const method of ([] as string[]).concat(route.method).map((m) => m.toUpperCase() as HTTPMethod)) {
        if (shadow.hasRoute(method, route.url)) continue;
        shadow.on(method, route.url, () => {});
        methods.add(method);
      }
    });
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      const allowed = [...methods].filter((method) => shadow.find(method as HTTPMethod, path));
      if (allowed.length > 0) {
        reply.header('allow', allowed.join(', '));
        return sendError(
          reply,
          Errors.methodNotAllowed({ method: request.method, allowed: allowed.join(', ') }),
        );
      }
      return sendError(reply, Errors.routeNotFound({ method: request.method, path }));
    });
  },
  { name: 'method-not-allowed', dependencies: ['error-handler'] },
);
