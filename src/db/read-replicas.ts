import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from './client.js';
import { isServerUnusable } from './errors.js';

/** Where a read goes: a replica's Drizzle handle and its pool (for cursors). */
export interface ReadSource {
  db: Db;
  pool: pg.Pool;
}

interface Replica extends ReadSource {
  url: string;
  /** Until when it is skipped after a connection failed (ms since epoch). */
  downUntil: number;
}

/** How long a replica that failed is left alone before it is tried again. */
const DOWN_MS = 5_000;
/** Principals remembered with a pending write; the oldest are forgotten beyond this. */
const MAX_PENDING = 10_000;

/**
 * The streaming replicas reads may go to, and what each principal last wrote on the primary. A
 * read goes to the next replica in turn that is up and, when the reader has a write of its own in
 * flight to the replicas, has replayed past that write's WAL position; otherwise to the primary.
 */
export class ReadReplicas {
  private readonly replicas: Replica[];
  private readonly pending = new Map<string, string>();
  private next = 0;

  constructor(urls: string[], poolSize: number) {
    this.replicas = urls.map((url) => {
      // A replica that hangs must not hold a read long: the primary is the fallback.
      const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 3_000 });
      pool.on('error', () => {});
      return { url, pool, db: drizzle({ client: pool }) as unknown as Db, downUntil: 0 };
    });
  }

  get size(): number {
    return this.replicas.length;
  }

  /**
   * A replica for `reader`'s read, or undefined for the primary: none is up, or none has replayed
   * the reader's last write yet (its pending position is forgotten once one has).
   */
  async pick(reader: string | undefined): Promise<ReadSource | undefined> {
    const after = reader === undefined ? undefined : this.pending.get(reader);
    for (let tried = 0; tried < this.replicas.length; tried += 1) {
      const replica = this.replicas[this.next++ % this.replicas.length] as Replica;
      if (replica.downUntil > Date.now()) continue;
      if (after === undefined) return replica;
      try {
        const { rows } = await replica.pool.query<{ replayed: boolean | null }>(
          'select pg_last_wal_replay_lsn() >= $1::pg_lsn as replayed',
          [after],
        );
        if (rows[0]?.replayed !== true) continue;
        if (reader !== undefined && this.pending.get(reader) === after) this.pending.delete(reader);
        return replica;
      } catch (error) {
        if (!isServerUnusable(error)) throw error;
        this.markDown(replica);
      }
    }
    return undefined;
  }

  /** Remembers the primary's WAL position after `writer`'s committed write. */
  rememberWrite(writer: string, lsn: string): void {
    this.pending.delete(writer);
    this.pending.set(writer, lsn);
    if (this.pending.size > MAX_PENDING) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
  }

  /** Skips a replica that could not serve (unreachable, login or database refused) for a few seconds. */
  markDown(source: ReadSource): void {
    const replica = this.replicas.find((r) => r.pool === source.pool);
    if (replica) replica.downUntil = Date.now() + DOWN_MS;
  }

  async close(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.pool.end()));
  }
}
