import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { preparedStatement } from '../../db/prepared.js';
import { LEDGER_SCALE } from './quantity.js';

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

const p = (name: string) => sql.placeholder(name);

export const movementColumns =
  sql.raw(`(id, posting_id, movement_type, product_id, warehouse_id, bin_id, lot_id, quantity,
  unit_cost, reference_type, reference_id, reference_number, reason, notes, reverses_id, actor_id, request_id)`);

/** The values of a ledger row that come from `MovementMeta` (placeholders, see metaParams). */
export const metaValues = sql`${p('postingId')}::uuid, ${p('type')}::text, `;
export const metaTail = sql`${p('unitCost')}::numeric, ${p('referenceType')}::text, ${p('referenceId')}::uuid,
    ${p('referenceNumber')}::text, ${p('reason')}::text, ${p('notes')}::text, ${p('reversesId')}::uuid,
    ${p('actorId')}::uuid, ${p('requestId')}::text`;

export function metaParams(meta: MovementMeta) {
  return {
    postingId: meta.postingId,
    type: meta.type,
    unitCost: meta.unitCost ?? null,
    referenceType: meta.referenceType ?? null,
    referenceId: meta.referenceId ?? null,
    referenceNumber: meta.referenceNumber ?? null,
    reason: meta.reason ?? null,
    notes: meta.notes ?? '',
    reversesId: meta.reversesId ?? null,
    actorId: meta.actorId,
    requestId: meta.requestId,
  };
}

const addStockStatement = preparedStatement<MovementRow, Record<string, unknown>>(
  () => sql`with balance as (
      insert into stock_balances (id, product_id, warehouse_id, bin_id, lot_id, on_hand)
      values (raktar_uuidv7(), ${p('productId')}::uuid, ${p('warehouseId')}::uuid, ${p('binId')}::uuid, ${p('lotId')}::uuid, ${p('quantity')}::numeric)
      on conflict on constraint stock_balances_key
      do update set on_hand = stock_balances.on_hand + excluded.on_hand, updated_at = now()
      returning product_id, warehouse_id, bin_id, lot_id
    )
    insert into stock_movements ${movementColumns}
    select raktar_uuidv7(), ${metaValues} product_id, warehouse_id, bin_id, lot_id, ${p('quantity')}::numeric, ${metaTail}
    from balance
    returning *`,
);

