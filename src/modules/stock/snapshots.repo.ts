import { and, desc, eq, isNotNull, lte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { preparedStatement } from '../../db/prepared.js';
import { rows } from '../../db/rows.js';
import type { PageRequest } from '../../platform/pagination.js';
import { stockSnapshots } from './snapshots.tables.js';

export type SnapshotRow = typeof stockSnapshots.$inferSelect;

function moment(at: Date): SQL {
  return sql`${at.toISOString()}::timestamptz`;
}

/** The latest snapshot (cut at or before `at`, when given; verified ones only, when asked). */
export async function latestSnapshot(
  db: DbOrTx,
  options: { at?: Date; verifiedOnly?: boolean } = {},
): Promise<SnapshotRow | undefined> {
  const conditions = [
    options.at ? lte(stockSnapshots.cutAt, moment(options.at)) : undefined,
    options.verifiedOnly ? isNotNull(stockSnapshots.verifiedAt) : undefined,
  ];
  const [row] = await db
    .select()
    .from(stockSnapshots)
    .where(and(...conditions))
    .orderBy(desc(stockSnapshots.cutAt))
    .limit(1);
  return row;
}

const nearestStatement = preparedStatement<{ id: string; cut_at: Date }, { at: string }>(
  () => sql`(select id, cut_at from stock_snapshots where cut_at <= ${sql.placeholder('at')}::timestamptz
        order by cut_at desc limit 1)
      union all (select id, cut_at from stock_snapshots where cut_at > ${sql.placeholder('at')}::timestamptz
        order by cut_at limit 1)`,
);

/**
 * The snapshot whose cut lies nearest `at`, before or after it: a moment between two snapshots
 * is answered from the closer one, with the ledger between added or taken away. One prepared
 * statement: every as_of read starts with it.
 */
export async function nearestSnapshot(
  db: DbOrTx,
  at: Date,
): Promise<Pick<SnapshotRow, 'id' | 'cutAt'> | undefined> {
  return (await snapshotsAround(db, at)).nearest;
}

/**
 * `nearestSnapshot`, and whether `at` is settled: no later than a snapshot's cut. A cut is taken
 * only once no transaction that could still date a ledger row before it is open, and later
 * postings are dated later, so the ledger up to a settled moment never changes again.
 */
export async function snapshotsAround(
  db: DbOrTx,
  at: Date,
): Promise<{ nearest: Pick<SnapshotRow, 'id' | 'cutAt'> | undefined; settled: boolean }> {
  const around = (await nearestStatement(db, { at: at.toISOString() })).map((row) => ({
    id: row.id,
    cutAt: new Date(row.cut_at),
  }));
  const [nearest] = around.sort(
    (a, b) => Math.abs(a.cutAt.getTime() - at.getTime()) - Math.abs(b.cutAt.getTime() - at.getTime()),
  );
  return { nearest, settled: around.some((snapshot) => snapshot.cutAt >= at) };
}

export async function snapshotAt(db: DbOrTx, cut: Date): Promise<SnapshotRow | undefined> {
  const [row] = await db
    .select()
    .from(stockSnapshots)
    .where(eq(stockSnapshots.cutAt, moment(cut)));
  return row;
}

export async function listSnapshots(db: DbOrTx, page: PageRequest) {
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(stockSnapshots)
      .orderBy(desc(stockSnapshots.cutAt))
      .limit(page.pageSize)
      .offset(page.offset),
    rows<{ n: number }>(db, sql`select count(*)::int as n from stock_snapshots`),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}

/** The first snapshot cut after `after` (after the ledger's start without it). */
export async function nextSnapshot(db: DbOrTx, after?: Date): Promise<SnapshotRow | undefined> {
  const [row] = await db
    .select()
    .from(stockSnapshots)
    .where(after ? sql`${stockSnapshots.cutAt} > ${moment(after)}` : undefined)
    .orderBy(stockSnapshots.cutAt)
    .limit(1);
  return row;
}

/**
 * The moment of the `nth` movement after `after` (from the ledger's start without it) and at or
 * before `until`, rounded up to the millisecond a cut is kept in; none when fewer lie between.
 * Walks the `(occurred_at, id)` index for `nth` entries at most.
 */
export async function nthMovementAt(
  db: DbOrTx,
  range: { after?: Date; until: Date },
  nth: number,
): Promise<Date | undefined> {
  const after = range.after ? sql`occurred_at > ${moment(range.after)} and ` : sql``;
  const [row] = await rows<{ at: Date }>(
    db,
    sql`select date_trunc('milliseconds', occurred_at + interval '999 microseconds') as at
      from stock_movements where ${after}occurred_at <= ${moment(range.until)}
      order by occurred_at, id offset ${nth - 1} limit 1`,
  );
  return row ? new Date(row.at) : undefined;
}

/**
 * The database's clock, to the millisecond (the ledger's `occurred_at` is the posting
 * transaction's start on it). Cuts are whole milliseconds, so they read back exactly as dates.
 */
export async function databaseNow(db: DbOrTx): Promise<Date> {
  const [row] = await rows<{ now: Date }>(db, sql`select date_trunc('milliseconds', now()) as now`);
  return new Date(row?.now as Date);
}

export async function isFuture(db: DbOrTx, at: Date): Promise<boolean> {
  const [row] = await rows<{ future: boolean }>(db, sql`select ${moment(at)} > now() as future`);
  return row?.future === true;
}

/**
 * Whether another transaction on this database began at or before `cut` and is still open: it may
 * yet commit ledger rows dated before the cut, so a snapshot at `cut` must wait for it.
 */
export async function writersOpenSince(db: DbOrTx, cut: Date): Promise<boolean> {
  // Within a transaction (a keyed request's) the activity view is read once and kept: read anew.
  await db.execute(sql`select pg_stat_clear_snapshot()`);
  const [row] = await rows<{ open: boolean }>(
    db,
    sql`select exists (select 1 from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
        and xact_start <= ${moment(cut)}) as open`,
  );
  return row?.open === true;
}

/** The key balances are kept and summed by. */
const BALANCE_KEY = sql`product_id, warehouse_id, bin_id, lot_id`;

/**
 * Where balances at a moment come from, as SQL (values, or placeholders of a prepared statement):
 * the moment, and the snapshot they start from, if any, with whether its cut lies after the moment.
 */
export interface BalancesSource {
  cut: SQL;
  base?: { id: SQL; cutAt: SQL; later: boolean };
}

/**
 * The balances at `source.cut`, per product, warehouse, bin and lot, non-zero only: the base
 * snapshot's balances plus the ledger between its cut and the moment (less it, for a base cut
 * after the moment), or the whole ledger up to the moment without a base. `where` narrows both
 * sides (it may name product_id, warehouse_id, bin_id and lot_id).
 *
 * The snapshot's rows and the ledger rows between are summed per key in one hash group (a
 * missing lot groups as one key). At 10 M ledger rows, a warehouse's 2,000 balances and 3,254
 * rows between cost 3.6 ms so, against 5.1–6.6 ms summing the ledger first and full-joining
 * it to the snapshot (two sorts and a merge). With a handful of rows between, that warehouse
 * costs about the same either way (2.1–3.0 ms against 2.4), and all 8,000 balances (a snapshot
 * being taken) 15 ms against 13.
 */
export function balancesFrom(source: BalancesSource, where: SQL): SQL {
  return sql`select ${BALANCE_KEY}, sum(quantity) as on_hand from (${quantitiesOf(source, where)}) k
    group by ${BALANCE_KEY} having sum(quantity) <> 0`;
}

/** The rows `balancesFrom` sums: the base snapshot's and the ledger's between, signed. */
function quantitiesOf({ cut, base }: BalancesSource, where: SQL): SQL {
  if (!base)
    return sql`select ${BALANCE_KEY}, quantity from stock_movements where occurred_at <= ${cut} and ${where}`;
  const [range, quantity] = base.later
    ? [sql`occurred_at > ${cut} and occurred_at <= ${base.cutAt}`, sql`-quantity`]
    : [sql`occurred_at > ${base.cutAt} and occurred_at <= ${cut}`, sql`quantity`];
  return sql`select ${BALANCE_KEY}, on_hand as quantity from stock_snapshot_balances
      where snapshot_id = ${base.id} and ${where}
    union all
    select ${BALANCE_KEY}, ${quantity} from stock_movements where ${range} and ${where}`;
}

/** `balancesFrom` for a moment and a snapshot given as values. */
export function balancesAt(cut: Date, base: Pick<SnapshotRow, 'id' | 'cutAt'> | undefined, where: SQL): SQL {
  return balancesFrom(
    {
      cut: moment(cut),
      base: base && { id: sql`${base.id}::uuid`, cutAt: moment(base.cutAt), later: base.cutAt > cut },
    },
    where,
  );
}

/**
 * Writes the snapshot at `cut` in one statement: its balances (from `base` and the ledger since,
 * or the ledger alone) and its row with the counts. Returns the row.
 */
export async function insertSnapshot(
  db: DbOrTx,
  values: { id: string; cut: Date; base?: SnapshotRow; takenBy: string | null; verified: boolean },
): Promise<SnapshotRow> {
  const { id, cut, base } = values;
  const since = base ? sql`occurred_at > ${moment(base.cutAt)} and ` : sql``;
  const [row] = await rows<{ id: string }>(
    db,
    sql`with sums as (${balancesAt(cut, base, sql`true`)}),
      snap as (
        insert into stock_snapshots (id, cut_at, movements, balances, based_on, taken_by, verified_at)
        select ${id}::uuid, ${moment(cut)},
          ${base?.movements ?? 0}::bigint + (select count(*) from stock_movements
            where ${since}occurred_at <= ${moment(cut)}),
          (select count(*) from sums), ${base?.id ?? null}::uuid, ${values.takenBy}::uuid,
          ${values.verified ? sql`now()` : sql`null`}
        returning id
      ), written as (
        insert into stock_snapshot_balances (snapshot_id, product_id, warehouse_id, bin_id, lot_id, on_hand)
        select (select id from snap), product_id, warehouse_id, bin_id, lot_id, on_hand from sums
      )
      select id from snap`,
  );
  const [snapshot] = await db
    .select()
    .from(stockSnapshots)
    .where(eq(stockSnapshots.id, row?.id as string));
  return snapshot as SnapshotRow;
}

/** Rows where the snapshot differs from a recount of the ledger up to its cut. */
export async function snapshotDifferences(db: DbOrTx, snapshot: SnapshotRow): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (
        select * from stock_snapshot_balances where snapshot_id = ${snapshot.id}::uuid) s
      full join (${balancesAt(snapshot.cutAt, undefined, sql`true`)}) l
        on l.product_id = s.product_id and l.warehouse_id = s.warehouse_id and l.bin_id = s.bin_id
        and l.lot_id is not distinct from s.lot_id
      where coalesce(s.on_hand, 0) <> coalesce(l.on_hand, 0)`,
  );
  return row?.n ?? 0;
}

export async function markVerified(db: DbOrTx, id: string): Promise<void> {
  await db.update(stockSnapshots).set({ verifiedAt: sql`now()` }).where(eq(stockSnapshots.id, id));
}

/** The first moment of the current month in `timezone`. */
export async function startOfMonth(db: DbOrTx, timezone: string): Promise<Date> {
  const [row] = await rows<{ cut: Date }>(
    db,
    sql`select date_trunc('month', now() at time zone ${timezone}) at time zone ${timezone} as cut`,
  );
  return new Date(row?.cut as Date);
}
