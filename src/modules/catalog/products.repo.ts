import { and, asc, count, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { containsPattern, matchesSearch } from '../../db/search.js';
import { updateVersioned } from '../../db/versioned.js';
import type { AppError } from '../../platform/errors.js';
import type { PageRequest } from '../../platform/pagination.js';
import { categories, lots, products } from './catalog.tables.js';
import type { ProductStock } from './product-stock.js';

export type ProductRow = typeof products.$inferSelect;
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

/** Product columns plus the category name and the on-hand total. */
export function productSelection(onHand: SQL<number>) {
  return {
    product: products,
    categoryName: categories.name,
    onHand: sql<number>`(${onHand})::float8`.as('on_hand'),
  };
}

function filterWhere(filter: ProductFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filter.isActive !== undefined) conditions.push(eq(products.isActive, filter.isActive));
  if (filter.categoryId) conditions.push(eq(products.categoryId, filter.categoryId));
  if (filter.createdFrom) conditions.push(gte(products.createdAt, filter.createdFrom));
  if (filter.createdTo) conditions.push(lte(products.createdAt, filter.createdTo));
  if (filter.search) {
    // Same expression as products_search_idx, so the trigram index serves it.
    const text = sql`${products.name} || ' ' || ${products.sku} || ' ' || ${products.description}`;
    // `= any(array(…))` is evaluated once and can use products_category_idx, so the OR stays
    // an index union instead of a scan of every product.
    const inCategory = sql`${products.categoryId} = any(array(select c.id from categories c where raktar_search_text(c.name) like raktar_search_text(${containsPattern(filter.search)})))`;
    // A scanned barcode finds its product exactly (products_barcode_key serves it).
    const barcode = eq(products.barcode, filter.search.trim());
    conditions.push(or(matchesSearch(text, filter.search), inCategory, barcode));
  }
  return and(...conditions);
}

export async function listProducts(
  db: DbOrTx,
  filter: ProductFilter,
  sort: string,
  page: PageRequest,
  onHand: SQL<number>,
) {
  const where = filterWhere(filter);
  const selection = productSelection(onHand);
  const orderBy = {
    name_asc: asc(products.name),
    name_desc: desc(products.name),
    sku_asc: asc(products.sku),
    sku_desc: desc(products.sku),
    stock_asc: asc(sql`on_hand`),
    stock_desc: desc(sql`on_hand`),
    created_asc: asc(products.createdAt),
    created_desc: desc(products.createdAt),
  }[sort] as SQL;
  const [rows, [total]] = await Promise.all([
    db
      .select(selection)
      .from(products)
      .leftJoin(categories, eq(categories.id, products.categoryId))
      .where(where)
      .orderBy(orderBy, asc(products.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(products).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
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
