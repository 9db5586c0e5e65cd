import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** Whether `dir` holds a built UI (Vite writes index.html last, so a half-built one has none). */
export function hasWebUi(dir: string): boolean {
  return existsSync(path.join(dir, 'index.html'));
}

/**
 * The client-route fallback: a browser opening `/products` or a mailed `/reset-password?token=…`
 * link gets index.html and the UI's router takes over. Never for a path under a prefix the API
 * owns (`/api`, `/docs`, `/health`, …: `apiPrefixes` lists their first segments) nor for a file
 * name, so a missing endpoint or asset keeps its 404 JSON.
 */
export function spaFallback(apiPrefixes: ReadonlySet<string>) {
  return (request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const pathname = request.url.split('?')[0] ?? '/';
    const first = pathname.split('/')[1] ?? '';
    if (apiPrefixes.has(first) || path.posix.basename(pathname).includes('.')) return undefined;
    return reply.sendFile('index.html');
  };
}

/** Serves the built UI's files; hashed assets are cached for good, index.html revalidated. */
export const webUiPlugin = fp(
  async (app: FastifyInstance, options: { root: string }) => {
    await app.register(fastifyStatic, {
      root: options.root,
      prefix: '/',
      // One route per built file, found at start: an unknown path falls to the not-found handler.
      wildcard: false,
      cacheControl: false,
      setHeaders(reply, file) {
        reply.header(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  },
  { name: 'web-ui' },
);
