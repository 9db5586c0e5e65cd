import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import { CONSUMING_TYPES, dayStart, filters, unitValue, withProductValue } from './report-sql.js';

export type ValuationGrouping = 'warehouse' | 'category';

export interface ValuationRow {
  group_id: string | null;
  group_code: string | null;
  group_name: string | null;
  quantity: number;
  value_average: number;
  value_fifo: number;
}

/**
 * Stock value per warehouse or category, side by side: at moving average (kept at posting time)
 * and at FIFO (what is on hand in a warehouse is its newest stock in, each piece at the unit cost
 * it came with; a piece that came without one, such as a transfer in, at the average).
 */
export function valuationQuery(
  groupBy: ValuationGrouping,
  warehouseId: string | undefined,
  source: SQL,
  at?: Date,
): SQL {
  // At a past moment: its balances (`source`), and only the stock that had come in by then.
  const until = at ? sql` and m.occurred_at <= ${at.toISOString()}::timestamptz` : sql``;
  const group: Record<ValuationGrouping, { key: SQL; join: SQL; code: SQL; name: SQL }> = {
    warehouse: {
      key: sql`v.warehouse_id`,
      join: sql`join warehouses g on g.id = v.warehouse_id`,
      code: sql`g.code`,
      name: sql`g.name`,
    },
    category: {
      key: sql`p.category_id`,
      join: sql`left join categories g on g.id = p.category_id`,
      code: sql`null::text`,
      name: sql`g.name`,
    },
  };
  const { key, join, code, name } = group[groupBy];
  return sql`with oh as (
        select b.product_id, b.warehouse_id, sum(b.on_hand) as quantity
        from ${source} b where b.on_hand > 0${filters([['b.warehouse_id', warehouseId]])} group by 1, 2
      ), layers as (
        select m.product_id, m.warehouse_id, m.quantity, m.unit_cost,
          sum(m.quantity) over (partition by m.product_id, m.warehouse_id order by m.occurred_at desc, m.id desc) as running
        from stock_movements m
        join oh on oh.product_id = m.product_id and oh.warehouse_id = m.warehouse_id
        where m.quantity > 0${until}
      ), fifo as (
        select l.product_id, l.warehouse_id,
          sum(least(l.quantity, oh.quantity - (l.running - l.quantity))) as covered,
          sum(least(l.quantity, oh.quantity - (l.running - l.quantity)) * l.unit_cost) as value,
          sum(least(l.quantity, oh.quantity - (l.running - l.quantity))) filter (where l.unit_cost is null) as uncosted
        from layers l
        join oh on oh.product_id = l.product_id and oh.warehouse_id = l.warehouse_id
        where l.running - l.quantity < oh.quantity
        group by 1, 2
      ), v as (
        select x.product_id, x.warehouse_id, x.quantity,
          x.quantity * ${unitValue} as value_average,
          coalesce(f.value, 0) + (coalesce(f.uncosted, 0) + x.quantity - coalesce(f.covered, 0)) * ${unitValue} as value_fifo
        from oh x ${withProductValue}
        left join fifo f on f.product_id = x.product_id and f.warehouse_id = x.warehouse_id
      )
      select ${key}::text as group_id, ${code} as group_code, ${name} as group_name,
        sum(v.quantity)::float8 as quantity,
        round(sum(v.value_average), 2)::float8 as value_average,
        round(sum(v.value_fifo), 2)::float8 as value_fifo
      from v join products p on p.id = v.product_id ${join}
      group by 1, 2, 3 order by 3 nulls last, 1`;
}

/** The valuation rows of `query` (from `valuationQuery`). */
export function valuation(db: DbOrTx, query: SQL): Promise<ValuationRow[]> {
  return rows<ValuationRow>(db, query);
}

export interface Period {
  from: SQL;
  to: SQL;
  days: number;
}

/**
 * Per product: what was consumed over the period, the stock at its start and end (from the ledger),
 * turnover (consumed ÷ average of the two) and days of supply (end stock ÷ daily consumption).
 */
export function turnover(
  timezone: string,
  period: Period,
  filter: { warehouseId?: string; categoryId?: string },
): SQL {
  const start = dayStart(period.from, timezone);
  const end = dayStart(sql`${period.to} + 1`, timezone);
  return sql`with t as (
        select m.product_id,
          coalesce(sum(m.quantity) filter (where m.occurred_at < ${start}), 0) as opening,
          coalesce(sum(m.quantity), 0) as closing,
          coalesce(-sum(m.quantity) filter (where m.occurred_at >= ${start}
            and m.movement_type in ${CONSUMING_TYPES}), 0) as consumed
        from stock_movements m
        where m.occurred_at < ${end}${filters([['m.warehouse_id', filter.warehouseId]])}
        group by m.product_id
      )
      select x.product_id, p.sku, p.name as product_name, p.category_id,
        x.opening::float8 as opening_quantity, x.closing::float8 as closing_quantity,
        x.consumed::float8 as consumed_quantity,
        round(x.consumed * ${unitValue}, 2)::float8 as consumed_value,
        case when x.opening + x.closing > 0 then round(x.consumed / ((x.opening + x.closing) / 2), 4)::float8 end as turnover,
        case when x.consumed > 0 then round(x.closing / (x.consumed / ${period.days}::numeric), 1)::float8 end as days_of_supply,
        row_number() over (order by x.consumed desc, p.sku) as ord
      from t x ${withProductValue}
      where (x.opening <> 0 or x.closing <> 0 or x.consumed <> 0)${filters([['p.category_id', filter.categoryId]])}`;
}

/**
 * ABC classes by the value consumed over the period (at the average cost): A up to `aShare` % of
 * the cumulative value, B up to `bShare` %, C the rest; products that consumed nothing are C.
 */
export function abc(timezone: string, period: Period, shares: { a: number; b: number }): SQL {
  const start = dayStart(period.from, timezone);
  const end = dayStart(sql`${period.to} + 1`, timezone);
  return sql`with used as (
        select m.product_id, -sum(m.quantity) as quantity
        from stock_movements m
        where m.occurred_at >= ${start} and m.occurred_at < ${end} and m.movement_type in ${CONSUMING_TYPES}
        group by m.product_id
      ), valued as (
        select x.product_id, p.sku, p.name as product_name, x.quantity, x.quantity * ${unitValue} as value
        from used x ${withProductValue}
      ), ranked as (
        select v.*, sum(v.value) over (order by v.value desc, v.sku) as running, sum(v.value) over () as total
        from valued v
      )
      select product_id, sku, product_name, quantity::float8 as consumed_quantity,
        round(value, 2)::float8 as consumed_value,
        case when total > 0 then round(100 * value / total, 2)::float8 else 0 end as share_percent,
        case when total > 0 then round(100 * running / total, 2)::float8 else 0 end as cumulative_percent,
        case when total > 0 and running - value < total * ${shares.a / 100} then 'A'
             when total > 0 and running - value < total * ${shares.b / 100} then 'B'
             else 'C' end as class,
        row_number() over (order by value desc, sku) as ord
      from ranked`;
}
