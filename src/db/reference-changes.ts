import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import { preparedStatement } from './prepared.js';

/** A table whose changes `reference_changes` records (by a trigger on it), and the kind of change. */
export type ReferenceChange =
  `${'products' | 'warehouses' | 'bins' | 'lots'}:${'insert' | 'update' | 'delete' | 'truncate'}`;

/**
 * Whether a transaction that `snapshot` (a `pg_current_snapshot()` mark, given as SQL) could not
 * see has committed one of `changes` since, judged in the reading statement's own snapshot. The
 * rows are written by triggers whatever path made the change, and kept for an hour after their
 * commit: a remembered page must be younger than that.
 */
export function changedSince(changes: readonly ReferenceChange[], snapshot: SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from reference_changes c
    where c.source = any(${`{${changes.join(',')}}`}::text[])
      and c.xid >= pg_snapshot_xmin(${snapshot}::pg_snapshot)
      and not pg_visible_in_snapshot(c.xid, ${snapshot}::pg_snapshot))`;
}

const statements = new Map<
  string,
  ReturnType<typeof preparedStatement<{ changed: boolean }, { snapshot: string }>>
>();

/** `changedSince` as a statement of its own. */
export async function hasChangedSince(
  db: DbOrTx,
  changes: readonly ReferenceChange[],
  snapshot: string,
): Promise<boolean> {
  const key = changes.join(',');
  let statement = statements.get(key);
  if (!statement) {
    statement = preparedStatement(
      () => sql`select ${changedSince(changes, sql`${sql.placeholder('snapshot')}`)} as changed`,
    );
    statements.set(key, statement);
  }
  const [row] = await statement(db, { snapshot });
  return row?.changed !== false;
}
