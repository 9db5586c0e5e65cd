import { and, count, desc, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { atOrBefore } from '../../db/moments.js';
import { preparedStatement } from '../../db/prepared.js';
import { rows } from '../../db/rows.js';
import type { PageRequest } from '../../platform/pagination.js';
import type { LedgerRow } from './ledger.repo.js';
import { balancesFrom, type SnapshotRow } from './snapshots.repo.js';
import { stockBalances, stockMovements } from './stock.tables.js';

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

export interface BalanceFilter {
  productId?: string;
  warehouseId?: string;
  binId?: string;
  lotId?: string;
  asOf?: Date;
  includeZero?: boolean;
}

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

function movementWhere(filter: MovementFilter): SQL | undefined {
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
    filter.to ? atOrBefore(m.occurredAt, filter.to) : undefined,
  );
}

/** Newest first: by when the rows occurred, ties (rows of one posting) by id. */
const newestFirst = [desc(stockMovements.occurredAt), desc(stockMovements.id)];

/** A page of ledger rows, newest first, and the count of all that match. */
export async function listMovements(db: DbOrTx, filter: MovementFilter, page: PageRequest) {
  const where = movementWhere(filter);
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(stockMovements)
      .where(where)
      .orderBy(...newestFirst)
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(stockMovements).where(where),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}

/**
 * Every ledger row the filter matches, newest first as listed, with the names an export shows
 * (SKU, warehouse, bin, lot, user) beside the ids: a query to stream, not to run at once.
 */
export function movementExportQuery(filter: MovementFilter): SQL {
  const where = movementWhere(filter);
  // The filter names the ledger's columns by the table's own name, so it filters inside.
  return sql`select m.occurred_at, m.movement_type, p.sku, p.name as product_name, w.code as warehouse_code,
      b.code as bin_code, l.lot_number, l.expiry_date::text as expiry_date, m.quantity, m.unit_cost,
      m.reference_type, m.reference_number, m.reason, m.notes, u.username as actor, m.id, m.posting_id
    from (select * from ${stockMovements} ${where ? sql`where ${where}` : sql``}) m
    join products p on p.id = m.product_id
    join warehouses w on w.id = m.warehouse_id
    join bins b on b.id = m.bin_id
    left join lots l on l.id = m.lot_id
    left join users u on u.id = m.actor_id
    order by m.occurred_at desc, m.id desc`;
}

/**
 * Up to `limit` ledger rows after `cursor` (the id of the last row of the previous page; none for
 * the newest), newest first. The position is the cursor row's (occurred_at, id), so every page
 * is an index range on the filter's (…, occurred_at) index: its cost does not grow with depth.
 */
export function movementsBefore(
  db: DbOrTx,
  filter: MovementFilter,
  cursor: string | undefined,
  limit: number,
): Promise<LedgerRow[]> {
  const after = cursor
    ? sql`(${stockMovements.occurredAt}, ${stockMovements.id}) < (select c.occurred_at, c.id from stock_movements c where c.id = ${cursor}::uuid)`
    : undefined;
  return db
    .select()
    .from(stockMovements)
    .where(and(movementWhere(filter), after))
    .orderBy(...newestFirst)
    .limit(limit);
}

/** What a ledger read shows beside a row's ids: the names it points at, and its reversal. */
export interface MovementDetails {
  reversed_by_id: string | null;
  sku: string;
  product_name: string;
  warehouse_code: string;
  bin_code: string;
  lot_number: string | null;
  expiry_date: string | null;
}

const detailsStatement = preparedStatement<MovementDetails & { id: string }, { ids: string }>(
  () => sql`select m.id, r.id as reversed_by_id, p.sku, p.name as product_name, w.code as warehouse_code,
        b.code as bin_code, l.lot_number, l.expiry_date::text as expiry_date
      from stock_movements m
        join products p on p.id = m.product_id
        join warehouses w on w.id = m.warehouse_id
        join bins b on b.id = m.bin_id
        left join lots l on l.id = m.lot_id
        left join stock_movements r on r.reverses_id = m.id
      where m.id = any(${sql.placeholder('ids')}::uuid[])`,
);

/**
 * The details of each of `ids`, for a page in one query (the reversal by the unique index). It runs
 * on every history page: prepared, as planning its six-way join costs more than running it.
 */
