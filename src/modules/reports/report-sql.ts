import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import type { PageRequest } from '../../platform/pagination.js';

// The reports module is a read model: it reads the ledger, the balances it maintains and the
// documents' headers in SQL, and never writes any of them.

/** What one unit of a product is worth: its moving average cost, else its list price. */
export const unitValue = sql`coalesce(c.average_cost, p.unit_price)`;

/** Joins `products p` and `stock_costs c` to rows `x` that carry a product_id. */
export const withProductValue = sql`join products p on p.id = x.product_id
  left join stock_costs c on c.product_id = x.product_id`;

/** The business day of a moment (now when absent) in the configured time zone. */
export function businessDay(timezone: string, at?: Date): SQL {
  const moment = at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
  return sql`(${moment} at time zone ${timezone})::date`;
}

/** The first instant of a business day, as a timestamptz. */
export function dayStart(day: SQL, timezone: string): SQL {
  return sql`((${day})::timestamp at time zone ${timezone})`;
}

/** `and <column> = <value>` for each filter given, nothing for the others. */
export function filters(pairs: [string, string | undefined][]): SQL {
  const parts = pairs
    .filter(([, value]) => value !== undefined)
    .map(([column, value]) => sql` and ${sql.raw(column)} = ${value}::uuid`);
  return sql.join(parts, sql``);
}

/** Outbound movement types that consume stock (not moves, write-offs or corrections). */
export const CONSUMING_TYPES = sql`('issue', 'production_consume', 'dispatch')`;

/** Rows of a page with `count(*) over ()` as `total`, split into the rows and the total. */
export async function paged<T>(
  db: DbOrTx,
  query: SQL,
  page: PageRequest,
): Promise<{ rows: T[]; total: number }> {
  const found = await rows<T & { total: number }>(
    db,
    sql`select *, count(*) over ()::int as total from (${query}) q
      order by q.ord limit ${page.pageSize} offset ${page.offset}`,
  );
  const total = found[0]?.total ?? 0;
  const bare = found.map((row) => {
    const { total: _, ord: __, ...rest } = row as Record<string, unknown>;
    return rest as T;
  });
  return { rows: bare, total };
}

/** A report's every row in its order, without paging: what an export streams. */
export function ordered(query: SQL): SQL {
  return sql`select * from (${query}) q order by q.ord`;
}
