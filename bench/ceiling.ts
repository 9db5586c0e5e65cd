import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import { products } from '../src/modules/catalog/catalog.tables.js';
import { listProducts } from '../src/modules/catalog/products.repo.js';
import { StockQueries } from '../src/modules/stock/stock-queries.js';
import { SEARCH } from './seed.js';

export interface Figures {
  requests_per_second: number;
  p50_ms: number;
  p99_ms: number;
  count: number;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs `work` from `clients` concurrent loops for `seconds`, measuring each call. */
export async function drive(clients: number, seconds: number, work: () => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await work();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests_per_second: Math.round(latencies.length / elapsed),
    p50_ms: Math.round(percentile(latencies, 50) * 100) / 100,
    p99_ms: Math.round(percentile(latencies, 99) * 100) / 100,
    count: latencies.length,
  };
}

/**
 * One movement in one transaction, the least SQL it can be: a receipt is one upsert of its balance
 * with its ledger row, an issue one FEFO take of available stock with its ledger rows (the unit
 * check included). `:product` and `:quantity` are filled per movement (pgbench variables there,
 * literals from Node).
 */
function movementSql(warehouseId: string, timezone: string) {
  const ledger = `insert into stock_movements (id, posting_id, movement_type, product_id, warehouse_id, bin_id, lot_id, quantity, notes, request_id)`;
  const receipt = `with balance as (
      insert into stock_balances (id, product_id, warehouse_id, bin_id, lot_id, on_hand)
      select raktar_uuidv7(), :product, w.id, b.id, null, :quantity
      from warehouses w join bins b on b.warehouse_id = w.id and b.is_default where w.id = '${warehouseId}'
      on conflict on constraint stock_balances_key
      do update set on_hand = stock_balances.on_hand + excluded.on_hand, updated_at = now()
      returning product_id, warehouse_id, bin_id, lot_id
    )
    ${ledger} select raktar_uuidv7(), raktar_uuidv7(), 'receipt', product_id, warehouse_id, bin_id, lot_id, :quantity, '', 'bench' from balance`;
  const issue = `with unit_ok as (
      select exists (select 1 from products pr join units u on u.code = pr.unit_code
        where pr.id = :product and scale(:quantity::numeric) <= least(u.decimals, 4)) as ok
    ), locked as (
      select b.id, b.on_hand - b.reserved as available, l.expiry_date, b.created_at
      from stock_balances b left join lots l on l.id = b.lot_id
      where b.product_id = :product and b.warehouse_id = '${warehouseId}'
        and (l.expiry_date is null or l.expiry_date >= (now() at time zone '${timezone}')::date)
        and b.on_hand - b.reserved > 0
      order by b.product_id, b.warehouse_id, b.bin_id, b.lot_id
      for update of b
    ), ordered as (
      select id, available, sum(available) over (order by expiry_date asc nulls last, created_at, id) as running from locked
    ), enough as (
      select coalesce(sum(available), 0) >= :quantity as ok from locked
    ), allocation as (
      select o.id, least(o.available, :quantity - (o.running - o.available)) as take
      from ordered o, enough e where e.ok and o.running - o.available < :quantity
    ), taken as (
      update stock_balances b set on_hand = b.on_hand - a.take, updated_at = now()
      from allocation a, unit_ok where unit_ok.ok and b.id = a.id and b.on_hand - b.reserved >= a.take
      returning b.product_id, b.warehouse_id, b.bin_id, b.lot_id, a.take
    )
    ${ledger} select raktar_uuidv7(), raktar_uuidv7(), 'issue', product_id, warehouse_id, bin_id, lot_id, -take, '', 'bench' from taken`;
  const flat = (text: string) => text.replace(/\s*\n\s*/g, ' ');
  return { receipt: flat(receipt), issue: flat(issue) };
}

/** The mixed workload's movement: receipt or issue with even odds, 1–10 units, a random hot product. */
export function mixedMovement(hot: string[]) {
  return {
    product: hot[Math.floor(Math.random() * hot.length)] as string,
    receipt: Math.random() < 0.5,
    quantity: 1 + Math.floor(Math.random() * 10),
  };
}

/** The database's own ceiling for the mixed workload from Node: one transaction per movement. */
export function writeTransaction(db: Db, hot: string[], warehouseId: string, timezone: string) {
  const text = movementSql(warehouseId, timezone);
  return async () => {
    const m = mixedMovement(hot);
    const statement = (m.receipt ? text.receipt : text.issue)
      .replaceAll(':product', `'${m.product}'::uuid`)
      .replaceAll(':quantity', `${m.quantity}::numeric`);
    await db.execute(sql.raw(statement));
  };
}

/** The same mix as a pgbench script: product, direction and quantity drawn by pgbench. */
export function pgbenchWriteScript(warehouseId: string, timezone: string, hot: number): string {
  const text = movementSql(warehouseId, timezone);
  const bind = (statement: string) =>
    statement
      .replaceAll(':product', '(select product_id from bench_hot where n = :n)')
      .replaceAll(':quantity', ':q::numeric');
  return [
    `\\set n random(1, ${hot})`,
    '\\set q random(1, 10)',
    '\\set receipt random(0, 1)',
    '\\if :receipt',
    `${bind(text.receipt)};`,
    '\\else',
    `${bind(text.issue)};`,
    '\\endif',
    '',
  ].join('\n');
}

/** The same list query (page of 50 plus the count) the search endpoint runs. */
export function searchQuery(db: Db) {
  return async () => {
    await listProducts(
      db,
      { search: SEARCH, isActive: true },
      'name_asc',
      { page: 1, pageSize: 50, offset: 0 },
      new StockQueries(db).onHandSql(sql`${products.id}`),
    );
  };
}
