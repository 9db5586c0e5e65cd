import type { FastifyInstance, RouteHandlerMethod, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { SqlResult } from '../db/client.js';
import { isReadOnlyServerError, isServerUnusable } from '../db/errors.js';
import { type ReadReplicas, WRITE_MARK_MS, type WriteMarks } from '../db/read-replicas.js';
import { readingFrom } from '../db/request-transaction.js';
import type { ValkeyClient } from './valkey.js';

const READS = new Set(['GET', 'HEAD']);

/** Past any WAL position: what a reader's mark is taken to be when Valkey cannot say. */
const UNKNOWN_MARK = 'FFFFFFFF/FFFFFFFF';

/**
 * Writers' marks in Valkey, shared by every instance: a write on one keeps the writer's reads on
 * the primary on all of them. Valkey unreachable: the reader is sent to the primary.
 */
export function valkeyWriteMarks(valkey: ValkeyClient, prefix: string): WriteMarks {
  const key = (principal: string) => `${prefix}write-mark:${principal}`;
  return {
    async get(principal) {
      try {
        return (await valkey.get(key(principal))) ?? undefined;
      } catch {
        return UNKNOWN_MARK;
      }
    },
    async set(principal, lsn) {
      await valkey.set(key(principal), lsn, 'PX', WRITE_MARK_MS);
    },
  };
}

/**
 * Lists, reports and exports: a GET under /api whose path does not end in an id. A read of one
 * record stays on the primary, where a link just handed out by a write always resolves.
 */
function readsFromReplica(route: RouteOptions): boolean {
  const methods = ([] as string[]).concat(route.method);
  const last = route.url.split('/').filter(Boolean).at(-1) ?? '';
  return route.url.startsWith('/api/') && methods.every((m) => READS.has(m)) && !last.startsWith(':');
}

/**
 * Sends list, report and export reads to a streaming replica (DATABASE_REPLICA_URLS), everything
 * else to the primary. After a principal's write its reads stay on the primary until a replica has
 * replayed past the WAL position the write committed at, so nobody reads a list without what they
 * just posted. A replica that is down, or refuses what a handler does (a write, SERIALIZABLE),
 * costs a retry of the read on the primary, never an error.
 */
export const readRoutingPlugin = fp(
  async (
    app: FastifyInstance,
    options: { replicas: ReadReplicas | undefined; primarySql: (text: string) => Promise<SqlResult> },
  ) => {
    const { replicas, primarySql } = options;
    if (!replicas) return;
    app.addHook('onRoute', (route) => {
      if (!readsFromReplica(route)) return;
      const handler = route.handler as RouteHandlerMethod;
      route.handler = async function onReplica(this: FastifyInstance, request, reply) {
        const source = await replicas.pick(request.principal?.id);
        if (!source) return handler.call(this, request, reply);
        try {
          return await readingFrom(source, async () => handler.call(this, request, reply));
        } catch (error) {
          if (reply.sent) throw error;
          if (isServerUnusable(error)) replicas.markDown(source);
          else if (!isReadOnlyServerError(error)) throw error;
          request.log.warn({ err: error }, 'replica read failed; reading from the primary');
          return handler.call(this, request, reply);
        }
      };
    });
    // Before the reply leaves (and after the request's transaction committed): the client's next
    // read must already know where its write is.
    app.addHook('onSend', async (request, reply, payload) => {
      if (READS.has(request.method) || reply.statusCode >= 400 || !request.principal) return payload;
      try {
        const { rows } = await primarySql('select pg_current_wal_lsn()::text as lsn');
        const lsn = rows[0]?.lsn;
        if (typeof lsn === 'string') await replicas.rememberWrite(request.principal.id, lsn);
      } catch (error) {
        // The write committed: its answer must not turn into an error. Until the next write the
        // writer may read a lagging replica; the primary going away right now is the worse news.
        request.log.warn({ err: error }, 'WAL position after a write unknown');
      }
      return payload;
    });
  },
  { name: 'read-routing' },
);