export async function movementDetails(db: DbOrTx, ids: string[]): Promise<Map<string, MovementDetails>> {
  if (ids.length === 0) return new Map();
  const found = await detailsStatement(db, { ids: `{${ids.join(',')}}` });
  return new Map(found.map((details) => [details.id, details]));
}

export async function findMovement(db: DbOrTx, id: string): Promise<LedgerRow | undefined> {
  const [row] = await db.select().from(stockMovements).where(eq(stockMovements.id, id));
  return row;
}

/** The balance filter's keys: its field and the column it names. */
const BALANCE_KEYS = [
  ['productId', 'product_id'],
  ['warehouseId', 'warehouse_id'],
  ['binId', 'bin_id'],
  ['lotId', 'lot_id'],
] as const;

type PagedBalanceRow = BalanceRow & { total: number; n: string | null };
type BalanceKeyValues = Partial<Record<(typeof BALANCE_KEYS)[number][0], string>>;
type PageValues = { upTo: number; offset: number };

/** `column = :name` for each filter given, over a relation with the balance key's columns. */
function keyConditions(filters: (typeof BALANCE_KEYS)[number][]): SQL {
  return sql.join(
    [
      sql`true`,
      ...filters.map(([name, column]) => sql`${sql.identifier(column)} = ${sql.placeholder(name)}::uuid`),
    ],
    sql` and `,
  );
}

/**
 * A page of balances from `source` (product_id, warehouse_id, bin_id, lot_id, on_hand, reserved)
 * in the list's order, and the count of all, in one statement: one row at least, the count beside
 * each row of the page or alone past the end.
 *
 * Only SKU is joined to every balance: the page lies within the first rows by SKU with ties, which
 * alone are joined to warehouse, bin and lot and put in order. Joining every balance to every name
 * and counting beside each row cost many times as much. `materialized`: the source is computed
 * once (a sum over the ledger), or read twice (the balances table: the count without the join).
 */
function balancesPage(source: SQL, materialized: boolean): SQL {
  return sql`with s as ${materialized ? sql`materialized` : sql`not materialized`} (${source}),
    head as (
      select s.product_id, p.sku, p.name as product_name, s.warehouse_id, s.bin_id, s.lot_id, s.on_hand, s.reserved
      from s join products p on p.id = s.product_id
      order by p.sku
      fetch first (${sql.placeholder('upTo')}::int) rows with ties
    ), shown as (
      select h.product_id, h.sku, h.product_name, h.warehouse_id, w.code as warehouse_code, h.bin_id,
        b.code as bin_code, h.lot_id, l.lot_number, l.expiry_date::text as expiry_date, h.on_hand::float8 as on_hand,
        h.reserved::float8 as reserved, (h.on_hand - h.reserved)::float8 as available,
        row_number() over (order by h.sku, w.code, b.code, l.expiry_date nulls last, l.lot_number) as n
      from head h join warehouses w on w.id = h.warehouse_id join bins b on b.id = h.bin_id
        left join lots l on l.id = h.lot_id
    )
    select t.total, shown.* from (select count(*)::int as total from s) t
      left join shown on shown.n > ${sql.placeholder('offset')}::int and shown.n <= ${sql.placeholder('upTo')}::int
    order by shown.n`;
}

/** One prepared statement per shape, built on first use: planning cost as much as a third of running. */
function statementCache<Values extends Record<string, unknown>>(build: (shape: string) => SQL) {
  const statements = new Map<string, ReturnType<typeof preparedStatement<PagedBalanceRow, Values>>>();
  return (shape: string) => {
    let statement = statements.get(shape);
    if (!statement) {
      statement = preparedStatement<PagedBalanceRow, Values>(() => build(shape));
      statements.set(shape, statement);
    }
    return statement;
  };
}

function pageOf(found: PagedBalanceRow[]) {
  const total = found[0]?.total ?? 0;
  return { rows: found.filter((row) => row.n !== null).map(({ total: _, n: __, ...row }) => row), total };
}

function filtersOf(filter: BalanceFilter) {
  const filters = BALANCE_KEYS.filter(([name]) => filter[name]);
  const values: BalanceKeyValues = Object.fromEntries(filters.map(([name]) => [name, filter[name]]));
  return { filters, values, shape: filters.map(([name]) => name).join(',') };
}

