import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import { rows } from './rows.js';

/**
 * What the database's committed state is now: its snapshot (`xmin:xmax:in-progress`). Two reads
 * with the same snapshot see the same data, and any transaction that commits changes it, so a
 * result remembered under a mark is stale at most when the mark moved. (The newest ledger id was
 * not enough: a posting that took its ids first but committed last left it where it was.)
 */
export async function snapshotMark(db: DbOrTx): Promise<string> {
  const [row] = await rows<{ mark: string }>(db, sql`select pg_current_snapshot()::text as mark`);
  return row?.mark ?? '';
}
