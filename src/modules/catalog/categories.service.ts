import { asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { getOrThrow, updateVersioned } from '../../db/versioned.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import { CatalogErrors } from './catalog.errors.js';
import { categories, products } from './catalog.tables.js';

type CategoryRow = typeof categories.$inferSelect;

function toCategoryPublic(row: CategoryRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    parent_id: row.parentId,
    version: row.version,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

function snapshot(row: CategoryRow) {
  return { name: row.name, description: row.description, parent_id: row.parentId };
}

/** Product categories: a tree (parent links, no cycles); names unique regardless of case. */
export class CategoriesService {
  constructor(private readonly db: Db) {}

  async list() {
    const rows = await this.db.select().from(categories).orderBy(asc(categories.name));
    return rows.map(toCategoryPublic);
  }

  async get(id: string) {
    return toCategoryPublic(await getOrThrow(this.db, categories, id, CatalogErrors.categoryNotFound));
  }

  /** Checks that a category id exists (null clears the category). */
  async requireId(db: DbOrTx, id: string | null): Promise<string | null> {
    if (id === null) return null;
    await getOrThrow(db, categories, id, CatalogErrors.categoryNotFound);
    return id;
  }

  /** The category with this name, created when new (seed 004's clients send a name, not an id). */
  async idForName(db: DbOrTx, ctx: RequestCtx, name: string): Promise<string> {
    const trimmed = name.trim();
    const [created] = await db.insert(categories).values({ name: trimmed }).onConflictDoNothing().returning();
    if (created) {
      await recordAudit(db, ctx, {
        action: 'category.create',
        entityType: 'category',
        entityId: created.id,
        after: snapshot(created),
      });
      return created.id;
    }
    const [existing] = await db
      .select({ id: categories.id })
      .from(categories)
      .where(sql`lower(${categories.name}) = lower(${trimmed})`);
    if (!existing) throw CatalogErrors.categoryNotFound();
    return existing.id;
  }

  /** Refuses a parent that is the category itself or lies below it. */
  private async assertNoCycle(db: DbOrTx, id: string, parentId: string | null): Promise<void> {
    if (parentId === null) return;
    if (parentId === id) throw CatalogErrors.categoryCycle();
    const { rows } = (await db.execute(sql`
      with recursive ancestors(id) as (
        select parent_id from categories where id = ${parentId}
        union
        select c.parent_id from categories c join ancestors a on c.id = a.id
      )
      select 1 as hit from ancestors where id = ${id} limit 1`)) as unknown as { rows: unknown[] };
    if (rows.length > 0) throw CatalogErrors.categoryCycle();
  }

  async create(ctx: RequestCtx, input: { name: string; description?: string; parent_id?: string | null }) {
    try {
      return await this.db.transaction(async (tx) => {
        const parentId = await this.requireId(tx, input.parent_id ?? null);
        const [row] = await tx
          .insert(categories)
          .values({ name: input.name.trim(), description: input.description ?? '', parentId })
          .returning();
        const created = row as CategoryRow;
        await recordAudit(tx, ctx, {
          action: 'category.create',
          entityType: 'category',
          entityId: created.id,
          after: snapshot(created),
        });
        return toCategoryPublic(created);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'categories_name_key'))
        throw CatalogErrors.categoryTaken({ name: input.name.trim() });
      throw error;
    }
  }

  async update(
    ctx: RequestCtx,
    id: string,
    input: { name?: string; description?: string; parent_id?: string | null },
    expectedVersion?: number,
  ) {
    try {
      return await this.db.transaction(async (tx) => {
        // Serialize tree edits: two concurrent moves could otherwise close a cycle between them.
        await tx.execute(sql`select pg_advisory_xact_lock(7261344002)`);
        if (input.parent_id !== undefined) {
          await this.requireId(tx, input.parent_id);
          await this.assertNoCycle(tx, id, input.parent_id);
        }
        const { before, after } = await updateVersioned(
          tx,
          categories,
          id,
          expectedVersion,
          {
            ...(input.name !== undefined ? { name: input.name.trim() } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.parent_id !== undefined ? { parentId: input.parent_id } : {}),
          },
          CatalogErrors.categoryNotFound,
        );
        await recordAudit(tx, ctx, {
          action: 'category.update',
          entityType: 'category',
          entityId: id,
          before: snapshot(before),
          after: snapshot(after),
        });
        return toCategoryPublic(after);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'categories_name_key'))
        throw CatalogErrors.categoryTaken({ name: input.name?.trim() ?? '' });
      throw error;
    }
  }

  /** Deletes a category with no products (active or not) and no subcategories. */
  async remove(ctx: RequestCtx, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await getOrThrow(tx, categories, id, CatalogErrors.categoryNotFound, true);
      const [product] = await tx
        .select({ id: products.id })
        .from(products)
        .where(eq(products.categoryId, id))
        .limit(1);
      const [child] = await tx
        .select({ id: categories.id })
        .from(categories)
        .where(eq(categories.parentId, id))
        .limit(1);
      if (product || child) throw CatalogErrors.categoryInUse();
      await tx.delete(categories).where(eq(categories.id, id));
      await recordAudit(tx, ctx, {
        action: 'category.delete',
        entityType: 'category',
        entityId: id,
        before: snapshot(row),
      });
    });
  }
}
