import { type SQL, sql } from 'drizzle-orm';
import { dayStart, filters } from './report-sql.js';

export interface HistoryFilter {
  productId?: string;
  warehouseId?: string;
  movementType?: string;
  /** Business days, inclusive. */
  dateFrom?: string;
  dateTo?: string;
}

/**
 * The ledger in the order it was written, oldest first, each row with the running balance of its
 * product in its warehouse after it (counted from the first row, whatever the date filter).
 */
export function movementHistory(timezone: string, filter: HistoryFilter): SQL {
  const scope = filters([
    ['m.product_id', filter.productId],
    ['m.warehouse_id', filter.warehouseId],
  ]);
  const until = filter.dateTo
    ? sql` and m.occurred_at < ${dayStart(sql`${filter.dateTo}::date + 1`, timezone)}`
    : sql``;
  const since = filter.dateFrom
    ? sql` and r.occurred_at >= ${dayStart(sql`${filter.dateFrom}::date`, timezone)}`
    : sql``;
  const type = filter.movementType ? sql` and r.movement_type = ${filter.movementType}` : sql``;
  return sql`with r as (
        select m.*, sum(m.quantity) over (partition by m.product_id, m.warehouse_id order by m.occurred_at, m.id) as running
        from stock_movements m where true${scope}${until}
      )
      select r.id, r.occurred_at, r.movement_type, r.product_id, p.sku, r.warehouse_id, w.code as warehouse_code,
        bn.code as bin_code, l.lot_number, r.quantity::float8 as quantity, r.unit_cost::float8 as unit_cost,
        r.running::float8 as balance_after, r.reference_type, r.reference_number, r.reason,
        row_number() over (order by r.occurred_at, r.id) as ord
      from r
      join products p on p.id = r.product_id
      join warehouses w on w.id = r.warehouse_id
      join bins bn on bn.id = r.bin_id
      left join lots l on l.id = r.lot_id
      where true${since}${type}`;
}
