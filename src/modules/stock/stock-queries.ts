import { and, asc, count, desc, eq, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { ProductStock, StockDistribution } from '../catalog/index.js';
import type { LocationStock } from '../locations/index.js';
import { StockErrors } from './stock.errors.js';
import { stockBalances, stockMovements } from './stock.tables.js';

type Movement = typeof stockMovements.$inferSelect;

export interface BalanceRow {
  product_id: string;
  sku: string;
  product_name: string;
  warehouse_id: string;
  warehouse_code: string;
  bin_id: string;
  bin_code: string;
  lot_id: string | null;
  lot_number: string | null;
  expiry_date: string | null;
  on_hand: number;
  reserved: number;
  available: number;
}

export function toMovementPublic(m: Movement) {
  return {
    id: m.id,
    posting_id: m.postingId,
    movement_type: m.movementType,
    product_id: m.productId,
    warehouse_id: m.warehouseId,
    bin_id: m.binId,
    lot_id: m.lotId,
    quantity: Number(m.quantity),
    unit_cost: m.unitCost == null ? null : Number(m.unitCost),
    reference_type: m.referenceType,
    reference_id: m.referenceId,
    reference_number: m.referenceNumber,
    reason: m.reason,
    notes: m.notes,
    reverses_id: m.reversesId,
    actor_id: m.actorId,
    request_id: m.requestId,
    occurred_at: m.occurredAt.toISOString(),
  };
}

export interface MovementFilter {
  productId?: string;
  warehouseId?: string;
  binId?: string;
  lotId?: string;
  movementType?: string;
  referenceNumber?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
}

/** Reads of the ledger and balances; also what the catalog and locations show of stock. */
export class StockQueries implements ProductStock, LocationStock {
  constructor(private readonly db: Db) {}

  private movementWhere(filter: MovementFilter): SQL | undefined {
    const m = stockMovements;
    return and(
      filter.productId ? eq(m.productId, filter.productId) : undefined,
      filter.warehouseId ? eq(m.warehouseId, filter.warehouseId) : undefined,
      filter.binId ? eq(m.binId, filter.binId) : undefined,
      filter.lotId ? eq(m.lotId, filter.lotId) : undefined,
      filter.movementType ? eq(m.movementType, filter.movementType) : undefined,
      filter.referenceNumber ? eq(m.referenceNumber, filter.referenceNumber) : undefined,
      filter.actorId ? eq(m.actorId, filter.actorId) : undefined,
      filter.from ? gte(m.occurredAt, filter.from) : undefined,
      filter.to ? lte(m.occurredAt, filter.to) : undefined,
    );
  }

  /** Newest first, by page. */
  async listMovements(filter: MovementFilter, page: PageRequest) {
    const where = this.movementWhere(filter);
    const [items, [total]] = await Promise.all([
      this.db
        .select()
        .from(stockMovements)
        .where(where)
        .orderBy(desc(stockMovements.id))
        .limit(page.pageSize)
        .offset(page.offset),
      this.db.select({ n: count() }).from(stockMovements).where(where),
    ]);
    return toPage(items.map(toMovementPublic), total?.n ?? 0, page);
  }

  /** Newest first, by keyset: `cursor` is the last id of the previous page; cost does not grow with depth. */
  async listMovementsAfter(filter: MovementFilter, cursor: string | undefined, limit: number) {
    const where = and(this.movementWhere(filter), cursor ? lt(stockMovements.id, cursor) : undefined);
    const items = await this.db
      .select()
      .from(stockMovements)
      .where(where)
      .orderBy(desc(stockMovements.id))
      .limit(limit + 1);
    const page = items.slice(0, limit);
    return {
      items: page.map(toMovementPublic),
      next_cursor: items.length > limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  async getMovement(id: string) {
    const [row] = await this.db.select().from(stockMovements).where(eq(stockMovements.id, id));
    if (!row) throw StockErrors.movementNotFound();
    return toMovementPublic(row);
  }

  async movementsOfPosting(postingId: string) {
    return (
      await this.db
        .select()
        .from(stockMovements)
        .where(eq(stockMovements.postingId, postingId))
        .orderBy(asc(stockMovements.id))
    ).map(toMovementPublic);
  }

  /**
   * Balances per product, warehouse, bin and lot. With `asOf`, summed from the ledger up to that
   * moment instead (reserved is not historical and shows 0 there).
   */
  async balances(
    filter: {
      productId?: string;
      warehouseId?: string;
      binId?: string;
      lotId?: string;
      asOf?: Date;
      includeZero?: boolean;
    },
    page: PageRequest,
  ) {
    const parts: SQL[] = [sql`true`];
    if (filter.productId) parts.push(sql`x.product_id = ${filter.productId}::uuid`);
    if (filter.warehouseId) parts.push(sql`x.warehouse_id = ${filter.warehouseId}::uuid`);
    if (filter.binId) parts.push(sql`x.bin_id = ${filter.binId}::uuid`);
    if (filter.lotId) parts.push(sql`x.lot_id = ${filter.lotId}::uuid`);
    if (!filter.includeZero) parts.push(sql`x.on_hand <> 0`);
    const conditions = sql.join(parts, sql` and `);
    const source = filter.asOf
      ? sql`(select product_id, warehouse_id, bin_id, lot_id, sum(quantity) as on_hand, 0::numeric as reserved
             from stock_movements where occurred_at <= ${filter.asOf.toISOString()}::timestamptz
             group by product_id, warehouse_id, bin_id, lot_id)`
      : sql`(select product_id, warehouse_id, bin_id, lot_id, on_hand, reserved from stock_balances)`;
    const base = sql`from ${source} x
      join products p on p.id = x.product_id
      join warehouses w on w.id = x.warehouse_id
      join bins b on b.id = x.bin_id
      left join lots l on l.id = x.lot_id
      where ${conditions}`;
    const [items, [total]] = await Promise.all([
      rows<BalanceRow>(
        this.db,
        sql`select x.product_id, p.sku, p.name as product_name, x.warehouse_id, w.code as warehouse_code, x.bin_id,
              b.code as bin_code, x.lot_id, l.lot_number, l.expiry_date::text as expiry_date,
              x.on_hand::float8 as on_hand, x.reserved::float8 as reserved, (x.on_hand - x.reserved)::float8 as available
            ${base}
            order by p.sku, w.code, b.code, l.expiry_date nulls last
            limit ${page.pageSize} offset ${page.offset}`,
      ),
      rows<{ n: number }>(this.db, sql`select count(*)::int as n ${base}`),
    ]);
    return toPage(items, Number(total?.n ?? 0), page);
  }

  /** Recomputes every balance from the ledger; any difference is a mismatch. */
  async verify() {
    const mismatches = await rows<Record<string, unknown>>(
      this.db,
      sql`with ledger as (
          select product_id, warehouse_id, bin_id, lot_id, sum(quantity) as on_hand
          from stock_movements group by product_id, warehouse_id, bin_id, lot_id
        ), held as (
          select a.balance_id, sum(a.quantity) as reserved
          from reservation_allocations a join reservations r on r.id = a.reservation_id
          where r.status = 'active' group by a.balance_id
        )
        select coalesce(b.product_id, l.product_id) as product_id, coalesce(b.warehouse_id, l.warehouse_id) as warehouse_id,
          coalesce(b.bin_id, l.bin_id) as bin_id, coalesce(b.lot_id, l.lot_id) as lot_id,
          coalesce(b.on_hand, 0)::float8 as balance_on_hand, coalesce(l.on_hand, 0)::float8 as ledger_on_hand,
          coalesce(b.reserved, 0)::float8 as balance_reserved, coalesce(h.reserved, 0)::float8 as reservations_reserved
        from stock_balances b
        full join ledger l on l.product_id = b.product_id and l.warehouse_id = b.warehouse_id
          and l.bin_id = b.bin_id and l.lot_id is not distinct from b.lot_id
        left join held h on h.balance_id = b.id
        where coalesce(b.on_hand, 0) <> coalesce(l.on_hand, 0) or coalesce(b.reserved, 0) <> coalesce(h.reserved, 0)`,
    );
    const [checked] = await rows<{ n: number }>(this.db, sql`select count(*)::int as n from stock_balances`);
    return { ok: mismatches.length === 0, balances_checked: Number(checked?.n ?? 0), mismatches };
  }

  async distribution(productId: string): Promise<StockDistribution> {
    const warehouses = await rows<{
      warehouse_id: string;
      warehouse_code: string;
      on_hand: number;
      reserved: number;
      available: number;
    }>(
      this.db,
      sql`select b.warehouse_id, w.code as warehouse_code, sum(b.on_hand)::float8 as on_hand, sum(b.reserved)::float8 as reserved,
            sum(b.on_hand - b.reserved)::float8 as available
          from stock_balances b join warehouses w on w.id = b.warehouse_id
          where b.product_id = ${productId}::uuid
          group by b.warehouse_id, w.code having sum(b.on_hand) <> 0 order by w.code`,
    );
    const [totals] = await rows<{ on_hand: number; reserved: number; available: number }>(
      this.db,
      sql`select coalesce(sum(on_hand), 0)::float8 as on_hand, coalesce(sum(reserved), 0)::float8 as reserved,
            coalesce(sum(on_hand - reserved), 0)::float8 as available
          from stock_balances where product_id = ${productId}::uuid`,
    );
    return {
      on_hand: totals?.on_hand ?? 0,
      reserved: totals?.reserved ?? 0,
      available: totals?.available ?? 0,
      warehouses,
    };
  }

  onHandSql(productId: SQL): SQL<number> {
    return sql<number>`coalesce((select sum(sb.on_hand) from stock_balances sb where sb.product_id = ${productId}), 0)`;
  }

  async binsHoldingStock(binIds: string[]): Promise<Set<string>> {
    if (binIds.length === 0) return new Set();
    const found = await this.db
      .selectDistinct({ binId: stockBalances.binId })
      .from(stockBalances)
      .where(and(inArray(stockBalances.binId, binIds), sql`${stockBalances.onHand} > 0`));
    return new Set(found.map((row) => row.binId));
  }

  async binsWithHistory(binIds: string[]): Promise<Set<string>> {
    if (binIds.length === 0) return new Set();
    const found = await this.db
      .selectDistinct({ binId: stockMovements.binId })
      .from(stockMovements)
      .where(inArray(stockMovements.binId, binIds));
    return new Set(found.map((row) => row.binId));
  }

  async warehouseTotals(warehouseId: string) {
    const [row] = await rows<{ occupied: number; products: number; units: number; value: number }>(
      this.db,
      sql`select count(distinct b.bin_id) filter (where b.on_hand > 0)::int as occupied,
            count(distinct b.product_id) filter (where b.on_hand > 0)::int as products,
            coalesce(sum(b.on_hand), 0)::float8 as units,
            coalesce(sum(b.on_hand * p.unit_price), 0)::float8 as value
          from stock_balances b join products p on p.id = b.product_id
          where b.warehouse_id = ${warehouseId}::uuid`,
    );
    const byUnit = await rows<{ unit: string; on_hand: number }>(
      this.db,
      sql`select p.unit_code as unit, sum(b.on_hand)::float8 as on_hand
          from stock_balances b join products p on p.id = b.product_id
          where b.warehouse_id = ${warehouseId}::uuid and b.on_hand > 0
          group by p.unit_code order by p.unit_code`,
    );
    return {
      occupiedBins: Number(row?.occupied ?? 0),
      distinctProducts: Number(row?.products ?? 0),
      totalUnits: Number(row?.units ?? 0),
      stockValue: Number(row?.value ?? 0),
      byUnit: byUnit.map((unit) => ({ unit: unit.unit, onHand: Number(unit.on_hand) })),
    };
  }
}
