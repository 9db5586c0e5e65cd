import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import stableStringify from 'safe-stable-stringify';
import type { Db, DbOrTx } from '../db/client.js';
import { rows } from '../db/rows.js';
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

/** A request's Idempotency-Key: who sent it, the key, and what the request was. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  hash: string;
  /** The route claims the key in the transaction of its own work (see claimInTransaction). */
  inTransaction: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotencyClaim | null;
  }
  interface FastifyContextConfig {
    /** Claim and answer the key inside the route's own transaction, so a crash leaves no half state. */
    idempotencyInTransaction?: boolean;
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

export interface StoredResponse {
  status: number;
  type: string;
  body: string;
}

/**
 * The response stored for a key, waiting while the first request with it is still running. A
 * different request under the same key is 422; a first attempt that failed and freed the key is 409.
 */
export async function storedResponse(
  db: DbOrTx,
  claim: Pick<IdempotencyClaim, 'scope' | 'key' | 'hash'>,
): Promise<StoredResponse> {
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key)));
    if (!row) throw IdempotencyErrors.inProgress(); // freed by a failed first attempt
    if (row.requestHash !== claim.hash) throw IdempotencyErrors.mismatch();
    if (row.state === 'done') {
      return {
        status: row.responseStatus ?? 200,
        type: row.responseType ?? 'application/json; charset=utf-8',
        body: row.responseBody ?? '',
      };
    }
    if (Date.now() > deadline) throw IdempotencyErrors.inProgress();
    await sleep(50);
  }
}

/**
 * Claims keys inside the caller's transaction, in key order (two transactions never wait on each
 * other's keys crosswise). A key another transaction holds makes this wait for its outcome.
 * Returns, per claim, whether it is this transaction's; of the same key twice, the first wins.
 */
export async function claimInTransaction(tx: DbOrTx, claims: IdempotencyClaim[]): Promise<boolean[]> {
  const id = (c: IdempotencyClaim) => `${c.scope}\u0000${c.key}`;
  const firsts = claims.filter((c, i) => claims.findIndex((o) => id(o) === id(c)) === i);
  if (firsts.length === 0) return [];
  const claimed = await rows<{ scope: string; key: string }>(
    tx,
    sql`insert into idempotency_keys (scope, key, request_hash, state, expires_at)
    select c.scope, c.key, c.hash, 'in_progress', now() + make_interval(hours => ${TTL_HOURS})
    from unnest(${sql.param(firsts.map((c) => c.scope))}::text[], ${sql.param(firsts.map((c) => c.key))}::text[],
      ${sql.param(firsts.map((c) => c.hash))}::text[]) as c(scope, key, hash)
    order by c.scope, c.key
    on conflict do nothing
    returning scope, key`,
  );
  const won = new Set(claimed.map((row) => `${row.scope}\u0000${row.key}`));
  return claims.map((c) => firsts.includes(c) && won.has(id(c)));
}

/**
 * Stores the responses of claimed keys in the caller's transaction; `freed` keys (refused
 * requests, which changed nothing) are removed so a retry runs again.
 */
export async function answerInTransaction(
  tx: DbOrTx,
  answers: { claim: IdempotencyClaim; response: StoredResponse }[],
  freed: IdempotencyClaim[],
): Promise<void> {
  if (answers.length > 0) {
    await tx.execute(sql`update idempotency_keys k
      set state = 'done', response_status = a.status, response_type = a.type, response_body = a.body
      from unnest(${sql.param(answers.map((a) => a.claim.scope))}::text[], ${sql.param(answers.map((a) => a.claim.key))}::text[],
        ${sql.param(answers.map((a) => a.response.status))}::int[], ${sql.param(answers.map((a) => a.response.type))}::text[],
        ${sql.param(answers.map((a) => a.response.body))}::text[]) as a(scope, key, status, type, body)
      where k.scope = a.scope and k.key = a.key`);
  }
  if (freed.length > 0) {
    await tx.execute(sql`delete from idempotency_keys k
      using unnest(${sql.param(freed.map((c) => c.scope))}::text[], ${sql.param(freed.map((c) => c.key))}::text[]) as f(scope, key)
      where k.scope = f.scope and k.key = f.key`);
  }
}

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

    /** Claims the key, or answers with the stored response (true: the reply is sent). */
    async function claimOrReplay(
      request: FastifyRequest,
      reply: FastifyReply,
      key: unknown,
    ): Promise<boolean> {
      if (typeof key !== 'string' || !KEY.test(key)) throw IdempotencyErrors.badKey();
      const scope = request.principal?.id ?? `anonymous:${request.ip}`;
      const hash = fingerprint(request);
      if (request.routeOptions.config.idempotencyInTransaction) {
        const [row] = await db
          .select({ key: idempotencyKeys.key })
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
        if (!row) {
          request.idempotency = { scope, key, hash, inTransaction: true };
          return false;
        }
      } else {
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
          request.idempotency = { scope, key, hash, inTransaction: false };
          return false;
        }
      }
      const stored = await storedResponse(db, { scope, key, hash });
      reply.code(stored.status).header('idempotent-replayed', 'true').type(stored.type).send(stored.body);
      return true;
    }

    // Every request passes here; only a POST with a key needs the database (and a promise).
    app.addHook('preHandler', (request, reply, done) => {
      const key = request.headers['idempotency-key'];
      if (request.method !== 'POST' || key === undefined) return done();
      claimOrReplay(request, reply, key).then((replayed) => {
        if (!replayed) done();
      }, done);
    });

    /** Stores the response of a request whose key was claimed outside its transaction (a 5xx frees the key). */
    async function answer(claim: IdempotencyClaim, reply: FastifyReply, payload: unknown): Promise<unknown> {
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
    }

    app.addHook('onSend', (request, reply, payload, done) => {
      const claim = request.idempotency;
      if (!claim || claim.inTransaction) return done(null, payload);
      request.idempotency = null;
      answer(claim, reply, payload).then((sent) => done(null, sent), done);
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