/** Adds stock to one balance (created if new) and writes its ledger row, in one statement. */
export async function addStock(
  db: DbOrTx,
  key: { productId: string; warehouseId: string; binId: string; lotId: string | null },
  quantity: string,
  meta: MovementMeta,
): Promise<MovementRow> {
  const [row] = await addStockStatement(db, { ...key, quantity, ...metaParams(meta) });
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

/** The placeholder values of `scopeFilter` and `fefoAllocation`. */
export function scopeParams(scope: TakeScope, quantity = '0') {
  return {
    productId: scope.productId,
    warehouseId: scope.warehouseId,
    binId: scope.binId ?? null,
    lotId: scope.lotId ?? null,
    includeExpired: scope.includeExpired,
    timezone: scope.timezone,
    quantity,
  };
}

/** The balances of a scope (one shape for every scope, so it is prepared once). */
const scopeFilter = sql`b.product_id = ${p('productId')}::uuid and b.warehouse_id = ${p('warehouseId')}::uuid
    and (${p('binId')}::uuid is null or b.bin_id = ${p('binId')}::uuid)
    and (${p('lotId')}::uuid is null or b.lot_id = ${p('lotId')}::uuid)
    and (${p('includeExpired')}::boolean or l.expiry_date is null
      or l.expiry_date >= (now() at time zone ${p('timezone')}::text)::date)`;

/**
 * The CTEs `locked`, `ordered`, `enough` and `allocation`: the candidate balances of a scope
 * locked in key order, and how much to take from each, earliest expiry first, then the oldest
 * balance. `allocation` is empty when the scope has less than `quantity` available.
 */
export const fefoAllocation = sql`locked as (
      select b.id, b.on_hand - b.reserved as available, l.expiry_date, b.created_at
      from stock_balances b left join lots l on l.id = b.lot_id
      where ${scopeFilter} and b.on_hand - b.reserved > 0
      order by b.product_id, b.warehouse_id, b.bin_id, b.lot_id
      for update of b
    ), ordered as (
      select id, available,
        sum(available) over (order by expiry_date asc nulls last, created_at, id) as running
      from locked
    ), enough as (
      select coalesce(sum(available), 0) >= ${p('quantity')}::numeric as ok from locked
    ), allocation as (
      select o.id, least(o.available, ${p('quantity')}::numeric - (o.running - o.available)) as take,
        row_number() over (order by o.running) as seq
      from ordered o, enough e
      where e.ok and o.running - o.available < ${p('quantity')}::numeric
    )`;

// With checkUnit, nothing is taken unless the product exists and its unit allows the quantity's
// decimals: a posting then needs no separate read of the product.
export const takeStockStatement = preparedStatement<TakenRow, Record<string, unknown>>(
  () => sql`with unit_ok as (
      select not ${p('checkUnit')}::boolean or exists (
        select 1 from products pr join units u on u.code = pr.unit_code
        where pr.id = ${p('productId')}::uuid
          and scale(${p('quantity')}::numeric) <= least(u.decimals, ${sql.raw(String(LEDGER_SCALE))})) as ok
    ), ${fefoAllocation}, taken as (
      update stock_balances b set on_hand = b.on_hand - a.take, updated_at = now()
      from allocation a, unit_ok
      where unit_ok.ok and b.id = a.id and b.on_hand - b.reserved >= a.take
      returning b.product_id, b.warehouse_id, b.bin_id, b.lot_id, a.take, a.seq
    ), inserted as (
      insert into stock_movements ${movementColumns}
      select raktar_uuidv7(), ${metaValues} product_id, warehouse_id, bin_id, lot_id, -take, ${metaTail}
      from taken
      order by seq
      returning *
    )
    select i.*,
      (select l.lot_number from lots l where l.id = i.lot_id) as lot_number,
      (select l.expiry_date::text from lots l where l.id = i.lot_id) as expiry_date
    from inserted i`,
);

/** A ledger row the take statement wrote, with its lot (for the allocations of a posting). */
export interface TakenRow extends MovementRow {
  lot_number: string | null;
  expiry_date: string | null;
}

/**
 * Takes `quantity` of available stock (on hand − reserved) FEFO: earliest-expiring lots first,
 * then the oldest balance; it may split across lots and bins, one ledger row per piece (in FEFO
 * order, each with its lot number and expiry). One statement locks the candidate balances in key
 * order, allocates, decreases them and writes the ledger. When there is not enough — or, with
 * `checkUnit`, when the product is unknown or its unit refuses the quantity's decimals — it
 * changes nothing and returns no rows.
 */
export function takeStockFefo(
  db: DbOrTx,
  scope: TakeScope,
  quantity: string,
  meta: MovementMeta,
  checkUnit = false,
): Promise<TakenRow[]> {
  return takeStockStatement(db, { ...scopeParams(scope, quantity), ...metaParams(meta), checkUnit });
}

const availableStatement = preparedStatement<{ available: string }, Record<string, unknown>>(
  () => sql`select coalesce(sum(b.on_hand - b.reserved), 0)::text as available
      from stock_balances b left join lots l on l.id = b.lot_id where ${scopeFilter}`,
);

/** The stock available (on hand − reserved) in a scope, for the message when there is not enough. */
export async function availableIn(db: DbOrTx, scope: TakeScope): Promise<string> {
  const [row] = await availableStatement(db, scopeParams(scope));
  return row?.available ?? '0';
}
