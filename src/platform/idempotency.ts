import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import stableStringify from 'safe-stable-stringify';
import type { Db } from '../db/client.js';
import { defineError } from './errors.js';
import { idempotencyKeys } from './idempotency.tables.js';
import type { Scheduler } from './scheduler.js';

const KEY = /^[\x21-\x7e]{1,255}$/;
const TTL_HOURS = 24;
const WAIT_FOR_FIRST_MS = 10_000;

export const IdempotencyErrors = {
  badKey: defineError('INVALID_IDEMPOTENCY_KEY', 422, {
    en: 'Idempotency-Key must be 1 to 255 visible ASCII characters.',
    hu: 'Az Idempotency-Key 1–255 látható ASCII karakter lehet.',
  }),
  mismatch: defineError('IDEMPOTENCY_KEY_REUSED', 422, {
    en: 'This Idempotency-Key was already used with a different request.',
    hu: 'Ezt az Idempotency-Key-t már egy másik kéréshez használták.',
  }),
  inProgress: defineError('IDEMPOTENCY_IN_PROGRESS', 409, {
    en: 'A request with this Idempotency-Key is still being processed; retry shortly.',
    hu: 'Egy kérés ezzel az Idempotency-Key-jel még feldolgozás alatt áll; próbálja újra hamarosan.',
  }),
};

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | null;
  }
}

/**
 * What makes two requests the same: method, route and parameters, query and body as stable JSON,
 * so a retry with the keys in another order or a trailing slash is still the same request.
 */
function fingerprint(request: FastifyRequest): string {
  const route = request.routeOptions.url ?? request.url.split('?')[0];
  const parts = [request.params, request.query, request.body].map((part) => stableStringify(part ?? null));
  return createHash('sha256')
    .update(`${request.method} ${route}\n${parts.join('\n')}`)
    .digest('hex');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A POST with an `Idempotency-Key` runs once per caller and key: a retry with the same body gets
 * the stored response (status and body, marked `Idempotent-Replayed: true`) and changes nothing;
 * the same key with another body is 422. A retry racing the first waits for its answer. Keys are
 * kept 24 hours; a 5xx frees the key so the request can be retried.
 */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance, options: { db: Db; scheduler: Scheduler }) => {
    const { db } = options;
    app.decorateRequest('idempotency', null);

    app.addHook('preHandler', async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (request.method !== 'POST' || key === undefined) return;
      if (typeof key !== 'string' || !KEY.test(key)) throw IdempotencyErrors.badKey();
      const scope = request.principal?.id ?? `anonymous:${request.ip}`;
      const hash = fingerprint(request);
      const claimed = await db
        .insert(idempotencyKeys)
        .values({
          scope,
          key,
          requestHash: hash,
          state: 'in_progress',
          expiresAt: sql`now() + make_interval(hours => ${TTL_HOURS})`,
        })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (claimed.length === 1) {
        request.idempotency = { scope, key };
        return;
      }
      const deadline = Date.now() + WAIT_FOR_FIRST_MS;
      for (;;) {
        const [row] = await db
          .select()
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
        if (!row) throw IdempotencyErrors.inProgress(); // freed by a failed first attempt
        if (row.requestHash !== hash) throw IdempotencyErrors.mismatch();
        if (row.state === 'done') {
          return reply
            .code(row.responseStatus ?? 200)
            .header('idempotent-replayed', 'true')
            .type(row.responseType ?? 'application/json; charset=utf-8')
            .send(row.responseBody ?? '');
        }
        if (Date.now() > deadline) throw IdempotencyErrors.inProgress();
        await sleep(50);
      }
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const claim = request.idempotency;
      if (!claim) return payload;
      request.idempotency = null;
      const where = and(eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key));
      if (reply.statusCode >= 500) {
        await db.delete(idempotencyKeys).where(where);
      } else {
        await db
          .update(idempotencyKeys)
          .set({
            state: 'done',
            responseStatus: reply.statusCode,
            responseType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
            responseBody: typeof payload === 'string' ? payload : payload == null ? '' : String(payload),
          })
          .where(where);
      }
      return payload;
    });

    options.scheduler.register({
      name: 'purge-idempotency-keys',
      cron: '17 * * * *',
      run: async () => {
        await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, sql`now()`));
      },
    });
  },
  { name: 'idempotency' },
);
