import { and, asc, desc, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { categories, products } from './catalog.tables.js';
import { exactMatch } from './product-page.repo.js';
import { filterWhere, type ProductFilter, productSelection } from './products.repo.js';

/** The orders a keyset page follows: each a column with an index, then the id. */
export type KeysetSort = `${'name' | 'sku' | 'created'}_${'asc' | 'desc'}`;

/** Every list order but by stock, which every posting changes under a cursor. */
export function isKeysetSort(sort: string): sort is KeysetSort {
  return /^(name|sku|created)_(asc|desc)$/.test(sort);
}

/**
 * Where the last row of a page stood in its order: whether it was an exact SKU or barcode match
 * (those come first), its sort value (a creation time as microseconds since 1970, exact where a
 * `Date` is not) and its id.
 */
export interface ProductPosition {
  exact: boolean;
  key: string;
  id: string;
}

const COLUMNS = { name: products.name, sku: products.sku, created: products.createdAt } as const;

/**
 * Up to `limit` products after `after` (from the first without it) in the list's order, each
 * with the position a next page starts from. The position is a range on the order's own index
 * (`col >= v`, the rest of the tie by id), so a deep page costs what the first does.
 */
export function productsAfter(
  db: DbOrTx,
  filter: ProductFilter,
  sort: KeysetSort,
  after: ProductPosition | undefined,
  limit: number,
  onHand: SQL<number>,
) {
  const [by, direction] = sort.split('_') as [keyof typeof COLUMNS, 'asc' | 'desc'];
  const column = COLUMNS[by];
  const term = filter.search?.trim() || undefined;
  const exact = term ? exactMatch(sql`${term}`) : sql<boolean>`false`;
  const key =
    by === 'created' ? sql<string>`(extract(epoch from ${column}) * 1000000)::bigint::text` : column;
  return db
    .select({ ...productSelection(onHand), exact: sql<boolean>`${exact}`, key: sql<string>`${key}` })
    .from(products)
    .leftJoin(categories, sql`${categories.id} = ${products.categoryId}`)
    .where(
      and(
        filterWhere(filter),
        after && pastPosition(after, column, by === 'created', direction, term ? exact : undefined),
      ),
    )
    .orderBy(
      ...(term ? [desc(exact)] : []),
      direction === 'asc' ? asc(column) : desc(column),
      asc(products.id),
    )
    .limit(limit);
}

/** The rows after `at` in the order (exact matches first when `exact` is given, then column, then id). */
function pastPosition(
  at: ProductPosition,
  column: (typeof COLUMNS)[keyof typeof COLUMNS],
  isTime: boolean,
  direction: 'asc' | 'desc',
  exact: SQL<boolean> | undefined,
): SQL {
  const value = isTime
    ? sql`(timestamptz 'epoch' + ${at.key}::bigint * interval '1 microsecond')`
    : sql`${at.key}::text`;
  const past =
    direction === 'asc'
      ? sql`(${column} >= ${value} and (${column} > ${value} or ${products.id} > ${at.id}::uuid))`
      : sql`(${column} <= ${value} and (${column} < ${value} or ${products.id} > ${at.id}::uuid))`;
  if (!exact) return past;
  // Past an exact match: the exact ones after it, then every other. Past another: others after it.
  return at.exact ? sql`(not ${exact} or ${past})` : sql`(not ${exact} and ${past})`;
}
