import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import { businessDay, CONSUMING_TYPES, filters, unitValue, withProductValue } from './report-sql.js';

export interface FefoFilter {
  warehouseId?: string;
  productId?: string;
  expiringWithinDays?: number;
  includeExpired: boolean;
  at?: Date;
}

/** Every lot on hand, earliest expiry first (no expiry last), with its days left. */
export function fefo(timezone: string, filter: FefoFilter): SQL {
  const today = businessDay(timezone, filter.at);
  const within =
    filter.expiringWithinDays === undefined
      ? sql``
      : sql` and l.expiry_date <= ${today} + ${filter.expiringWithinDays}::int`;
  const expired = filter.includeExpired
    ? sql``
    : sql` and (l.expiry_date is null or l.expiry_date >= ${today})`;
  return sql`select x.product_id, p.sku, p.name as product_name, x.warehouse_id, w.code as warehouse_code,
        x.bin_id, bn.code as bin_code, x.lot_id, l.lot_number, l.expiry_date::text as expiry_date,
        (l.expiry_date - ${today})::int as days_to_expiry, coalesce(l.expiry_date < ${today}, false) as expired,
        x.on_hand::float8 as quantity, x.reserved::float8 as reserved,
        (x.on_hand * ${unitValue})::float8 as value,
        row_number() over (order by l.expiry_date asc nulls last, p.sku, w.code, bn.code, l.lot_number) as ord
      from stock_balances x ${withProductValue}
      join lots l on l.id = x.lot_id
      join warehouses w on w.id = x.warehouse_id
      join bins bn on bn.id = x.bin_id
      where x.on_hand > 0${filters([
        ['x.warehouse_id', filter.warehouseId],
        ['x.product_id', filter.productId],
      ])}${within}${expired}`;
}

/** From the coarsest to the finest: each grouping also names the ones before it. */
export const GROUPINGS = ['product', 'warehouse', 'bin', 'lot'] as const;
export type OnHandGrouping = (typeof GROUPINGS)[number];

/** Stock on hand from `source` (balances now or of a past moment), summed at the grouping asked. */
export function stockOnHand(
  source: SQL,
  groupBy: OnHandGrouping,
  filter: { warehouseId?: string; productId?: string },
): SQL {
  const keys: Record<OnHandGrouping, SQL> = {
    product: sql`x.product_id`,
    warehouse: sql`x.product_id, x.warehouse_id`,
    bin: sql`x.product_id, x.warehouse_id, x.bin_id`,
    lot: sql`x.product_id, x.warehouse_id, x.bin_id, x.lot_id`,
  };
  const has = (level: OnHandGrouping) => GROUPINGS.indexOf(groupBy) >= GROUPINGS.indexOf(level);
  return sql`select s.*, p.sku, p.name as product_name, p.unit_code as unit,
        ${has('warehouse') ? sql`w.code` : sql`null`} as warehouse_code,
        ${has('bin') ? sql`bn.code` : sql`null`} as bin_code,
        ${groupBy === 'lot' ? sql`l.lot_number` : sql`null`} as lot_number,
        (s.quantity * ${unitValue})::float8 as value,
        row_number() over (order by p.sku, ${has('warehouse') ? sql`w.code` : sql`''`},
          ${has('bin') ? sql`bn.code` : sql`''`}, ${groupBy === 'lot' ? sql`l.lot_number` : sql`''`}) as ord
      from (
        select ${keys[groupBy]}, sum(x.on_hand)::float8 as quantity
        from ${source} x
        where x.on_hand <> 0${filters([
          ['x.warehouse_id', filter.warehouseId],
          ['x.product_id', filter.productId],
        ])}
        group by ${keys[groupBy]}
      ) s
      join products p on p.id = s.product_id
      left join stock_costs c on c.product_id = s.product_id
      ${has('warehouse') ? sql`join warehouses w on w.id = s.warehouse_id` : sql``}
      ${has('bin') ? sql`join bins bn on bn.id = s.bin_id` : sql``}
      ${groupBy === 'lot' ? sql`left join lots l on l.id = s.lot_id` : sql``}`;
}

/** The total quantity from `source`, to set beside a page of it. */
export async function sourceTotal(
  db: DbOrTx,
  source: SQL,
  filter: { warehouseId?: string; productId?: string },
): Promise<number> {
  const [row] = await rows<{ quantity: number }>(
    db,
    sql`select coalesce(sum(x.on_hand), 0)::float8 as quantity from ${source} x where true${filters([
      ['x.warehouse_id', filter.warehouseId],
      ['x.product_id', filter.productId],
    ])}`,
  );
  return row?.quantity ?? 0;
}

/**
 * How long the stock on hand has sat, per product: what is on hand in each warehouse (and lot) is
 * the newest stock that came in there (receipts, returns, output, transfers in: first in, first
 * out), so each piece is as old as the movement that brought it; a lot's pieces are dated by its
 * receipts.
 */
