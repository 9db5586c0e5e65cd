import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { type Db, IDLE_CONNECTION_MS } from './client.js';
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
  /** The furthest WAL position it was seen to have replayed. */
  replayed: bigint;
}

/**
 * Where each principal's last write committed on the primary (a WAL position). In this process by
 * default; shared through Valkey when there is one, so a write on one instance keeps the writer's
 * reads on the primary on every instance.
 */
export interface WriteMarks {
  get(principal: string): Promise<string | undefined>;
  set(principal: string, lsn: string): Promise<void>;
}

/** How long a write keeps its writer's reads off replicas that have not replayed it. */
export const WRITE_MARK_MS = 3_600_000;
/** Principals remembered in this process; the oldest are forgotten beyond this. */
const MAX_MARKS = 10_000;

/** Marks in this process's memory: enough for one instance, or behind a sticky balancer. */
export function localWriteMarks(): WriteMarks {
  const marks = new Map<string, { lsn: string; until: number }>();
  return {
    async get(principal) {
      const mark = marks.get(principal);
      if (mark && mark.until > Date.now()) return mark.lsn;
      marks.delete(principal);
      return undefined;
    },
    async set(principal, lsn) {
      marks.delete(principal);
      marks.set(principal, { lsn, until: Date.now() + WRITE_MARK_MS });
      if (marks.size > MAX_MARKS) {
        const oldest = marks.keys().next().value;
        if (oldest !== undefined) marks.delete(oldest);
      }
    },
  };
}

/** A WAL position (`16/B374D848`) as a number, to compare. */
export function lsnValue(lsn: string): bigint {
  const [high = '0', low = '0'] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

/** How long a replica that failed is left alone before it is tried again. */
const DOWN_MS = 5_000;

/**
 * The streaming replicas reads may go to. A read goes to the next replica in turn that is up and,
 * when the reader has written within WRITE_MARK_MS, has replayed past that write's WAL position;
 * otherwise to the primary. The mark is kept, not cleared at the first replica found caught up:
 * the next read may go to another replica that is further behind.
 */
export class ReadReplicas {
  private readonly replicas: Replica[];
  private marks: WriteMarks = localWriteMarks();
  private next = 0;

  constructor(urls: string[], poolSize: number) {
    this.replicas = urls.map((url) => {
      // A replica that hangs must not hold a read long: the primary is the fallback.
      const pool = new pg.Pool({
        connectionString: url,
        max: poolSize,
        connectionTimeoutMillis: 3_000,
        idleTimeoutMillis: IDLE_CONNECTION_MS,
        allowExitOnIdle: true,
      });
      pool.on('error', () => {});
      return { url, pool, db: drizzle({ client: pool }) as unknown as Db, downUntil: 0, replayed: 0n };
    });
  }

  get size(): number {
    return this.replicas.length;
  }

  /** Keeps the writers' marks in `marks` (shared by every instance) instead of this process. */
  shareMarks(marks: WriteMarks): void {
    this.marks = marks;
  }

  /**
   * A replica for `reader`'s read, or undefined for the primary: none is up, or none has replayed
   * the reader's last write yet.
   */
  async pick(reader: string | undefined): Promise<ReadSource | undefined> {
    const mark = reader === undefined ? undefined : await this.marks.get(reader);
    const after = mark === undefined ? undefined : lsnValue(mark);
    for (let tried = 0; tried < this.replicas.length; tried += 1) {
      const replica = this.replicas[this.next++ % this.replicas.length] as Replica;
      if (replica.downUntil > Date.now()) continue;
      if (after === undefined || replica.replayed >= after) return replica;
      try {
        const { rows } = await replica.pool.query<{ lsn: string | null }>(
          'select pg_last_wal_replay_lsn()::text as lsn',
        );
        const replayed = rows[0]?.lsn ? lsnValue(rows[0].lsn) : 0n;
        if (replayed > replica.replayed) replica.replayed = replayed;
        if (replica.replayed >= after) return replica;
      } catch (error) {
        if (!isServerUnusable(error)) throw error;
        this.markDown(replica);
      }
    }
    return undefined;
  }

  /** Remembers the primary's WAL position after `writer`'s committed write. */
  async rememberWrite(writer: string, lsn: string): Promise<void> {
    await this.marks.set(writer, lsn);
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
