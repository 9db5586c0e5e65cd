import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import fp from 'fastify-plugin';
import stableStringify from 'safe-stable-stringify';
import type { Db, DbOrTx, Tx } from '../db/client.js';
import { isLockTimeout } from '../db/errors.js';
import { inRequestTransaction } from '../db/request-transaction.js';
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
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotencyClaim | null;
  }
  interface FastifyContextConfig {
    /** The route claims and answers the key itself, in a transaction of its own (the posting batch). */
    idempotencyInTransaction?: boolean;
    /** false: the route ignores `Idempotency-Key` (sign-in and the other token routes). */
    idempotency?: boolean;
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

/** Thrown inside a keyed request's transaction to roll back a refused request; its answer is sent as is. */
class Refused {
  constructor(readonly payload: unknown) {}
}

/** The caller's claim on the request's key (422 for a malformed key). */
function claimOf(request: FastifyRequest, key: unknown): IdempotencyClaim {
  if (typeof key !== 'string' || !KEY.test(key)) throw IdempotencyErrors.badKey();
  return { scope: request.principal?.id ?? `anonymous:${request.ip}`, key, hash: fingerprint(request) };
}

/**
 * Claims the key in the request's transaction (true), or finds it answered (false). A first
 * attempt still running holds the key's row uncommitted: this waits for its outcome, and a
 * crashed attempt's row vanishes with its connection, so the key is free again at once.
 */
async function claimKey(tx: Tx, claim: IdempotencyClaim): Promise<boolean> {
  await tx.execute(sql`select set_config('lock_timeout', ${`${WAIT_FOR_FIRST_MS}ms`}, true)`);
  let won: boolean | undefined;
  try {
    [won] = await claimInTransaction(tx, [claim]);
  } catch (error) {
    if (isLockTimeout(error)) throw IdempotencyErrors.inProgress();
    throw error;
  }
  await tx.execute(sql`set local lock_timeout to default`);
  return won === true;
}

/** The body as it goes out: what the route's response schema makes of it. */
function serialized(reply: FastifyReply, payload: unknown): string {
  if (payload == null) return '';
  if (typeof payload === 'string') return payload;
  const body = reply.serialize(payload);
  return typeof body === 'string' ? body : Buffer.from(body as Uint8Array).toString();
}

/**
 * Runs the handler with its reply held back: what it sends (or returns) is the result, and
 * nothing reaches the client until the caller sends it. A handler's promise that resolves to the
 * reply itself settles only once the reply is out (a reply is a thenable), so the send decides.
 */
function heldReply(
  instance: FastifyInstance,
  handler: RouteHandlerMethod,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<unknown> {
  const sent = new Promise<unknown>((resolve) => {
    reply.send = (payload?: unknown) => {
      resolve(payload);
      return reply;
    };
  });
  const returned = Promise.resolve(handler.call(instance, request, reply));
  returned.catch(() => {}); // its rejection is taken by the race below, or comes after the send
  return Promise.race([sent, returned]);
}

type Outcome = { replay: StoredResponse } | { answer: StoredResponse } | { refused: unknown };

/**
 * The route's handler, run once per caller and key: the key, the route's writes and its stored
 * answer commit in one transaction, and the answer is sent only after that commit.
 */
function keyed(db: Db, handler: RouteHandlerMethod): RouteHandlerMethod {
  return async function (this: FastifyInstance, request, reply) {
    const key = request.headers['idempotency-key'];
    if (key === undefined) return handler.call(this, request, reply);
    const claim = claimOf(request, key);
    let outcome: Outcome;
    try {
      outcome = await inRequestTransaction(db, async (tx): Promise<Outcome> => {
        if (!(await claimKey(tx, claim))) return { replay: await storedResponse(tx, claim) };
        const payload = await heldReply(this, handler, request, reply);
        if (reply.statusCode >= 400) throw new Refused(payload);
        const answer = {
          status: reply.statusCode,
          type: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
          body: serialized(reply, payload),
        };
        await answerInTransaction(tx, [{ claim, response: answer }], []);
        return { answer };
      });
    } catch (error) {
      // A refused request changed nothing and keeps no key: its retry is judged again.
      if (!(error instanceof Refused)) throw error;
      outcome = { refused: error.payload };
    } finally {
      Reflect.deleteProperty(reply, 'send');
    }
    if ('refused' in outcome) return reply.send(outcome.refused);
    const { status, type, body } = 'replay' in outcome ? outcome.replay : outcome.answer;
    if ('replay' in outcome) reply.header('idempotent-replayed', 'true');
    return reply.code(status).type(type).send(body);
  };
}

/**
 * A POST with an `Idempotency-Key` runs once per caller and key: a retry with the same body gets
 * the stored response (status and body, marked `Idempotent-Replayed: true`) and changes nothing;
 * the same key with another body is 422. A retry racing the first waits for its answer. Keys are
 * kept 24 hours; a refused request (4xx, 5xx) keeps none, so its retry runs again.
 */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance, options: { db: Db; scheduler: Scheduler }) => {
    const { db } = options;
    app.decorateRequest('idempotency', null);

    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const { idempotency, idempotencyInTransaction } = route.config ?? {};
      if (!methods.includes('POST') || idempotency === false || idempotencyInTransaction) return;
      route.handler = keyed(db, route.handler as RouteHandlerMethod);
    });

    /** Claims the key for the route to take into its own transaction, or replays its answer. */
    async function claimOrReplay(
      request: FastifyRequest,
      reply: FastifyReply,
      key: unknown,
    ): Promise<boolean> {
      const claim = claimOf(request, key);
      const [row] = await db
        .select({ key: idempotencyKeys.key })
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key)));
      if (!row) {
        request.idempotency = claim;
        return false;
      }
      const stored = await storedResponse(db, claim);
      reply.code(stored.status).header('idempotent-replayed', 'true').type(stored.type).send(stored.body);
      return true;
    }

    // Only the routes that claim keys in a transaction of their own (the posting batch) pass here.
    app.addHook('preHandler', (request, reply, done) => {
      const key = request.headers['idempotency-key'];
      if (
        !request.routeOptions.config.idempotencyInTransaction ||
        request.method !== 'POST' ||
        key === undefined
      ) {
        return done();
      }
      claimOrReplay(request, reply, key).then((replayed) => {
        if (!replayed) done();
      }, done);
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
