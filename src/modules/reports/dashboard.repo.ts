import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import { businessDay, dayStart, filters, unitValue } from './report-sql.js';

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

/** The dashboard's figures in three statements: totals, units per measure, per warehouse. */
export async function dashboardFigures(db: DbOrTx, timezone: string, warehouseId?: string) {
  const today = businessDay(timezone);
  const scope = filters([['b.warehouse_id', warehouseId]]);
  const onHand = sql`(select b.product_id, b.warehouse_id, b.lot_id, b.on_hand from stock_balances b
    where b.on_hand > 0${scope})`;
  const moved = filters([['m.warehouse_id', warehouseId]]);
  const [totals] = await rows<DashboardTotals>(
    db,
    sql`with oh as materialized ${onHand},
      per_product as (select product_id, sum(on_hand) as quantity from oh group by product_id),
      lot_stock as (
        select l.id, l.expiry_date, sum(oh.on_hand) as quantity
        from oh join lots l on l.id = oh.lot_id where l.expiry_date is not null group by l.id
      ),
      today as (
        select m.movement_type, count(distinct m.posting_id)::int as postings, sum(abs(m.quantity)) as quantity
        from stock_movements m
        where m.occurred_at >= ${dayStart(today, timezone)} and m.movement_type in ('receipt', 'issue')${moved}
        group by m.movement_type
      )
      select
        (select coalesce(sum(x.on_hand * ${unitValue}), 0)::float8 from oh x
          join products p on p.id = x.product_id left join stock_costs c on c.product_id = x.product_id) as stock_value,
        (select count(*)::int from per_product) as distinct_skus,
        (select count(*)::int from oh) as stock_lines,
        (select count(*)::int from products p left join per_product q on q.product_id = p.id
          where p.is_active and p.reorder_point > 0 and coalesce(q.quantity, 0) <= p.reorder_point) as low_stock_count,
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
        coalesce((select quantity from today where movement_type = 'issue'), 0)::float8 as issued_quantity_today`,
  );
  const units = await rows<UnitTotal>(
    db,
    sql`select p.unit_code as unit, sum(x.on_hand)::float8 as quantity
      from ${onHand} x join products p on p.id = x.product_id
      group by p.unit_code order by p.unit_code`,
  );
  const warehouses = await rows<WarehouseTotal>(
    db,
    sql`with oh as ${onHand},
      per as (select x.warehouse_id, x.product_id, sum(x.on_hand) as quantity from oh x group by 1, 2)
      select w.id as warehouse_id, w.code as warehouse_code, w.name as warehouse_name,
        coalesce(sum(x.quantity * ${unitValue}), 0)::float8 as stock_value,
        count(x.product_id)::int as distinct_skus,
        coalesce(sum(x.quantity), 0)::float8 as quantity,
        count(*) filter (where p.reorder_point > 0 and x.quantity <= p.reorder_point)::int as low_stock_count
      from warehouses w
      left join per x on x.warehouse_id = w.id
      left join products p on p.id = x.product_id
      left join stock_costs c on c.product_id = x.product_id
      where w.is_active${filters([['w.id', warehouseId]])}
      group by w.id order by w.code`,
  );
  return { totals: totals as DashboardTotals, units, warehouses };
}

/** The newest ledger row's id (ids grow with time): a change means something was posted. */
export async function ledgerMark(db: DbOrTx): Promise<string> {
  const [row] = await rows<{ id: string }>(db, sql`select id from stock_movements order by id desc limit 1`);
  return row?.id ?? '';
}
