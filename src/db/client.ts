import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { EmbeddedServerInfo } from './embedded/server.js';
import { hostUrls, PrimaryFinder, primaryClient } from './multi-host.js';
import type { ReadReplicas } from './read-replicas.js';

type Schema = Record<string, never>;
/** The Drizzle handle every repo takes. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; repos accept `Db | Tx` so a service decides the transaction. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export interface SqlResult {
  rows: Record<string, unknown>[];
}

/** An open PostgreSQL database: the embedded server or one named by DATABASE_URL, through one pool. */
export interface Database {
  db: Db;
  /** The pool, for work that needs one dedicated connection (pg-boss, cursors). */
  pool: pg.Pool;
  /**
   * A new, unconnected client for work that keeps session state (LISTEN, the migrations' session
   * lock): on the server itself, also when the pool goes through a transaction-mode pooler
   * (PgBouncer), and on the current primary when the URL names several hosts.
   */
  sessionClient(): pg.Client;
  /** Raw SQL outside any transaction (pg-boss, health checks). Several statements allowed without values. */
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
  poolStats(): { total: number; idle: number; waiting: number };
  /** Streaming replicas for list, report and export reads (DATABASE_REPLICA_URLS). */
  replicas?: ReadReplicas;
  /** Set when this process runs the embedded server. */
  embedded?: EmbeddedServerInfo;
  close(): Promise<void>;
}

/**
 * The client class for `url`: node-postgres' own, or for a multi-host URL one that connects to
 * whichever of the hosts is the writable primary (see multi-host.ts).
 */
function clientFor(url: string): { Client: typeof pg.Client; connectionString: string } {
  const urls = hostUrls(url);
  if (urls.length === 1) return { Client: pg.Client, connectionString: url };
  return { Client: primaryClient(new PrimaryFinder(urls)), connectionString: urls[0] as string };
}

/**
 * How long a pooled connection may sit idle before it is closed. node-postgres closes them after
 * 10 s; a connection opened again starts with a server process whose caches are cold and whose
 * prepared statements are gone, so a lull of a few seconds made the next burst of requests slower
 * for a while. The pool still shrinks after a quiet minute, and idle connections alone do not keep
 * a process (a CLI command) from exiting.
 */
export const IDLE_CONNECTION_MS = 60_000;

/**
 * Opens a connection pool to a PostgreSQL server; `directUrl` names the server itself when `url`
 * is a transaction-mode pooler in front of it. Either may name several hosts
 * (`postgres://u@h1:5432,h2:5432/db`): connections go to the one that takes writes.
 */
export async function openPostgres(url: string, poolSize: number, directUrl?: string): Promise<Database> {
  const { Client, connectionString } = clientFor(url);
  const pool = new pg.Pool({
    Client,
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: IDLE_CONNECTION_MS,
    allowExitOnIdle: true,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  await pool.query('select 1');
  let closed = false;
  return {
    pool,
    sessionClient: () => {
      const session = directUrl ? clientFor(directUrl) : { Client, connectionString };
      return new session.Client({
        connectionString: session.connectionString,
        connectionTimeoutMillis: 10_000,
      });
    },
    db: drizzle({ client: pool }) as unknown as Db,
    executeSql: (text, values) => pool.query(text, values),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
