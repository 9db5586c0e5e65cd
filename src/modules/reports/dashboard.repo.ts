import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import { businessDay, dayStart, filters, unitValue, withProductValue } from './report-sql.js';

export interface DashboardTotals {
  stock_value: number;
  distinct_skus: number;
  stock_lines: number;
  low_stock_count: number;
  expiring_7_days: number;
  expiring_30_days: number;
  expired_lots: number;
  expired_quantity: number;
  open_purchase_orders: number;
  open_sales_orders: number;
  open_work_orders: number;
  open_transfers: number;
  receipts_today: number;
  received_quantity_today: number;
  issues_today: number;
  issued_quantity_today: number;
}

export interface UnitTotal {
  unit: string;
  quantity: number;
}

export interface WarehouseTotal {
  warehouse_id: string;
  warehouse_code: string;
  warehouse_name: string;
  stock_value: number;
  distinct_skus: number;
  quantity: number;
  low_stock_count: number;
}

/**
 * The dashboard's figures in two statements: the totals (one pass over the balances per product,
 * joined to the products once), and the per-warehouse and per-unit sums (one pass, two groupings).
 */
export async function dashboardFigures(db: DbOrTx, timezone: string, warehouseId?: string) {
  const today = businessDay(timezone);
  const scope = filters([['b.warehouse_id', warehouseId]]);
  const moved = filters([['m.warehouse_id', warehouseId]]);
  const [totals] = await rows<DashboardTotals>(
    db,
    sql`with per_product as (
        select b.product_id, sum(b.on_hand) as quantity, count(*) as lines
        from stock_balances b where b.on_hand > 0${scope} group by b.product_id
      ), products_on_hand as (
        select count(x.product_id)::int as distinct_skus, coalesce(sum(x.lines), 0)::int as stock_lines,
          coalesce(sum(x.quantity * ${unitValue}), 0)::float8 as stock_value,
          (count(*) filter (where p.is_active and p.reorder_point > 0
            and coalesce(x.quantity, 0) <= p.reorder_point))::int as low_stock_count
        from products p left join per_product x on x.product_id = p.id left join stock_costs c on c.product_id = p.id
      ), lot_stock as (
        select l.id, l.expiry_date, sum(b.on_hand) as quantity
        from stock_balances b join lots l on l.id = b.lot_id
        where b.on_hand > 0 and l.expiry_date is not null${scope} group by l.id
      ), today as (
        select m.movement_type, count(distinct m.posting_id)::int as postings, sum(abs(m.quantity)) as quantity
        from stock_movements m
        where m.occurred_at >= ${dayStart(today, timezone)} and m.movement_type in ('receipt', 'issue')${moved}
        group by m.movement_type
      )
      select o.*,
        (select count(*)::int from lot_stock where expiry_date >= ${today} and expiry_date < ${today} + 7) as expiring_7_days,
        (select count(*)::int from lot_stock where expiry_date >= ${today} and expiry_date < ${today} + 30) as expiring_30_days,
        (select count(*)::int from lot_stock where expiry_date < ${today}) as expired_lots,
        (select coalesce(sum(quantity), 0)::float8 from lot_stock where expiry_date < ${today}) as expired_quantity,
        (select count(*)::int from purchase_orders
          where status in ('draft', 'submitted', 'approved', 'partially_received')) as open_purchase_orders,
        (select count(*)::int from sales_orders where status in ('draft', 'confirmed', 'partially_shipped')) as open_sales_orders,
        (select count(*)::int from work_orders where status in ('planned', 'released', 'in_progress')) as open_work_orders,
        (select count(*)::int from stock_transfers where status = 'pending') as open_transfers,
        coalesce((select postings from today where movement_type = 'receipt'), 0) as receipts_today,
        coalesce((select quantity from today where movement_type = 'receipt'), 0)::float8 as received_quantity_today,
        coalesce((select postings from today where movement_type = 'issue'), 0) as issues_today,
        coalesce((select quantity from today where movement_type = 'issue'), 0)::float8 as issued_quantity_today
      from products_on_hand o`,
  );
  const groups = await rows<WarehouseTotal & { unit: string | null; by_unit: boolean }>(
    db,
    sql`with x as (
        select b.product_id, b.warehouse_id, sum(b.on_hand) as quantity
        from stock_balances b where b.on_hand > 0${scope} group by 1, 2
      )
      select grouping(p.unit_code) = 0 as by_unit, p.unit_code as unit, x.warehouse_id,
        coalesce(sum(x.quantity * ${unitValue}), 0)::float8 as stock_value,
        count(x.product_id)::int as distinct_skus,
        coalesce(sum(x.quantity), 0)::float8 as quantity,
        (count(*) filter (where p.reorder_point > 0 and x.quantity <= p.reorder_point))::int as low_stock_count
      from x join products p on p.id = x.product_id left join stock_costs c on c.product_id = x.product_id
      group by grouping sets ((x.warehouse_id), (p.unit_code))`,
  );
  const units: UnitTotal[] = groups
    .filter((group) => group.by_unit)
    .map((group) => ({ unit: group.unit as string, quantity: group.quantity }))
    .sort((a, b) => (a.unit < b.unit ? -1 : 1));
  const stocked = new Map(
    groups.filter((group) => !group.by_unit).map((group) => [group.warehouse_id, group]),
  );
  const warehouses = (await warehouseNames(db, warehouseId)).map((w) => ({
    ...w,
    stock_value: stocked.get(w.warehouse_id)?.stock_value ?? 0,
    distinct_skus: stocked.get(w.warehouse_id)?.distinct_skus ?? 0,
    quantity: stocked.get(w.warehouse_id)?.quantity ?? 0,
    low_stock_count: stocked.get(w.warehouse_id)?.low_stock_count ?? 0,
  }));
  return { totals: totals as DashboardTotals, units, warehouses };
}

