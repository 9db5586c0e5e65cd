import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { afterMillisecond } from '../../db/moments.js';
import { preparedStatement } from '../../db/prepared.js';
import { changedSince, type ReferenceChange } from '../../db/reference-changes.js';
import { containsPattern } from '../../db/search.js';
import { categories, products } from './catalog.tables.js';

/** The filter and order a page of products is read by (search, stock order aside). */
export interface PageShape {
  isActive?: boolean;
  categoryId?: string;
  createdFrom?: Date;
  createdTo?: Date;
  search?: string;
  sort: 'name_asc' | 'name_desc' | 'sku_asc' | 'sku_desc' | 'created_asc' | 'created_desc';
}

const SORT_COLUMNS = { name: 'name', sku: 'sku', created: 'created_at' } as const;

type Values = Record<string, unknown>;
type Raw = Record<string, unknown>;

/** A row as the list shows it: the product's columns, its category's name and its on-hand total. */
export interface PageRow<Product> {
  product: Product;
  categoryName: string | null;
  onHand: number;
  matches: number;
}

/** A value in a product condition: a placeholder of a statement built once, or the value itself. */
type Bind = (name: string, value: unknown) => SQL;

/** The product filter's conditions (all must hold), each value given by `bind`. */
export function filterConditions(filter: Omit<PageShape, 'sort'>, bind: Bind): SQL[] {
  const conditions: SQL[] = [];
  if (filter.isActive !== undefined) {
    conditions.push(sql`${products.isActive} = ${bind('isActive', filter.isActive)}::boolean`);
  }
  if (filter.categoryId)
    conditions.push(sql`${products.categoryId} = ${bind('categoryId', filter.categoryId)}::uuid`);
  if (filter.createdFrom) {
    conditions.push(
      sql`${products.createdAt} >= ${bind('createdFrom', filter.createdFrom.toISOString())}::timestamptz`,
    );
  }
  if (filter.createdTo) {
    conditions.push(
      sql`${products.createdAt} < ${bind('createdTo', afterMillisecond(filter.createdTo).toISOString())}::timestamptz`,
    );
  }
  if (filter.search) {
    // The maintained, folded text (name, SKU, barcode, description, category): one trigram index.
    const pattern = bind('pattern', containsPattern(filter.search));
    conditions.push(sql`${products.searchText} like raktar_search_text(${pattern}::text)`);
  }
  return conditions;
}

/** Whether the product's SKU (in any case) or barcode is exactly `term`: such a product comes first. */
export function exactMatch(term: SQL): SQL<boolean> {
  return sql<boolean>`(lower(${products.sku}) = lower(${term}::text) or ${products.barcode} is not distinct from ${term}::text)`;
}

/**
 * The page statement of one shape: which filters it has, its order and whether it searches. Its
 * text is built once per shape and each request only gives its values; it runs unnamed, planned
 * for each term (see `preparedStatement`). Building it with the query builder and mapping its
 * rows through it took a quarter of the API's time on a search.
 */
function pageStatement(shape: PageShape, shown: Record<string, AnyColumn>, onHand: SQL) {
  const p = sql.placeholder;
  const where = [sql`true`, ...filterConditions(shape, (name) => sql`${p(name)}`)];
  const [by, direction] = shape.sort.split('_') as [keyof typeof SORT_COLUMNS, 'asc' | 'desc'];
  const column = sql.raw(`${SORT_COLUMNS[by]} ${direction}`);
  const exact = shape.search ? exactMatch(sql`${p('term')}`) : sql`false`;
  const exactFirst = shape.search ? sql`exact desc, ` : sql``;
  const columns = sql.join(
    Object.entries(shown).map(([name, c]) => sql`${c} as ${sql.identifier(name)}`),
    sql`, `,
  );
  return preparedStatement<Raw, Values>(
    () => sql`with hits as (
        select id, name, sku, created_at, ${exact} as exact from ${products}
        where ${sql.join(where, sql` and `)}
        limit ${p('upTo')}::int
      ), page_ids as (
        select id, exact from hits order by ${exactFirst}${column}, id asc
        limit ${p('pageSize')}::int offset ${p('offset')}::int
      )
      select ${columns}, ${categories.name} as category_name, (${onHand})::float8 as on_hand,
        (select count(*) from hits)::int as matches
      from page_ids join ${products} on ${products.id} = page_ids.id
        left join ${categories} on ${categories.id} = ${products.categoryId}
      order by ${shape.search ? sql`page_ids.exact desc, ` : sql``}${products}.${column}, ${products.id} asc`,
    { planEachRun: true },
  );
}

const statements = new Map<string, ReturnType<typeof pageStatement>>();

/**
 * One page of products in the list's order (an exact SKU or barcode first when searching), each
 * with how many match, counted up to `upTo`: one statement. `shown` and `onHand` are the same at
 * every call (the statement of a shape is built from the first).
 */
export async function readProductPage<Product>(
  db: DbOrTx,
  shape: PageShape,
  page: { pageSize: number; offset: number; upTo: number },
  shown: Record<string, AnyColumn>,
  onHand: SQL,
): Promise<PageRow<Product>[]> {
  const term = shape.search?.trim() || undefined;
  const filter = { ...shape, search: term };
  // The values the filter's placeholders take, named by the same function that writes them.
  const values: Values = { term, upTo: page.upTo, pageSize: page.pageSize, offset: page.offset };
  filterConditions(filter, (name, value) => {
    values[name] = value;
    return sql``;
  });
  const key = `${Object.keys(values).join(',')} ${shape.sort}`;
  let statement = statements.get(key);
  if (!statement) {
    statement = pageStatement(filter, shown, onHand);
    statements.set(key, statement);
  }
  const raw = await statement(db, values);
  // Each row's columns mapped as the query builder would.
  return raw.map((row) => {
    const product: Raw = {};
    for (const [name, column] of Object.entries(shown)) {
      const value = row[name];
      product[name] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return {
      product: product as Product,
      categoryName: (row.category_name as string | null) ?? null,
      onHand: row.on_hand as number,
      matches: row.matches as number,
    };
  });
}

/** What changes which products a page holds, in what order, and what it shows of them. */
const PRODUCT_CHANGES: ReferenceChange[] = [
  'products:insert',
  'products:update',
  'products:delete',
  'products:truncate',
];

let stockStatement: ReturnType<typeof preparedStatement<Raw, Values>> | undefined;

/**
 * The on-hand stock of the products of a page found before, under `mark`, as it is now; or
 * `undefined` when a transaction that the mark's snapshot could not see has changed products since
 * (`changedSince`), so the page's rows, names and order may no longer hold. The check and the
 * stock are one statement, so they see the same state.
 */
export async function stockOfRememberedPage(
  db: DbOrTx,
  page: { ids: string[]; mark: string },
  onHand: SQL,
): Promise<Map<string, number> | undefined> {
  const p = sql.placeholder;
  stockStatement ??= preparedStatement<Raw, Values>(
    () => sql`with since as (select ${changedSince(PRODUCT_CHANGES, sql`${p('mark')}`)} as stale)
      select since.stale, found.id, found.on_hand from since left join lateral (
        select ${products.id} as id, (${onHand})::float8 as on_hand from ${products}
        where ${products.id} = any(${p('ids')}::uuid[])
      ) found on not since.stale`,
  );
  const raw = await stockStatement(db, { mark: page.mark, ids: page.ids });
  if (raw[0]?.stale !== false) return undefined;
  return new Map(raw.filter((row) => row.id != null).map((row) => [row.id as string, row.on_hand as number]));
}
