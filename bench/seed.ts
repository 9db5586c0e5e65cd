import { sql } from 'drizzle-orm';
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