const liveStatement = statementCache<BalanceKeyValues & PageValues>((shape) => {
  const [keys = '', zero] = shape.split(' ');
  const filters = BALANCE_KEYS.filter(([name]) => keys.split(',').includes(name));
  const nonZero = zero === 'zero' ? sql`` : sql` and on_hand <> 0`;
  return balancesPage(
    sql`select product_id, warehouse_id, bin_id, lot_id, on_hand, reserved from stock_balances
      where ${keyConditions(filters)}${nonZero}`,
    false,
  );
});

/** A page of the balances held now per product, warehouse, bin and lot, and the count of all that match. */
export async function listBalances(db: DbOrTx, filter: BalanceFilter, page: PageRequest) {
  const { values, shape } = filtersOf(filter);
  const statement = liveStatement(`${shape} ${filter.includeZero ? 'zero' : 'nonzero'}`);
  return pageOf(await statement(db, { ...values, upTo: page.offset + page.pageSize, offset: page.offset }));
}

type AsOfValues = BalanceKeyValues & PageValues & { asOf: string; snapshotId?: string; snapshotCut?: string };

/**
 * The as_of statement's two moments, each read through a subquery. The planner then cannot see
 * them, so the plan cannot depend on them, and the prepared statement settles on one generic
 * plan. With the moments visible it planned anew at every read (its estimate for a generic plan
 * stayed above the tailored ones), which cost about as much as a sixth of running it.
 */
const unseen = (name: 'asOf' | 'snapshotCut') => sql`(select ${sql.placeholder(name)}::timestamptz)`;

const asOfStatement = statementCache<AsOfValues>((shape) => {
  const [keys = '', base] = shape.split(' ');
  const filters = BALANCE_KEYS.filter(([name]) => keys.split(',').includes(name));
  const source = balancesFrom(
    {
      cut: unseen('asOf'),
      base:
        base === 'none'
          ? undefined
          : {
              id: sql`${sql.placeholder('snapshotId')}::uuid`,
              cutAt: unseen('snapshotCut'),
              later: base === 'after',
            },
    },
    keyConditions(filters),
  );
  return balancesPage(sql`select *, 0 as reserved from (${source}) f`, true);
});

/**
 * A page of the balances at `asOf`, non-zero only, and the count of all: the nearest snapshot
 * (`snapshot`, before or after it) and the ledger between, summed once. Reserved is not
 * historical and shows 0.
 */
export async function listBalancesAsOf(
  db: DbOrTx,
  filter: BalanceFilter & { asOf: Date },
  page: PageRequest,
  snapshot?: Pick<SnapshotRow, 'id' | 'cutAt'>,
) {
  const { values, shape } = filtersOf(filter);
  const base = !snapshot ? 'none' : snapshot.cutAt > filter.asOf ? 'after' : 'before';
  const statement = asOfStatement(`${shape} ${base}`);
  return pageOf(
    await statement(db, {
      ...values,
      asOf: filter.asOf.toISOString(),
      ...(snapshot ? { snapshotId: snapshot.id, snapshotCut: snapshot.cutAt.toISOString() } : {}),
      upTo: page.offset + page.pageSize,
      offset: page.offset,
    }),
  );
}

/**
 * Every balance whose on hand differs from the ledger's sum or whose reserved differs from its
 * reservations. With a snapshot, the ledger's sum is the snapshot's balances plus the rows after
 * its cut (incremental); without, every row (full).
 */
