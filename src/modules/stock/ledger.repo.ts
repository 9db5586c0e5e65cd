import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { preparedStatement } from '../../db/prepared.js';
import { stockMovements } from './stock.tables.js';

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

/** A row `stock_post` returns: a ledger row it wrote for a line, or the line's refusal. */
export interface PostedRow extends MovementRow {
  line: number;
  refusal: string | null;
  detail: Record<string, unknown> | null;
  lot_number: string | null;
  expiry_date: string | null;
  bin_code: string;
}

const p = (name: string) => sql.placeholder(name);

const postStatement = preparedStatement<PostedRow, { lines: string; timezone: string }>(
  // The bin's code by a scalar subquery: the rows keep the order stock_post returns them in.
  () => sql`select line, refusal, detail, id, posting_id, movement_type, product_id, warehouse_id, bin_id,
      lot_id, quantity::text as quantity, unit_cost::text as unit_cost, reference_type, reference_id,
      reference_number, reason, notes, reverses_id, actor_id, request_id, occurred_at, lot_number,
      expiry_date::text as expiry_date, (select b.code from bins b where b.id = s.bin_id) as bin_code
    from stock_post(${p('lines')}::jsonb, ${p('timezone')}::text) s`,
);

/**
 * Posts a batch of lines (JSON, see migration 0012 `stock_post`) in one call: the ledger rows
 * written, then one row per refused line. Only `StockService.post` calls it.
 */
export function postLines(db: DbOrTx, lines: string, timezone: string): Promise<PostedRow[]> {
  return postStatement(db, { lines, timezone });
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

const availableStatement = preparedStatement<{ available: string }, Record<string, unknown>>(
  () => sql`select coalesce(sum(b.on_hand - b.reserved), 0)::text as available
      from stock_balances b left join lots l on l.id = b.lot_id where ${scopeFilter}`,
);

/** The stock available (on hand − reserved) in a scope, for the message when there is not enough. */
export async function availableIn(db: DbOrTx, scope: TakeScope): Promise<string> {
  const [row] = await availableStatement(db, scopeParams(scope));
  return row?.available ?? '0';
}

/** A ledger row as stored. */
export type LedgerRow = typeof stockMovements.$inferSelect;

/** The ledger rows a document posted, in the order written. */
export function movementsOf(db: DbOrTx, referenceType: string, referenceId: string): Promise<LedgerRow[]> {
  return db
    .select()
    .from(stockMovements)
    .where(and(eq(stockMovements.referenceType, referenceType), eq(stockMovements.referenceId, referenceId)))
    .orderBy(asc(stockMovements.id));
}

/** The ledger rows each of several documents of one type posted, in one query; each in the order written. */
export async function movementsOfMany(
  db: DbOrTx,
  referenceType: string,
  referenceIds: string[],
): Promise<Map<string, LedgerRow[]>> {
  const result = new Map<string, LedgerRow[]>(referenceIds.map((id) => [id, []]));
  if (referenceIds.length === 0) return result;
  const found = await db
    .select()
    .from(stockMovements)
    .where(
      and(eq(stockMovements.referenceType, referenceType), inArray(stockMovements.referenceId, referenceIds)),
    )
    .orderBy(asc(stockMovements.id));
  for (const row of found) if (row.referenceId) result.get(row.referenceId)?.push(row);
  return result;
}

/** A ledger row by id. */
export async function findMovement(db: DbOrTx, id: string): Promise<LedgerRow | undefined> {
  const [row] = await db.select().from(stockMovements).where(eq(stockMovements.id, id));
  return row;
}

/** The rows of one movement as posted: its posting's rows of the same product and warehouse, in order. */
export function movementRows(db: DbOrTx, row: LedgerRow): Promise<LedgerRow[]> {
  return db
    .select()
    .from(stockMovements)
    .where(
      and(
        eq(stockMovements.postingId, row.postingId),
        eq(stockMovements.productId, row.productId),
        eq(stockMovements.warehouseId, row.warehouseId),
      ),
    )
    .orderBy(asc(stockMovements.id));
}

/** Whether any of these rows has been reversed already. */
export async function anyReversed(db: DbOrTx, ids: string[]): Promise<boolean> {
  const [row] = await db
    .select({ id: stockMovements.id })
    .from(stockMovements)
    .where(inArray(stockMovements.reversesId, ids))
    .limit(1);
  return row !== undefined;
}
