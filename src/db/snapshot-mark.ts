import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import { rows } from './rows.js';

/**
 * Which database this is and which run of its server: its oid and the server's start to the
 * microsecond. Transaction ids are counted per server, not per database, so two databases of one
 * server can be at the same snapshot; and a standby promoted after the old primary handed out ids
 * it never received counts some of those ids again. Another database, or the same one served by
 * another server process, therefore never shares a mark.
 */
const DATABASE_RUN = sql`((select oid from pg_database where datname = current_database())::text
  || '/' || extract(epoch from pg_postmaster_start_time())::text)`;

/**
 * What the database's committed state is now: its snapshot (`xmin:xmax:in-progress`) and
 * `DATABASE_RUN`, as `snapshot@run`. Two reads with the same mark see the same data, and any
 * transaction that commits changes it, so a result remembered under a mark is stale at most when
 * the mark moved. (The newest ledger id was not enough: a posting that took its ids first but
 * committed last left it where it was.)
 */
export async function snapshotMark(db: DbOrTx): Promise<string> {
  const [row] = await rows<{ mark: string }>(
    db,
    sql`select pg_current_snapshot()::text || '@' || ${DATABASE_RUN} as mark`,
  );
  return row?.mark ?? '';
}

/** The snapshot of a mark given as SQL, as a `pg_snapshot`. */
export function snapshotOfMark(mark: SQL): SQL {
  return sql`split_part(${mark}::text, '@', 1)::pg_snapshot`;
}

/** Whether a mark given as SQL was taken on this database and run of its server. */
export function markIsHere(mark: SQL): SQL<boolean> {
  return sql<boolean>`(split_part(${mark}::text, '@', 2) = ${DATABASE_RUN})`;
}