export function aging(
  timezone: string,
  filter: { warehouseId?: string; productId?: string; at?: Date },
): SQL {
  const today = businessDay(timezone, filter.at);
  const scope = filters([
    ['b.warehouse_id', filter.warehouseId],
    ['b.product_id', filter.productId],
  ]);
  return sql`with oh as (
        select b.product_id, b.warehouse_id, b.lot_id, sum(b.on_hand) as quantity
        from stock_balances b where b.on_hand > 0${scope} group by 1, 2, 3
      ), layers as (
        select m.product_id, m.warehouse_id, m.lot_id, m.quantity,
          (${today} - (m.occurred_at at time zone ${timezone})::date) as age,
          sum(m.quantity) over (partition by m.product_id, m.warehouse_id, m.lot_id
                                order by m.occurred_at desc, m.id desc) as running
        from stock_movements m
        join oh on oh.product_id = m.product_id and oh.warehouse_id = m.warehouse_id
          and oh.lot_id is not distinct from m.lot_id
        where m.quantity > 0
      ), pieces as (
        select l.product_id, l.age, least(l.quantity, oh.quantity - (l.running - l.quantity)) as quantity
        from layers l
        join oh on oh.product_id = l.product_id and oh.warehouse_id = l.warehouse_id
          and oh.lot_id is not distinct from l.lot_id
        where l.running - l.quantity < oh.quantity
      )
      select x.product_id, p.sku, p.name as product_name,
        sum(x.quantity)::float8 as quantity,
        (sum(x.quantity) * ${unitValue})::float8 as value,
        coalesce(sum(x.quantity) filter (where x.age <= 30), 0)::float8 as "0_30",
        coalesce(sum(x.quantity) filter (where x.age between 31 and 90), 0)::float8 as "31_90",
        coalesce(sum(x.quantity) filter (where x.age between 91 and 180), 0)::float8 as "91_180",
        coalesce(sum(x.quantity) filter (where x.age > 180), 0)::float8 as over_180,
        max(x.age)::int as oldest_days,
        row_number() over (order by p.sku) as ord
      from pieces x ${withProductValue}
      group by x.product_id, p.sku, p.name, c.average_cost, p.unit_price`;
}

export interface LowStockFilter {
  warehouseId?: string;
  lookbackDays: number;
  coverDays: number;
}

/**
 * Products at or below their reorder point, with the average daily consumption over the lookback
 * and a suggested order: enough for `coverDays` of that consumption, back above the reorder
 * point, less what open purchase orders still bring.
 */
export function lowStock(filter: LowStockFilter): SQL {
  const inWarehouse = filters([['b.warehouse_id', filter.warehouseId]]);
  const movedThere = filters([['m.warehouse_id', filter.warehouseId]]);
  // Only products with a reorder point are looked at: the balances and the consumption of those,
  // through their product indexes, not every product's.
  return sql`with watched as (
        select p.id, p.sku, p.name, p.unit_code, p.reorder_point from products p
        where p.is_active and p.reorder_point > 0
      ), low as (
        select w.id as product_id, w.sku, w.name as product_name, w.unit_code as unit, w.reorder_point,
          coalesce(sum(b.on_hand), 0) as on_hand, coalesce(sum(b.on_hand - b.reserved), 0) as available
        from watched w left join stock_balances b on b.product_id = w.id${inWarehouse}
        group by w.id, w.sku, w.name, w.unit_code, w.reorder_point
        having coalesce(sum(b.on_hand), 0) <= w.reorder_point
      ), used as (
        select m.product_id, -sum(m.quantity) as quantity
        from stock_movements m
        where m.product_id in (select product_id from low) and m.movement_type in ${CONSUMING_TYPES}
          and m.occurred_at >= now() - make_interval(days => ${filter.lookbackDays})${movedThere}
        group by m.product_id
      ), ordered as (
        select l.product_id, sum(greatest(l.quantity - l.received_quantity, 0)) as quantity
        from purchase_order_lines l join purchase_orders o on o.id = l.purchase_order_id
        where o.status in ('submitted', 'approved', 'partially_received')
          and l.product_id in (select product_id from low)
        group by l.product_id
      ), figures as (
        select x.*, coalesce(u.quantity, 0) / ${filter.lookbackDays}::numeric as daily,
          coalesce(o.quantity, 0) as on_order, d.decimals
        from low x join units d on d.code = x.unit
        left join used u on u.product_id = x.product_id
        left join ordered o on o.product_id = x.product_id
      )
      select product_id, sku, product_name, unit, reorder_point::float8 as reorder_point, on_hand::float8 as on_hand,
        available::float8 as available, round(daily, 4)::float8 as average_daily_use, on_order::float8 as on_order,
        case when daily > 0 then round(on_hand / daily, 1)::float8 end as days_of_supply,
        greatest(ceil((daily * ${filter.coverDays} + reorder_point - on_hand - on_order) * 10 ^ least(decimals, 4))
          / 10 ^ least(decimals, 4), 0)::float8 as suggested_order,
        row_number() over (order by on_hand / reorder_point, sku) as ord
      from figures`;
}