export function balanceMismatches(db: DbOrTx, from?: { id: string; cutAt: Date }) {
  const snapshot = from
    ? sql`select product_id, warehouse_id, bin_id, lot_id, on_hand as quantity
        from stock_snapshot_balances where snapshot_id = ${from.id}::uuid union all `
    : sql``;
  const since = from ? sql`where occurred_at > ${from.cutAt.toISOString()}::timestamptz` : sql``;
  return rows<Record<string, unknown>>(
    db,
    sql`with ledger as (
        select product_id, warehouse_id, bin_id, lot_id, sum(quantity) as on_hand from (
          ${snapshot}select product_id, warehouse_id, bin_id, lot_id, quantity from stock_movements ${since}
        ) u group by product_id, warehouse_id, bin_id, lot_id
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
}

export async function countBalances(db: DbOrTx): Promise<number> {
  const [checked] = await rows<{ n: number }>(db, sql`select count(*)::int as n from stock_balances`);
  return Number(checked?.n ?? 0);
}

/** A product's on hand, reserved and available per warehouse holding any, by warehouse code. */
export function productStockByWarehouse(db: DbOrTx, productId: string) {
  return rows<{
    warehouse_id: string;
    warehouse_code: string;
    on_hand: number;
    reserved: number;
    available: number;
  }>(
    db,
    sql`select b.warehouse_id, w.code as warehouse_code, sum(b.on_hand)::float8 as on_hand, sum(b.reserved)::float8 as reserved,
          sum(b.on_hand - b.reserved)::float8 as available
        from stock_balances b join warehouses w on w.id = b.warehouse_id
        where b.product_id = ${productId}::uuid
        group by b.warehouse_id, w.code having sum(b.on_hand) <> 0 order by w.code`,
  );
}

/** A product's on hand, reserved and available over every warehouse. */
export async function productStockTotals(db: DbOrTx, productId: string) {
  const [totals] = await rows<{ on_hand: number; reserved: number; available: number }>(
    db,
    sql`select coalesce(sum(on_hand), 0)::float8 as on_hand, coalesce(sum(reserved), 0)::float8 as reserved,
          coalesce(sum(on_hand - reserved), 0)::float8 as available
        from stock_balances where product_id = ${productId}::uuid`,
  );
  return totals;
}

/** The total on hand of the product whose id is `productId`, as an expression for a product query. */
export function onHandOf(productId: SQL): SQL<number> {
  return sql<number>`coalesce((select sum(sb.on_hand) from stock_balances sb where sb.product_id = ${productId}), 0)`;
}

/** The ids among `binIds` with a balance above zero. */
export async function binsHoldingStock(db: DbOrTx, binIds: string[]): Promise<string[]> {
  const found = await db
    .selectDistinct({ binId: stockBalances.binId })
    .from(stockBalances)
    .where(and(inArray(stockBalances.binId, binIds), sql`${stockBalances.onHand} > 0`));
  return found.map((row) => row.binId);
}

/** The ids among `binIds` that appear in the ledger. */
export async function binsWithHistory(db: DbOrTx, binIds: string[]): Promise<string[]> {
  const found = await db
    .selectDistinct({ binId: stockMovements.binId })
    .from(stockMovements)
    .where(inArray(stockMovements.binId, binIds));
  return found.map((row) => row.binId);
}

/** A warehouse's occupied bins, distinct products, units on hand and their value at unit price. */
export async function warehouseTotals(db: DbOrTx, warehouseId: string) {
  const [row] = await rows<{ occupied: number; products: number; units: number; value: number }>(
    db,
    sql`select count(distinct b.bin_id) filter (where b.on_hand > 0)::int as occupied,
          count(distinct b.product_id) filter (where b.on_hand > 0)::int as products,
          coalesce(sum(b.on_hand), 0)::float8 as units,
          coalesce(sum(b.on_hand * p.unit_price), 0)::float8 as value
        from stock_balances b join products p on p.id = b.product_id
        where b.warehouse_id = ${warehouseId}::uuid`,
  );
  return row;
}

/** A warehouse's on hand per unit of measure, by unit. */
export function warehouseOnHandByUnit(db: DbOrTx, warehouseId: string) {
  return rows<{ unit: string; on_hand: number }>(
    db,
    sql`select p.unit_code as unit, sum(b.on_hand)::float8 as on_hand
        from stock_balances b join products p on p.id = b.product_id
        where b.warehouse_id = ${warehouseId}::uuid and b.on_hand > 0
        group by p.unit_code order by p.unit_code`,
  );
}

/** A lot (in one warehouse) with stock on hand that expires on or before a day, or has expired. */
export interface ExpiringLotRow {
  lot_id: string;
  lot_number: string;
  expiry_date: string;
  product_id: string;
  sku: string;
  product_name: string;
  warehouse_id: string;
  warehouse_code: string;
  on_hand: number;
  /** Calendar days from `today` to the expiry date; negative once expired. */
  days_to_expiry: number;
}

/**
 * Lots holding stock whose expiry date is at most `withinDays` after `today` (expired ones too),
 * per lot and warehouse, earliest expiry first. Days are date differences, so a day with a DST
 * change counts as one day like any other.
 */
export function expiringLots(
  db: DbOrTx,
  filter: { today: string; withinDays: number; warehouseId?: string },
) {
  const warehouse = filter.warehouseId ? sql`and b.warehouse_id = ${filter.warehouseId}::uuid` : sql``;
  return rows<ExpiringLotRow>(
    db,
    sql`select l.id as lot_id, l.lot_number, l.expiry_date::text as expiry_date, b.product_id, p.sku,
          p.name as product_name, b.warehouse_id, w.code as warehouse_code, sum(b.on_hand)::float8 as on_hand,
          (l.expiry_date - ${filter.today}::date)::int as days_to_expiry
        from stock_balances b
        join lots l on l.id = b.lot_id
        join products p on p.id = b.product_id
        join warehouses w on w.id = b.warehouse_id
        where l.expiry_date <= ${filter.today}::date + ${filter.withinDays}::int ${warehouse}
        group by l.id, b.product_id, p.sku, p.name, b.warehouse_id, w.code
        having sum(b.on_hand) > 0
        order by l.expiry_date, p.sku, w.code`,
  );
}

/** An active product whose on hand is at or below its (non-zero) reorder point. */
export interface LowStockRow {
  product_id: string;
  sku: string;
  product_name: string;
  reorder_point: number;
  /** The warehouse counted, or null for all warehouses together. */
  warehouse_id: string | null;
  warehouse_code: string | null;
  on_hand: number;
}

/**
 * Active products with a reorder point whose on hand is at or below it, by SKU: over all
 * warehouses; in the one given; or `perWarehouse`, in each warehouse that holds or held a balance
 * of the product. A reorder point of 0 means none is set.
 */
export function lowStock(db: DbOrTx, filter: { warehouseId?: string; perWarehouse?: boolean }) {
  if (filter.perWarehouse) {
    return rows<LowStockRow>(
      db,
      sql`select p.id as product_id, p.sku, p.name as product_name, p.reorder_point::float8 as reorder_point,
            b.warehouse_id, w.code as warehouse_code, sum(b.on_hand)::float8 as on_hand
          from stock_balances b
          join products p on p.id = b.product_id
          join warehouses w on w.id = b.warehouse_id
          where p.is_active and p.reorder_point > 0
          group by p.id, b.warehouse_id, w.code
          having sum(b.on_hand) <= p.reorder_point
          order by p.sku, w.code`,
    );
  }
  const warehouse = filter.warehouseId ? sql`and b.warehouse_id = ${filter.warehouseId}::uuid` : sql``;
  const counted = filter.warehouseId
    ? sql`${filter.warehouseId}::uuid as warehouse_id, (select code from warehouses where id = ${filter.warehouseId}::uuid) as warehouse_code`
    : sql`null::uuid as warehouse_id, null::text as warehouse_code`;
  return rows<LowStockRow>(
    db,
    sql`select p.id as product_id, p.sku, p.name as product_name, p.reorder_point::float8 as reorder_point,
          ${counted}, coalesce(sum(b.on_hand), 0)::float8 as on_hand
        from products p
        left join stock_balances b on b.product_id = p.id ${warehouse}
        where p.is_active and p.reorder_point > 0
        group by p.id
        having coalesce(sum(b.on_hand), 0) <= p.reorder_point
        order by p.sku`,
  );
}

/**
 * Which of `keys` (by position) name a balance that exists already, i.e. one the ledger has
 * posted to: a product in a bin, of a lot by its number (or of no lot).
 */
export async function balancesPostedTo(
  db: DbOrTx,
  keys: { productId: string; binId: string; lotNumber: string | null }[],
): Promise<number[]> {
  if (keys.length === 0) return [];
  const found = await rows<{ i: number }>(
    db,
    sql`select (k.i - 1)::int as i
      from unnest(${sql.param(keys.map((k) => k.productId))}::uuid[], ${sql.param(keys.map((k) => k.binId))}::uuid[],
        ${sql.param(keys.map((k) => k.lotNumber?.toLowerCase() ?? null))}::text[]) with ordinality k(product_id, bin_id, lot, i)
      where exists (
        select 1 from stock_balances sb left join lots l on l.id = sb.lot_id
        where sb.product_id = k.product_id and sb.bin_id = k.bin_id
          and (case when k.lot is null then sb.lot_id is null else lower(l.lot_number) = k.lot end))`,
  );
  return found.map((row) => row.i);
}
