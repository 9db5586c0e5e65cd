import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { containsPattern } from '../../db/search.js';
import type { PageRequest } from '../../platform/pagination.js';
import { lots, products } from './catalog.tables.js';
import type { ProductRow } from './products.repo.js';

export type LotRow = typeof lots.$inferSelect;

export async function productById(db: DbOrTx, id: string): Promise<ProductRow | undefined> {
  const [row] = await db.select().from(products).where(eq(products.id, id));
  return row;
}

export async function productExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: products.id }).from(products).where(eq(products.id, id));
  return row !== undefined;
}

/** A page of a product's lots, soonest expiry first (no expiry last), and the count of all that match. */
export async function listLots(db: DbOrTx, productId: string, search: string | undefined, page: PageRequest) {
  const conditions: SQL[] = [eq(lots.productId, productId)];
  if (search) conditions.push(sql`lower(${lots.lotNumber}) like lower(${containsPattern(search)})`);
  const where = and(...conditions);
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(lots)
      .where(where)
      .orderBy(sql`${lots.expiryDate} asc nulls last`, asc(lots.lotNumber))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(lots).where(where),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}

export async function findLot(db: DbOrTx, id: string): Promise<LotRow | undefined> {
  const [row] = await db.select().from(lots).where(eq(lots.id, id));
  return row;
}

/** The lot with this id if it belongs to this product. */
export async function findProductLot(
  db: DbOrTx,
  productId: string,
  lotId: string,
): Promise<LotRow | undefined> {
  const [row] = await db
    .select()
    .from(lots)
    .where(and(eq(lots.id, lotId), eq(lots.productId, productId)));
  return row;
}

export async function insertLot(db: DbOrTx, values: typeof lots.$inferInsert): Promise<LotRow> {
  const [row] = await db.insert(lots).values(values).returning();
  return row as LotRow;
}
