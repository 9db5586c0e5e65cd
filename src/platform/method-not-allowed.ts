import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { sendError } from './error-handler.js';
import { Errors } from './errors.js';

/**
 * Fastify answers 404 for a known path with the wrong method. A shadow router of every
 * registered route tells the two apart so the caller gets 405 and an Allow header.
 */
export const methodNotAllowedPlugin = fp(
  async (
    app: FastifyInstance,
    options: {
      /** Answers an unknown path instead of the 404 (the web UI's client routes) or declines. */
      fallback?: (
        prefixes: ReadonlySet<string>,
      ) => (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;
    },
  ) => {
    const shadow = FindMyWay({ ignoreTrailingSlash: true });
    const methods = new Set<string>();
    // The first path segment of every route (`api`, `docs`, `health`, …): paths the API owns.
    const prefixes = new Set<string>();
    const fallback = options.fallback?.(prefixes);
    app.addHook('onRoute', (route) => {
      // Catch-alls (CORS preflight's `OPTIONS *`) would make every unknown path look known.
      if (route.url.includes('*')) return;
      prefixes.add(route.url.split('/')[1] ?? '');
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
      return (
        fallback?.(request, reply) ?? sendError(reply, Errors.routeNotFound({ method: request.method, path }))
      );
    });
  },
  { name: 'method-not-allowed', dependencies: ['error-handler'] },
);
