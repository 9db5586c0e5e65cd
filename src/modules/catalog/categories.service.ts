import type { Db, DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import { CatalogErrors } from './catalog.errors.js';
import type { CategoryChanges, CategoryCreate } from './catalog.schemas.js';
import {
  type CategoryRow,
  categoryIdByName,
  deleteCategory,
  findCategory,
  hasProducts,
  hasSubcategories,
  insertCategory,
  insertCategoryIfNew,
  isAncestor,
  listCategories,
  lockCategoryTree,
  updateCategory,
} from './categories.repo.js';

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
    return (await listCategories(this.db)).map(toCategoryPublic);
  }

  async get(id: string) {
    const row = await findCategory(this.db, id);
    if (!row) throw CatalogErrors.categoryNotFound();
    return toCategoryPublic(row);
  }

  /** Checks that a category id exists (null clears the category). */
  async requireId(db: DbOrTx, id: string | null): Promise<string | null> {
    if (id === null) return null;
    if (!(await findCategory(db, id))) throw CatalogErrors.categoryNotFound();
    return id;
  }

  /** The category with this name, created when new (seed 004's clients send a name, not an id). */
  async idForName(db: DbOrTx, ctx: RequestCtx, name: string): Promise<string> {
    const trimmed = name.trim();
    const created = await insertCategoryIfNew(db, { name: trimmed });
    if (created) {
      await recordAudit(db, ctx, {
        action: 'category.create',
        entityType: 'category',
        entityId: created.id,
        after: snapshot(created),
      });
      return created.id;
    }
    const existing = await categoryIdByName(db, trimmed);
    if (!existing) throw CatalogErrors.categoryNotFound();
    return existing;
  }

  /** Refuses a parent that is the category itself or lies below it. */
  private async assertNoCycle(db: DbOrTx, id: string, parentId: string | null): Promise<void> {
    if (parentId === null) return;
    if (parentId === id) throw CatalogErrors.categoryCycle();
    if (await isAncestor(db, id, parentId)) throw CatalogErrors.categoryCycle();
  }

  async create(ctx: RequestCtx, input: CategoryCreate) {
    try {
      return await this.db.transaction(async (tx) => {
        const parentId = await this.requireId(tx, input.parent_id ?? null);
        const created = await insertCategory(tx, {
          name: input.name.trim(),
          description: input.description ?? '',
          parentId,
        });
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

  async update(ctx: RequestCtx, id: string, input: CategoryChanges, expectedVersion?: number) {
    try {
      return await this.db.transaction(async (tx) => {
        // Serialize tree edits: two concurrent moves could otherwise close a cycle between them.
        await lockCategoryTree(tx);
        if (input.parent_id !== undefined) {
          await this.requireId(tx, input.parent_id);
          await this.assertNoCycle(tx, id, input.parent_id);
        }
        const { before, after } = await updateCategory(
          tx,
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
      const row = await findCategory(tx, id, true);
      if (!row) throw CatalogErrors.categoryNotFound();
      const product = await hasProducts(tx, id);
      const child = await hasSubcategories(tx, id);
      if (product || child) throw CatalogErrors.categoryInUse();
      await deleteCategory(tx, id);
      await recordAudit(tx, ctx, {
        action: 'category.delete',
        entityType: 'category',
        entityId: id,
        before: snapshot(row),
      });
    });
  }
}
