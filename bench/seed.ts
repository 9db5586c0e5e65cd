import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Db } from '../src/db/client.js';

export const PRODUCTS = 100_000;
export const HOT = 1_000;
/** Matches about 1 % of the products ("Kávé prémium …"), found accent-insensitively. */
export const SEARCH = 'kave premium';

/**
 * 100,000 products with stock in two warehouses: one receipt ledger row and one balance per
 * product and warehouse, consistent with each other (verify stays clean). `bench_hot` lists the
 * 1,000 products the write benchmark issues from.
 */
export async function seed(db: Db): Promise<{ warehouseId: string }> {
  await db.execute(sql`insert into warehouses (id, code, name) values
    (raktar_uuidv7(), 'BENCH-A', 'Bench A'), (raktar_uuidv7(), 'BENCH-B', 'Bench B')`);
  await db.execute(sql`insert into bins (id, warehouse_id, code, type, is_default)
    select raktar_uuidv7(), id, 'DEFAULT', 'storage', true from warehouses`);
  await db.execute(sql`insert into products (id, sku, name, description, unit_price)
    select raktar_uuidv7(), 'SKU-' || lpad(i::text, 6, '0'),
      (array['Kávé','Tea','Cukor','Liszt','Tej','Vaj','Sajt','Kenyér','Alma','Körte'])[i % 10 + 1] || ' ' ||
      (array['prémium','bio','natúr','extra','klasszikus','házi','friss','válogatott','mini','maxi'])[(i / 10) % 10 + 1] || ' ' || i,
      'Benchmark product ' || i, (i % 997) + 0.99
    from generate_series(1, ${PRODUCTS}) i`);
  await db.execute(sql`insert into stock_movements (id, posting_id, movement_type, product_id, warehouse_id, bin_id, quantity, reference_number)
    select raktar_uuidv7(), raktar_uuidv7(), 'receipt', p.id, w.id, b.id, 1000000, 'BENCH-SEED'
    from products p cross join warehouses w join bins b on b.warehouse_id = w.id and b.is_default`);
  await db.execute(sql`insert into stock_balances (id, product_id, warehouse_id, bin_id, on_hand)
    select raktar_uuidv7(), product_id, warehouse_id, bin_id, quantity from stock_movements where reference_number = 'BENCH-SEED'`);
  await db.execute(sql`create table bench_hot as
    select row_number() over (order by id) as n, id as product_id from (select id from products order by md5(id::text) limit ${HOT}) p`);
  await db.execute(sql`alter table bench_hot add primary key (n)`);
  await db.execute(sql`analyze`);
  const result = (await db.execute(sql`select id from warehouses where code = 'BENCH-A'`)) as unknown as {
    rows: { id: string }[];
  };
  return { warehouseId: result.rows[0]?.id as string };
}

export async function hotProducts(db: Db): Promise<string[]> {
  const result = (await db.execute(sql`select product_id from bench_hot order by n`)) as unknown as {
    rows: { product_id: string }[];
  };
  return result.rows.map((row) => row.product_id);
}

/**
 * Adds products up to `total` (names "<food> <grade> <n>", five categories, one balance and its
 * receipt row each), and the obvious SQL's own index.
 */
export async function seedSearchUpTo(client: pg.Client, from: number, total: number): Promise<void> {
  if (from === 0) {
    await client.query(`insert into categories (id, name)
      select raktar_uuidv7(), c from unnest(array['Italok','Pékáru','Tejtermék','Gyümölcs','Szárazáru']) c`);
    await client.query(`insert into warehouses (id, code, name) values (raktar_uuidv7(), 'BENCH', 'Bench')`);
    await client.query(`insert into bins (id, warehouse_id, code, type, is_default)
      select raktar_uuidv7(), id, 'DEFAULT', 'storage', true from warehouses`);
    await client.query(
      `create index bench_obvious_search_idx on products using gin ((name || ' ' || sku) gin_trgm_ops)`,
    );
  }
  await client.query(
    `insert into products (id, sku, name, description, unit_price, category_id)
     select raktar_uuidv7(), 'SKU-' || lpad(i::text, 7, '0'),
       (array['Kávé','Tea','Cukor','Liszt','Tej','Vaj','Sajt','Kenyér','Alma','Körte'])[i % 10 + 1] || ' ' ||
       (array['prémium','bio','natúr','extra','házi'])[(i / 10) % 5 + 1] || ' ' || i,
       'Benchmark product ' || i, (i % 997) + 0.99,
       (array(select id from categories order by name))[i % 5 + 1]
     from generate_series($1::int, $2::int) i`,
    [from + 1, total],
  );
  // Opening stock from long ago, so it does not count as today's receipts.
  await client.query(`insert into stock_movements (id, posting_id, movement_type, product_id, warehouse_id, bin_id, quantity, reference_number, occurred_at)
    select raktar_uuidv7(), raktar_uuidv7(), 'receipt', p.id, b.warehouse_id, b.id, (p.unit_price * 10)::int + 1, 'BENCH-SEED',
      now() - interval '400 days'
    from products p cross join bins b
    where not exists (select 1 from stock_balances s where s.product_id = p.id)`);
  await client.query(`insert into stock_balances (id, product_id, warehouse_id, bin_id, on_hand)
    select raktar_uuidv7(), m.product_id, m.warehouse_id, m.bin_id, m.quantity from stock_movements m
    where m.reference_number = 'BENCH-SEED' and not exists (select 1 from stock_balances s where s.product_id = m.product_id)`);
  await client.query('vacuum analyze');
}

