import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';

type Schema = Record<string, never>;
/** The Drizzle handle every repo takes: the same type on PGlite and on a PostgreSQL pool. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; repos accept `Db | Tx` so a service decides the transaction. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export interface SqlResult {
  rows: Record<string, unknown>[];
}

/** An open database: embedded PGlite or a PostgreSQL server, behind one interface. */
export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Raw SQL outside any transaction (pg-boss, health checks). Several statements allowed without values. */
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
  /** Set on PostgreSQL: the pool, for work that needs one dedicated connection (migration lock). */
  pool?: pg.Pool;
  /** Set on PGlite: the embedded instance (tests dump and load its data directory). */
  client?: PGlite;
}

export interface PgliteOptions {
  dataDir?: string;
  loadDataDir?: Blob | File;
}

/** Opens embedded PostgreSQL (PGlite); in memory when no dataDir is given. */
export async function openPglite(options: PgliteOptions = {}): Promise<Database & { client: PGlite }> {
  const client = await PGlite.create({
    // The contrib extensions the migrations create (search is accent-insensitive and trigram-indexed).
    extensions: { pg_trgm, unaccent },
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  let closed = false;
  return {
    kind: 'pglite',
    client,
    db: drizzlePglite({ client }) as unknown as Db,
    async executeSql(text, values) {
      if (values?.length) return client.query(text, values);
      const results = await client.exec(text);
      return results.at(-1) ?? { rows: [] };
    },
    // PGlite is one in-process connection that queues whole transactions.
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

/** Opens a connection pool to a PostgreSQL server. */
export async function openPostgres(url: string, poolSize: number): Promise<Database & { pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  await pool.query('select 1');
  let closed = false;
  return {
    kind: 'postgres',
    pool,
    db: drizzleNodePg({ client: pool }) as unknown as Db,
    executeSql: (text, values) => pool.query(text, values),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
