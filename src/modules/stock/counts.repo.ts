import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';

/** A counted line resolved against the books: its balance key, booked figures and difference. */
export interface CountedRow {
  line: number;
  product_id: string | null;
  sku: string | null;
  tracking: string | null;
  warehouse_found: boolean;
  warehouse_active: boolean;
  bin_id: string | null;
  bin_code: string | null;
  lot_id: string | null;
  lot_found: boolean;
  on_hand: string;
  reserved: string;
  difference: string;
  below_reserved: boolean;
}

/**
 * Every line of a stock count at once: product, bin (the default one when absent) and lot
 * resolved, the balances it names locked in key order, and the difference between the counted
 * and the booked quantity. One statement, whatever the number of lines.
 */
export async function countAgainstBooks(
  db: DbOrTx,
  warehouseId: string,
  lines: {
    product_id: string;
    bin_id?: string | null;
    lot_id?: string | null;
    lot_number?: string | null;
    counted_quantity: string;
  }[],
): Promise<CountedRow[]> {
  const payload = JSON.stringify(lines.map((line, i) => ({ line: i, ...line })));
  return rows<CountedRow>(
    db,
    sql`with x as (
      select * from jsonb_to_recordset(${payload}::jsonb)
        as x(line integer, product_id uuid, bin_id uuid, lot_id uuid, lot_number text, counted_quantity numeric)
    ), r as (
      select x.line, x.counted_quantity, pr.id as product_id, pr.sku, pr.tracking,
        wh.id is not null as warehouse_found, coalesce(wh.is_active, false) as warehouse_active,
        b.id as bin_id, b.code as bin_code, coalesce(lt.id, ln.id) as lot_id,
        (x.lot_id is null or lt.id is not null) and (x.lot_number is null or x.lot_id is not null or ln.id is not null) as lot_found
      from x
      left join products pr on pr.id = x.product_id
      left join warehouses wh on wh.id = ${warehouseId}::uuid
      left join bins b on b.warehouse_id = wh.id and (b.id = x.bin_id or (x.bin_id is null and b.is_default))
      left join lots lt on lt.id = x.lot_id and lt.product_id = pr.id
      left join lots ln on x.lot_id is null and x.lot_number is not null
        and ln.product_id = pr.id and lower(ln.lot_number) = lower(trim(x.lot_number))
    ), locked as (
      select s.product_id, s.bin_id, s.lot_id, s.on_hand, s.reserved from stock_balances s
      where s.id in (select s2.id from r join stock_balances s2 on s2.product_id = r.product_id
        and s2.warehouse_id = ${warehouseId}::uuid and s2.bin_id = r.bin_id and s2.lot_id is not distinct from r.lot_id)
      order by s.product_id, s.warehouse_id, s.bin_id, s.lot_id
      for update of s
    )
    select r.line, r.product_id, r.sku, r.tracking, r.warehouse_found, r.warehouse_active, r.bin_id, r.bin_code,
      r.lot_id, r.lot_found, coalesce(l.on_hand, 0)::text as on_hand, coalesce(l.reserved, 0)::text as reserved,
      (r.counted_quantity - coalesce(l.on_hand, 0))::text as difference,
      r.counted_quantity < coalesce(l.reserved, 0) as below_reserved
    from r left join locked l on l.product_id = r.product_id and l.bin_id = r.bin_id
      and l.lot_id is not distinct from r.lot_id
    order by r.line`,
  );
}
