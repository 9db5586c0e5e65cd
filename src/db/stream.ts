import type { SQLWrapper } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import Cursor from 'pg-cursor';

/** Rows read per round trip: large enough to amortize it, small enough to keep memory flat. */
export const STREAM_CHUNK_ROWS = 1_000;

/** The rows of a query, chunk by chunk, keyed by the query's output column names. */
export type StreamRows = <T = Record<string, unknown>>(query: SQLWrapper) => AsyncIterable<T[]>;

const dialect = new PgDialect();

/**
 * Streams a query through a server-side cursor on a client of its own, taken from `pool` (or the
 * pool it names at the time: a replica's, for a read routed to one) for the
 * length of the read: memory holds one chunk at a time however many rows match, and the next
 * chunk is read only when the consumer asks for it (backpressure). The client goes back to the
 * pool when the rows end, fail or the consumer stops early.
 */
export function rowStreamer(pool: pg.Pool | (() => pg.Pool), chunkRows = STREAM_CHUNK_ROWS): StreamRows {
  const poolNow = typeof pool === 'function' ? pool : () => pool;
  return async function* streamRows<T>(query: SQLWrapper) {
    const { sql, params } = dialect.sqlToQuery(query.getSQL());
    const client = await poolNow().connect();
    const cursor = client.query(new Cursor<T>(sql, params));
    let failed: unknown;
    try {
      for (;;) {
        const chunk = await cursor.read(chunkRows);
        if (chunk.length === 0) return;
        yield chunk;
      }
    } catch (error) {
      failed = error;
      throw error;
    } finally {
      await cursor.close().catch(() => {});
      // A client whose cursor failed mid-read is discarded rather than reused.
      client.release(failed instanceof Error ? failed : undefined);
    }
  };
}
