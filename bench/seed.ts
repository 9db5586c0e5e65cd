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
  await client.query(`insert into stock_movements (id, posting_id, movement_type, product_id, warehouse_id, bin_id, quantity, reference_number)
    select raktar_uuidv7(), raktar_uuidv7(), 'receipt', p.id, b.warehouse_id, b.id, (p.unit_price * 10)::int + 1, 'BENCH-SEED'
    from products p cross join bins b
    where not exists (select 1 from stock_balances s where s.product_id = p.id)`);
  await client.query(`insert into stock_balances (id, product_id, warehouse_id, bin_id, on_hand)
    select raktar_uuidv7(), m.product_id, m.warehouse_id, m.bin_id, m.quantity from stock_movements m
    where m.reference_number = 'BENCH-SEED' and not exists (select 1 from stock_balances s where s.product_id = m.product_id)`);
  await client.query('vacuum analyze');
}
