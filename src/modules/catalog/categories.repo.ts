import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import { updateVersioned } from '../../db/versioned.js';
import type { AppError } from '../../platform/errors.js';
import { categories, products } from './catalog.tables.js';

export type CategoryRow = typeof categories.$inferSelect;
export type NewCategory = typeof categories.$inferInsert;

/** Every category, by name. */
export function listCategories(db: DbOrTx): Promise<CategoryRow[]> {
  return db.select().from(categories).orderBy(asc(categories.name));
}

export async function findCategory(db: DbOrTx, id: string, lock = false): Promise<CategoryRow | undefined> {
  const query = db.select().from(categories).where(eq(categories.id, id));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

/** The id of the category with this name, whatever its case. */
export async function categoryIdByName(db: DbOrTx, name: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(sql`lower(${categories.name}) = lower(${name})`);
  return row?.id;
}

export async function insertCategory(db: DbOrTx, values: NewCategory): Promise<CategoryRow> {
  const [row] = await db.insert(categories).values(values).returning();
  return row as CategoryRow;
}

/** Inserts the category unless one with its name exists; undefined when it did. */
export async function insertCategoryIfNew(db: DbOrTx, values: NewCategory): Promise<CategoryRow | undefined> {
  const [row] = await db.insert(categories).values(values).onConflictDoNothing().returning();
  return row;
}

/**
 * Applies `changes` to the locked category (see `updateVersioned`): 412 when `expectedVersion`
 * is stale, `notFound` when there is no such category.
 */
export function updateCategory(
  db: DbOrTx,
  id: string,
  expectedVersion: number | undefined,
  changes: Partial<NewCategory>,
  notFound: () => AppError,
) {
  return updateVersioned(db, categories, id, expectedVersion, changes, notFound);
}

export async function deleteCategory(db: DbOrTx, id: string): Promise<void> {
  await db.delete(categories).where(eq(categories.id, id));
}

/** Waits for, then holds until the transaction ends, the one lock every tree edit takes. */
export async function lockCategoryTree(db: DbOrTx): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(7261344002)`);
}

/** True when `ancestorId` lies above `categoryId` in the tree (its parent, or further up). */
export async function isAncestor(db: DbOrTx, ancestorId: string, categoryId: string): Promise<boolean> {
  const found = await rows<{ hit: number }>(
    db,
    sql`
      with recursive ancestors(id) as (
        select parent_id from categories where id = ${categoryId}
        union
        select c.parent_id from categories c join ancestors a on c.id = a.id
      )
      select 1 as hit from ancestors where id = ${ancestorId} limit 1`,
  );
  return found.length > 0;
}

/** True when any product, active or not, is in the category. */
export async function hasProducts(db: DbOrTx, categoryId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(eq(products.categoryId, categoryId))
    .limit(1);
  return row !== undefined;
}

export async function hasSubcategories(db: DbOrTx, categoryId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(eq(categories.parentId, categoryId))
    .limit(1);
  return row !== undefined;
}