export interface SeededLedger {
  rows: number;
  warehouseId: string;
  binId: string;
  /** Mid last month: `as_of` reads its month's snapshot plus half a month of ledger. */
  asOf: string;
  /** A movement half-way through history, and one half-way through the bin's: deep keyset cursors. */
  middleId: string;
  binMiddleId: string;
  /** The start of every month the ledger covers, oldest first: the monthly snapshots' cuts. */
  monthStarts: string[];
}

const LEDGER_KEYS = 8_000;
const LEDGER_SPAN_SECONDS = 3 * 365 * 86_400;

/**
 * A ledger of `rows` movements over the last three years, written set-based: 2,000 products
 * stocked in one of 50 bins in each of 4 warehouses (8,000 balances), each receiving 10 and
 * issuing 5 in turn, never below zero, and the balances they sum to (verify is clean). The
 * secondary indexes are dropped for the load and built again after it, as a restore would.
 */
export async function seedLedger(client: pg.Client, rows: number): Promise<SeededLedger> {
  await client.query(`insert into warehouses (id, code, name)
    select raktar_uuidv7(), 'L' || w, 'Ledger ' || w from generate_series(1, 4) w`);
  await client.query(`insert into bins (id, warehouse_id, code, type, is_default)
    select raktar_uuidv7(), w.id, 'B' || lpad(b::text, 2, '0'), 'storage', b = 1
    from warehouses w cross join generate_series(1, 50) b where w.code like 'L_'`);
  await client.query(`insert into products (id, sku, name)
    select raktar_uuidv7(), 'LEDGER-' || lpad(i::text, 5, '0'), 'Ledger product ' || i from generate_series(1, 2000) i`);
  await client.query(`create temp table bench_keys as
    select (row_number() over (order by p.sku, w.code) - 1)::int as k, p.id as product_id, w.id as warehouse_id,
      (select b.id from bins b where b.warehouse_id = w.id order by b.code offset (p.n % 50) limit 1) as bin_id
    from (select id, sku, row_number() over (order by sku) as n from products where sku like 'LEDGER-%') p
    cross join warehouses w where w.code like 'L_'`);
  await client.query(`create function pg_temp.bench_uuid(ts timestamptz) returns uuid language sql as $$
    select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
      placing substring(int8send((extract(epoch from ts) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid $$`);
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where tablename = 'stock_movements' and indexname <> 'stock_movements_pkey'`,
  );
  for (const index of indexes) await client.query(`drop index ${index.indexname}`);
  // A bulk load: no foreign-key checks row by row (the keys come from the tables themselves).
  await client.query('set session_replication_role = replica');
  await client.query(
    `insert into stock_movements (id, posting_id, movement_type, product_id, warehouse_id, bin_id, quantity, reference_number, occurred_at)
     select pg_temp.bench_uuid(t.ts), pg_temp.bench_uuid(t.ts),
       case when (i / ${LEDGER_KEYS}) % 2 = 0 then 'receipt' else 'issue' end,
       k.product_id, k.warehouse_id, k.bin_id,
       case when (i / ${LEDGER_KEYS}) % 2 = 0 then 10 else -5 end, 'BENCH', t.ts
     from generate_series(0, $1::bigint - 1) i
     join bench_keys k on k.k = i % ${LEDGER_KEYS}
     cross join lateral (select to_timestamp(extract(epoch from now()) - ${LEDGER_SPAN_SECONDS}
       + i::float8 * ${LEDGER_SPAN_SECONDS} / $1::bigint) as ts) t`,
    [rows],
  );
  await client.query('set session_replication_role = origin');
  await client.query(`set maintenance_work_mem = '256MB'`);
  for (const index of indexes) await client.query(index.indexdef);
  await client.query(`insert into stock_balances (id, product_id, warehouse_id, bin_id, on_hand)
    select raktar_uuidv7(), product_id, warehouse_id, bin_id, sum(quantity)
    from stock_movements where reference_number = 'BENCH' group by product_id, warehouse_id, bin_id`);
  await client.query('vacuum analyze');
  const one = async <T>(text: string, values: unknown[] = []) =>
    (await client.query(text, values)).rows[0] as T;
  const key = await one<{ warehouse_id: string; bin_id: string }>(
    'select warehouse_id, bin_id from bench_keys where k = 0',
  );
  const middle = await one<{ id: string }>(
    `select id from stock_movements where occurred_at >= now() - interval '18 months' order by occurred_at, id limit 1`,
  );
  const binMiddle = await one<{ id: string }>(
    `select id from stock_movements where bin_id = $1 and occurred_at >= now() - interval '18 months' order by occurred_at, id limit 1`,
    [key.bin_id],
  );
  const months = await client.query<{ cut: Date }>(
    `select generate_series(date_trunc('month', now() - interval '3 years') + interval '1 month',
       date_trunc('month', now()), interval '1 month') as cut`,
  );
  const asOf = await one<{ at: Date }>(`select date_trunc('month', now()) - interval '15 days' as at`);
  return {
    rows,
    warehouseId: key.warehouse_id,
    binId: key.bin_id,
    asOf: asOf.at.toISOString(),
    middleId: middle.id,
    binMiddleId: binMiddle.id,
    monthStarts: months.rows.map((row) => row.cut.toISOString()),
  };
}
