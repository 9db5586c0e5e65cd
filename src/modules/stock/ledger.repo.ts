import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from '../../db/client.js';

/** A ledger row as the posting statements return it (quantities are decimal strings). */
export interface MovementRow {
  id: string;
  posting_id: string;
  movement_type: string;
  product_id: string;
  warehouse_id: string;
  bin_id: string;
  lot_id: string | null;
  quantity: string;
  unit_cost: string | null;
  reference_type: string | null;
  reference_id: string | null;
  reference_number: string | null;
  reason: string | null;
  notes: string;
  reverses_id: string | null;
  actor_id: string | null;
  request_id: string | null;
  occurred_at: Date | string;
}

/** What every ledger row records besides the stock itself: why, by whom, for which document. */
export interface MovementMeta {
  postingId: string;
  type: string;
  unitCost?: string | null;
  referenceType?: string | null;
  referenceId?: string | null;
  referenceNumber?: string | null;
  reason?: string | null;
  notes?: string;
  reversesId?: string | null;
  actorId: string | null;
  requestId: string;
}

async function rows<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export const movementColumns =
  sql.raw(`(id, posting_id, movement_type, product_id, warehouse_id, bin_id, lot_id, quantity,
  unit_cost, reference_type, reference_id, reference_number, reason, notes, reverses_id, actor_id, request_id)`);

export function metaValues(meta: MovementMeta) {
  return sql`${meta.postingId}::uuid, ${meta.type}, `;
}

export function metaTail(meta: MovementMeta) {
  return sql`${meta.unitCost ?? null}::numeric, ${meta.referenceType ?? null}, ${meta.referenceId ?? null}::uuid,
    ${meta.referenceNumber ?? null}, ${meta.reason ?? null}, ${meta.notes ?? ''}, ${meta.reversesId ?? null}::uuid,
    ${meta.actorId}::uuid, ${meta.requestId}`;
}

/** Adds stock to one balance (created if new) and writes its ledger row, in one statement. */
export async function addStock(
  db: DbOrTx,
  key: { productId: string; warehouseId: string; binId: string; lotId: string | null },
  quantity: string,
  meta: MovementMeta,
): Promise<MovementRow> {
  const [row] = await rows<MovementRow>(
    db,
    sql`with balance as (
      insert into stock_balances (id, product_id, warehouse_id, bin_id, lot_id, on_hand)
      values (${uuidv7()}::uuid, ${key.productId}::uuid, ${key.warehouseId}::uuid, ${key.binId}::uuid, ${key.lotId}::uuid, ${quantity}::numeric)
      on conflict on constraint stock_balances_key
      do update set on_hand = stock_balances.on_hand + excluded.on_hand, updated_at = now()
      returning product_id, warehouse_id, bin_id, lot_id
    )
    insert into stock_movements ${movementColumns}
    select ${uuidv7()}::uuid, ${metaValues(meta)} product_id, warehouse_id, bin_id, lot_id, ${quantity}::numeric, ${metaTail(meta)}
    from balance
    returning *`,
  );
  return row as MovementRow;
}

export interface TakeScope {
  productId: string;
  warehouseId: string;
  binId?: string | null;
  lotId?: string | null;
  /** Allow lots past their expiry (write-offs, or an issue forced by a manager). */
  includeExpired: boolean;
  timezone: string;
}

export function scopeFilter(scope: TakeScope) {
  return sql`b.product_id = ${scope.productId}::uuid and b.warehouse_id = ${scope.warehouseId}::uuid
    ${scope.binId ? sql`and b.bin_id = ${scope.binId}::uuid` : sql``}
    ${scope.lotId ? sql`and b.lot_id = ${scope.lotId}::uuid` : sql``}
    ${scope.includeExpired ? sql`` : sql`and (l.expiry_date is null or l.expiry_date >= (now() at time zone ${scope.timezone})::date)`}`;
}

/**
 * The CTEs `locked`, `ordered`, `enough` and `allocation`: the candidate balances of a scope
 * locked in key order, and how much to take from each, earliest expiry first, then the oldest
 * balance. `allocation` is empty when the scope has less than `quantity` available.
 */
export function fefoAllocation(scope: TakeScope, quantity: string) {
  return sql`locked as (
      select b.id, b.on_hand - b.reserved as available, l.expiry_date, b.created_at
      from stock_balances b left join lots l on l.id = b.lot_id
      where ${scopeFilter(scope)} and b.on_hand - b.reserved > 0
      order by b.product_id, b.warehouse_id, b.bin_id, b.lot_id
      for update of b
    ), ordered as (
      select id, available,
        sum(available) over (order by expiry_date asc nulls last, created_at, id) as running
      from locked
    ), enough as (
      select coalesce(sum(available), 0) >= ${quantity}::numeric as ok from locked
    ), allocation as (
      select o.id, least(o.available, ${quantity}::numeric - (o.running - o.available)) as take
      from ordered o, enough e
      where e.ok and o.running - o.available < ${quantity}::numeric
    )`;
}

/**
 * Takes `quantity` of available stock (on hand − reserved) FEFO: earliest-expiring lots first,
 * then the oldest balance; it may split across lots and bins, one ledger row per piece. One
 * statement locks the candidate balances in key order, allocates, decreases them and writes the
 * ledger. When there is not enough it changes nothing and returns no rows.
 */
export async function takeStockFefo(
  db: DbOrTx,
  scope: TakeScope,
  quantity: string,
  meta: MovementMeta,
): Promise<MovementRow[]> {
  return rows<MovementRow>(
    db,
    sql`with ${fefoAllocation(scope, quantity)}, taken as (
      update stock_balances b set on_hand = b.on_hand - a.take, updated_at = now()
      from allocation a
      where b.id = a.id and b.on_hand - b.reserved >= a.take
      returning b.product_id, b.warehouse_id, b.bin_id, b.lot_id, a.take
    )
    insert into stock_movements ${movementColumns}
    select raktar_uuidv7(), ${metaValues(meta)} product_id, warehouse_id, bin_id, lot_id, -take, ${metaTail(meta)}
    from taken
    returning *`,
  );
}

/** The stock available (on hand − reserved) in a scope, for the message when there is not enough. */
export async function availableIn(db: DbOrTx, scope: TakeScope): Promise<string> {
  const [row] = await rows<{ available: string }>(
    db,
    sql`select coalesce(sum(b.on_hand - b.reserved), 0)::text as available
      from stock_balances b left join lots l on l.id = b.lot_id where ${scopeFilter(scope)}`,
  );
  return row?.available ?? '0';
}
