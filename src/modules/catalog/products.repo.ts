import {
  type AnyColumn,
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  inArray,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import { updateVersioned } from '../../db/versioned.js';
import type { AppError } from '../../platform/errors.js';
import { EXACT_TOTAL_UP_TO, type PageRequest, SEARCH_EXACT_TOTAL_UP_TO } from '../../platform/pagination.js';
import { categories, lots, products } from './catalog.tables.js';
import { exactMatch, filterConditions, type PageShape, readProductPage } from './product-page.repo.js';
import type { ProductStock } from './product-stock.js';

export type ProductRow = typeof products.$inferSelect;
/** A product as lists and reads select it: every column but the search text. */
export type ShownProductRow = Omit<ProductRow, 'searchText'>;
export type NewProduct = typeof products.$inferInsert;

export interface ProductFilter {
  search?: string;
  createdFrom?: Date;
  createdTo?: Date;
  categoryId?: string;
  isActive?: boolean;
}

/** The on-hand total of each selected product, as `stock` computes it (the `onHand` of the reads below). */
export function onHandOfProduct(stock: Pick<ProductStock, 'onHandSql'>): SQL<number> {
  return stock.onHandSql(sql`${products.id}`);
}

/** The product's columns but its search text, which only the search reads (several KB a page). */
const { searchText: _, ...shownColumns } = getTableColumns(products);

/** Product columns plus the category name and the on-hand total. */
export function productSelection(onHand: SQL<number>) {
  return {
    product: shownColumns,
    categoryName: categories.name,
    onHand: sql<number>`(${onHand})::float8`.as('on_hand'),
  };
}

/** All of the filter's conditions, its values inline. */
export function filterWhere(filter: ProductFilter): SQL | undefined {
  return and(...filterConditions(filter, (_, value) => sql`${value}`));
}

/**
 * How many products match: exact up to `exactUpTo` (counting stops there), the planner's
 * estimate beyond, flagged. A search for "a" need not count 100,000 rows to say "many".
 */
async function matchCount(
  db: DbOrTx,
  where: SQL | undefined,
  exactUpTo: number,
): Promise<{ total: number; estimated: boolean }> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from ${products} ${where ? sql`where ${where}` : sql``} limit ${exactUpTo + 1}) m`,
  );
  const n = row?.n ?? 0;
  return n <= exactUpTo ? { total: n, estimated: false } : estimatedCount(db, where, exactUpTo);
}

/** The planner's estimate of the matches, for more than `exactUpTo` of them. */
async function estimatedCount(
  db: DbOrTx,
  where: SQL | undefined,
  exactUpTo: number,
): Promise<{ total: number; estimated: true }> {
  const [plan] = await rows<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    db,
    sql`explain (format json) select 1 from ${products} ${where ? sql`where ${where}` : sql``}`,
  );
  const estimate = Math.round(plan?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
  return { total: Math.max(exactUpTo + 1, estimate), estimated: true };
}

/** The sort keys a list orders by, over any relation with the product's columns. */
type SortColumns = Record<'name' | 'sku' | 'createdAt', AnyColumn | SQLWrapper>;

function orderOf(sort: string, c: SortColumns): SQL | undefined {
  return {
    name_asc: asc(c.name),
    name_desc: desc(c.name),
    sku_asc: asc(c.sku),
    sku_desc: desc(c.sku),
    created_asc: asc(c.createdAt),
    created_desc: desc(c.createdAt),
  }[sort];
}

/**
 * One page of products and how many match. Matches are found once, at most EXACT_TOTAL_UP_TO + 1
 * of them (SEARCH_EXACT_TOTAL_UP_TO + 1 for a search: finding its matches costs a trigram scan
 * that a second read of the page would pay again). When that is all there is, the page and its
 * exact total come from those in one statement; beyond, the page is read on its own and the
 * total estimated. On-hand is computed for the page's rows alone; an exact SKU or barcode comes
 * first.
 */
export async function listProducts(
  db: DbOrTx,
  filter: ProductFilter,
  sort: string,
  page: PageRequest,
  onHand: SQL<number>,
) {
  const where = filterWhere(filter);
  const selection = productSelection(onHand);
  const term = filter.search?.trim();
  const exactUpTo = term ? SEARCH_EXACT_TOTAL_UP_TO : EXACT_TOTAL_UP_TO;
  const exact = term ? exactMatch(sql`${term}`) : sql<boolean>`false`;
  const exactFirst = term ? [desc(exact)] : [];
  const byStock = sort === 'stock_asc' || sort === 'stock_desc';
  const orderBy = byStock
    ? sort === 'stock_asc'
      ? asc(sql`on_hand`)
      : desc(sql`on_hand`)
    : (orderOf(sort, products) as SQL);

  if (!byStock) {
    const found = await readProductPage<ShownProductRow>(
      db,
      { ...filter, sort: sort as PageShape['sort'] },
      { upTo: exactUpTo + 1, pageSize: page.pageSize, offset: page.offset },
      shownColumns,
      onHand,
    );
    const matches = found[0]?.matches;
    if (matches !== undefined && matches <= exactUpTo) {
      return { rows: found, total: matches, estimated: false };
    }
    // A page past the first exactUpTo + 1 matches: past the end, or deep in many.
    if (found.length === 0) {
      const count = await matchCount(db, where, exactUpTo);
      if (!count.estimated) return { rows: found, ...count };
    }
  }
  // More than exactUpTo match (the page above found so): they are not counted again.
  const counted = byStock ? matchCount(db, where, exactUpTo) : estimatedCount(db, where, exactUpTo);
  const [found, count] = await Promise.all([
    db
      .select(selection)
      .from(products)
      .leftJoin(categories, eq(categories.id, products.categoryId))
      .where(where)
      .orderBy(...exactFirst, orderBy, asc(products.id))
      .limit(page.pageSize)
      .offset(page.offset),
    counted,
  ]);
  return { rows: found, ...count };
}

/**
 * Every product the filter matches, in the list's order (an exact SKU or barcode first), with
 * its category and on-hand total: a query to stream, not to run at once.
 */
export function productsExportQuery(filter: ProductFilter, sort: string, onHand: SQL<number>): SQL {
  const where = filterWhere(filter);
  const term = filter.search?.trim();
  const exactFirst = term
    ? sql`(lower(${products.sku}) = lower(${term}) or ${products.barcode} is not distinct from ${term}) desc, `
    : sql``;
  const order =
    sort === 'stock_asc'
      ? sql`on_hand asc`
      : sort === 'stock_desc'
        ? sql`on_hand desc`
        : orderOf(sort, products);
  return sql`select ${products.sku} as sku, ${products.name} as name, ${categories.name} as category,
      ${products.unitCode} as unit_of_measure, ${products.unitPrice} as unit_price, ${products.barcode} as barcode,
      ${products.tracking} as tracking, ${products.shelfLifeDays} as shelf_life_days,
      ${products.reorderPoint} as reorder_point, (${onHand}) as on_hand, ${products.isActive} as is_active,
      ${products.createdAt} as created_at, ${products.updatedAt} as updated_at, ${products.id} as id
    from ${products} left join ${categories} on ${categories.id} = ${products.categoryId}
    ${where ? sql`where ${where}` : sql``}
    order by ${exactFirst}${order}, ${products.id}`;
}

export async function findProduct(db: DbOrTx, id: string, onHand: SQL<number>) {
  const [row] = await db
    .select(productSelection(onHand))
    .from(products)
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(products.id, id));
  return row;
}

export async function productsByIds(db: DbOrTx, ids: string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(products).where(inArray(products.id, ids));
}

export async function productsBySkus(db: DbOrTx, skus: string[]): Promise<ProductRow[]> {
  if (skus.length === 0) return [];
  return db
    .select()
    .from(products)
    .where(
      inArray(
        sql`lower(${products.sku})`,
        skus.map((sku) => sku.trim().toLowerCase()),
      ),
    );
}

/** The product row alone, active or not. */
export async function productById(db: DbOrTx, id: string): Promise<ProductRow | undefined> {
  const [row] = await db.select().from(products).where(eq(products.id, id));
  return row;
}

/** The product with this SKU, whatever its case. */
export async function productBySku(db: DbOrTx, sku: string): Promise<ProductRow | undefined> {
  const [row] = await db.select().from(products).where(sql`lower(${products.sku}) = lower(${sku})`);
  return row;
}

export async function insertProduct(db: DbOrTx, values: NewProduct): Promise<ProductRow> {
  const [row] = await db.insert(products).values(values).returning();
  return row as ProductRow;
}

/**
 * Applies `changes` to the locked product (see `updateVersioned`): 412 when `expectedVersion`
 * is stale, `notFound` when there is no such product.
 */
export function updateProduct(
  db: DbOrTx,
  id: string,
  expectedVersion: number | undefined,
  changes: Partial<NewProduct>,
  notFound: () => AppError,
) {
  return updateVersioned(db, products, id, expectedVersion, changes, notFound);
}

/** The product's tracking (`none`, `lot`, …), or undefined when there is no such product. */
export async function productTracking(db: DbOrTx, id: string): Promise<string | undefined> {
  const [row] = await db.select({ tracking: products.tracking }).from(products).where(eq(products.id, id));
  return row?.tracking;
}

/** True when the product has at least one lot. */
export async function hasLots(db: DbOrTx, productId: string): Promise<boolean> {
  const [row] = await db.select({ id: lots.id }).from(lots).where(eq(lots.productId, productId)).limit(1);
  return row !== undefined;
}
