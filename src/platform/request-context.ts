import type { IncomingMessage } from 'node:http';
import { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import fp from 'fastify-plugin';
import { uuidv7 } from 'uuidv7';
import { Errors } from './errors.js';
import { type Locale, negotiateLocale } from './i18n.js';
import { silentConnections } from './silent-connections.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language of this request's messages, from Accept-Language. */
    locale: Locale;
  }
}

const SAFE_REQUEST_ID = /^[\w.:@-]{1,128}$/;

/** Honours a well-formed X-Request-Id from the caller (a proxy, a retrying client); otherwise a UUIDv7. */
export function requestId(request: IncomingMessage): string {
  const sent = request.headers['x-request-id'];
  return typeof sent === 'string' && SAFE_REQUEST_ID.test(sent) ? sent : uuidv7();
}

/** One log line per request, when it completes: method, path (no query: it may carry tokens), status, duration. */
export class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'request_id' });
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    request.log[error ? 'error' : 'info'](
      {
        method: request.method,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        duration_ms: Math.round(reply.elapsedTime * 100) / 100,
        ...(error ? { err: error } : {}),
      },
      'request',
    );
  }
}

/** Request id echoed on every response and the caller's locale. */
export const requestContextPlugin = fp(
  async (app: FastifyInstance, options: { defaultLocale: Locale }) => {
    app.decorateRequest('locale', options.defaultLocale);
    // While shutting down, answer in-flight requests with `Connection: close`, so kept-alive
    // sockets end with their last response instead of holding the shutdown open, and refuse
    // requests that arrive whole after it began (503 SHUTTING_DOWN: a client or balancer retries).
    let closing = false;
    const silent = silentConnections(app.server);
    app.addHook('preClose', (done) => {
      closing = true;
      silent.close();
      done();
    });
    // API handlers still running when the server closes (their client may even have hung up)
    // finish before the onClose hooks return, so the database is never closed under a posting.
    let running = 0;
    let drained: (() => void) | undefined;
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/')) return;
      const handler = route.handler;
      route.handler = async function counted(this: FastifyInstance, request, reply) {
        running += 1;
        try {
          return await handler.call(this, request, reply);
        } finally {
          running -= 1;
          if (running === 0) drained?.();
        }
      };
    });
    // Hooks on every request take callbacks: an async hook costs a promise and a turn each.
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (closing) reply.header('connection', 'close');
      done(null, payload);
    });
    app.addHook('onClose', async () => {
      if (running > 0) await new Promise<void>((resolve) => (drained = resolve));
    });
    app.addHook('onRequest', (request, reply, done) => {
      request.locale = negotiateLocale(request.headers, options.defaultLocale);
      reply.header('x-request-id', request.id);
      done(closing ? Errors.shuttingDown() : undefined);
    });
  },
  { name: 'request-context' },
);
