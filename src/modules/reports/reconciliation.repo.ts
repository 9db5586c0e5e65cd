import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';

export interface WarehouseReconciliation {
  warehouse_id: string;
  warehouse_code: string;
  ledger_quantity: number;
  balance_quantity: number;
  difference: number;
  movements: number;
}

/** Per warehouse: the ledger's sum against the balances' sum. */
export function warehouseReconciliation(db: DbOrTx): Promise<WarehouseReconciliation[]> {
  return rows<WarehouseReconciliation>(
    db,
    sql`with l as (select warehouse_id, sum(quantity) as quantity, count(*) as n from stock_movements group by 1),
        b as (select warehouse_id, sum(on_hand) as quantity from stock_balances group by 1)
      select w.id as warehouse_id, w.code as warehouse_code,
        coalesce(l.quantity, 0)::float8 as ledger_quantity, coalesce(b.quantity, 0)::float8 as balance_quantity,
        (coalesce(b.quantity, 0) - coalesce(l.quantity, 0))::float8 as difference, coalesce(l.n, 0)::int as movements
      from warehouses w left join l on l.warehouse_id = w.id left join b on b.warehouse_id = w.id
      order by w.code`,
  );
}

/**
 * Per purchase and sales order line: ordered, and received or shipped as the document records it
 * against what its ledger rows add up to. `mismatchedOnly` leaves out the lines that agree.
 */
export function documentReconciliation(mismatchedOnly: boolean): SQL {
  return sql`with posted as (
        select m.reference_type, m.reference_id, m.product_id, sum(m.quantity) as quantity
        from stock_movements m
        where m.reference_type in ('purchase_order', 'sales_order')
        group by 1, 2, 3
      ), lines as (
        select 'purchase_order' as document_type, o.id as document_id, o.po_number as document_number,
          l.product_id, sum(l.quantity) as ordered, sum(l.received_quantity) as done
        from purchase_orders o join purchase_order_lines l on l.purchase_order_id = o.id
        group by o.id, l.product_id
        union all
        select 'sales_order', o.id, o.so_number, l.product_id, sum(l.quantity), sum(l.shipped_quantity)
        from sales_orders o join sales_order_lines l on l.sales_order_id = o.id
        group by o.id, l.product_id
      ), compared as (
        select x.document_type, x.document_id, x.document_number, x.product_id, p.sku,
          x.ordered::float8 as ordered_quantity, x.done::float8 as document_quantity,
          (case when x.document_type = 'sales_order' then -1 else 1 end * coalesce(g.quantity, 0))::float8 as ledger_quantity
        from lines x
        join products p on p.id = x.product_id
        left join posted g on g.reference_type = x.document_type and g.reference_id = x.document_id
          and g.product_id = x.product_id
      )
      select c.*, c.document_quantity = c.ledger_quantity as matches,
        row_number() over (order by c.document_number, c.sku) as ord
      from compared c
      where ${mismatchedOnly ? sql`c.document_quantity <> c.ledger_quantity` : sql`true`}`;
}
