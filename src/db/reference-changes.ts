import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import { preparedStatement } from './prepared.js';
import { markIsHere, snapshotOfMark } from './snapshot-mark.js';

/** A table whose changes `reference_changes` records (by a trigger on it), and the kind of change. */
export type ReferenceChange =
  `${'products' | 'warehouses' | 'bins' | 'lots'}:${'insert' | 'update' | 'delete' | 'truncate'}`;

/**
 * Whether a transaction that the snapshot of `mark` (a `snapshotMark`, given as SQL) could not see
 * has committed one of `changes` since, judged in the reading statement's own snapshot; always
 * true for a mark of another database or run of its server. The rows are written by triggers
 * whatever path made the change, and kept for an hour after their commit: a remembered page must
 * be younger than that.
 */
export function changedSince(changes: readonly ReferenceChange[], mark: SQL): SQL<boolean> {
  const snapshot = snapshotOfMark(mark);
  return sql<boolean>`(not ${markIsHere(mark)} or exists (select 1 from reference_changes c
    where c.source = any(${`{${changes.join(',')}}`}::text[])
      and c.xid >= pg_snapshot_xmin(${snapshot})
      and not pg_visible_in_snapshot(c.xid, ${snapshot})))`;
}

const statements = new Map<
  string,
  ReturnType<typeof preparedStatement<{ changed: boolean }, { mark: string }>>
>();

/** `changedSince` as a statement of its own. */
export async function hasChangedSince(
  db: DbOrTx,
  changes: readonly ReferenceChange[],
  mark: string,
): Promise<boolean> {
  const key = changes.join(',');
  let statement = statements.get(key);
  if (!statement) {
    statement = preparedStatement(
      () => sql`select ${changedSince(changes, sql`${sql.placeholder('mark')}`)} as changed`,
    );
    statements.set(key, statement);
  }
  const [row] = await statement(db, { mark });
  return row?.changed !== false;
}
