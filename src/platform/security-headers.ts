import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Overrides of the app's helmet options for one route (e.g. `{ contentSecurityPolicy: false }`). */
    securityHeaders?: HelmetOptions;
  }
}

/**
 * The headers helmet sets for `options`, worked out once. They depend on the options only, so
 * every response can take them ready-made (helmet's Fastify plugin rebuilds its middleware,
 * directives parsed anew, on every request).
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => {});
  return headers;
}

/** helmet's security headers on every response; a route may override options in `config.securityHeaders`. */
export const securityHeadersPlugin = fp(
  async (app: FastifyInstance, options: HelmetOptions) => {
    const global = helmetHeaders(options);
    const byRoute = new Map<object, Record<string, string>>();
    app.addHook('onRoute', (route) => {
      const own = route.config?.securityHeaders;
      if (own) byRoute.set(own, helmetHeaders(Object.assign({}, options, own) as HelmetOptions));
    });
    app.addHook('onRequest', (request, reply, done) => {
      const own = request.routeOptions.config.securityHeaders;
      reply.headers((own && byRoute.get(own)) || global);
      done();
    });
  },
  { name: 'security-headers' },
);