function warehouseNames(db: DbOrTx, warehouseId?: string) {
  return rows<Pick<WarehouseTotal, 'warehouse_id' | 'warehouse_code' | 'warehouse_name'>>(
    db,
    sql`select w.id as warehouse_id, w.code as warehouse_code, w.name as warehouse_name
      from warehouses w where w.is_active${filters([['w.id', warehouseId]])} order by w.code`,
  );
}

/**
 * The dashboard as a file: one row per active warehouse (one only with `warehouseId`), with the
 * figures of its breakdown and its expiring and expired lots, ordered by code (`ord`).
 */
export function dashboardWarehouses(timezone: string, warehouseId?: string): SQL {
  const today = businessDay(timezone);
  return sql`with x as (
      select b.product_id, b.warehouse_id, sum(b.on_hand) as quantity
      from stock_balances b where b.on_hand > 0${filters([['b.warehouse_id', warehouseId]])} group by 1, 2
    ), stocked as (
      select x.warehouse_id, sum(x.quantity * ${unitValue})::float8 as stock_value,
        count(*)::int as distinct_skus, sum(x.quantity)::float8 as quantity,
        (count(*) filter (where p.reorder_point > 0 and x.quantity <= p.reorder_point))::int as low_stock_count
      from x ${withProductValue} group by x.warehouse_id
    ), lots_held as (
      select b.warehouse_id, l.id, l.expiry_date
      from stock_balances b join lots l on l.id = b.lot_id
      where b.on_hand > 0 and l.expiry_date is not null${filters([['b.warehouse_id', warehouseId]])}
      group by b.warehouse_id, l.id
    ), expiring as (
      select warehouse_id,
        (count(*) filter (where expiry_date >= ${today} and expiry_date < ${today} + 7))::int as expiring_7_days,
        (count(*) filter (where expiry_date >= ${today} and expiry_date < ${today} + 30))::int as expiring_30_days,
        (count(*) filter (where expiry_date < ${today}))::int as expired_lots
      from lots_held group by warehouse_id
    )
    select w.code as warehouse_code, w.name as warehouse_name,
      coalesce(s.stock_value, 0) as stock_value, coalesce(s.distinct_skus, 0) as distinct_skus,
      coalesce(s.quantity, 0) as quantity, coalesce(s.low_stock_count, 0) as low_stock_count,
      coalesce(e.expiring_7_days, 0) as expiring_7_days, coalesce(e.expiring_30_days, 0) as expiring_30_days,
      coalesce(e.expired_lots, 0) as expired_lots, w.code as ord
    from warehouses w left join stocked s on s.warehouse_id = w.id left join expiring e on e.warehouse_id = w.id
    where w.is_active${filters([['w.id', warehouseId]])}`;
}
