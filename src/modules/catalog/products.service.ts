import type { SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { readsCommittedPrimary } from '../../db/request-transaction.js';
import { snapshotMark } from '../../db/snapshot-mark.js';
import { invalidFields } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/keyset-cursor.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RememberedPages } from '../../platform/remembered-pages.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { defineMessages } from '../../platform/translations.js';
import { UUID_PATTERN } from '../../platform/validation.js';
import { recordAudit } from '../audit/index.js';
import { isValidGtin } from './barcode.js';
import { CatalogErrors } from './catalog.errors.js';
import type { ProductChanges, ProductCreate } from './catalog.schemas.js';
import type { CategoriesService } from './categories.service.js';
import { isKeysetSort, type KeysetSort, type ProductPosition, productsAfter } from './product-keyset.repo.js';
import { stockOfRememberedPage } from './product-page.repo.js';
import type { ProductStock } from './product-stock.js';
import {
  findProduct,
  hasLots,
  insertProduct,
  listProducts,
  type NewProduct,
  onHandOfProduct,
  type ProductFilter,
  type ProductRow,
  productById,
  productBySku,
  productsExportQuery,
  productTracking,
  type ShownProductRow,
  updateProduct,
} from './products.repo.js';
import type { UnitsService } from './units.service.js';

/** A page of products as found: its rows (stock aside, which is read at each use), and how many matched. */
interface FoundPage {
  rows: Selected[];
  total: number;
  estimated: boolean;
}

const INVALID_BARCODE = defineMessages('reason.barcode.invalid', {
  en: 'is not a valid EAN/UPC/GTIN (length or check digit)',
  hu: 'érvénytelen vonalkód (hossz vagy ellenőrző számjegy)',
});

type Selected = { product: ShownProductRow; categoryName: string | null; onHand: number };

function toProductPublic({ product: p, categoryName, onHand }: Selected) {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    description: p.description,
    category_id: p.categoryId,
    category: categoryName,
    unit_of_measure: p.unitCode,
    unit_price: p.unitPrice,
    barcode: p.barcode,
    tracking: p.tracking,
    shelf_life_days: p.shelfLifeDays,
    reorder_point: p.reorderPoint,
    is_active: p.isActive,
    on_hand: Number(onHand ?? 0),
    version: p.version,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}
export type ProductPublic = ReturnType<typeof toProductPublic>;

function snapshot(p: ProductRow) {
  return {
    sku: p.sku,
    name: p.name,
    description: p.description,
    category_id: p.categoryId,
    unit_of_measure: p.unitCode,
    unit_price: p.unitPrice,
    barcode: p.barcode,
    tracking: p.tracking,
    shelf_life_days: p.shelfLifeDays,
    reorder_point: p.reorderPoint,
    is_active: p.isActive,
  };
}

function assertBarcode(barcode: string | null | undefined): void {
  if (barcode == null || isValidGtin(barcode)) return;
  throw invalidFields({
    field: 'barcode',
    messages: INVALID_BARCODE,
  });
}

/** The position a cursor of this list in `sort` carries; INVALID_CURSOR for anything else. */
function positionIn(cursor: string, sort: KeysetSort): ProductPosition {
  const [order, exact, key, id, ...rest] = decodeCursor(cursor) ?? [];
  const valid =
    order === sort &&
    typeof exact === 'boolean' &&
    typeof key === 'string' &&
    !key.includes('\u0000') &&
    // Microseconds since 1970 within what a timestamp holds (17 digits reach past the year 5000).
    (!sort.startsWith('created_') || /^-?\d{1,17}$/.test(key)) &&
    typeof id === 'string' &&
    UUID_PATTERN.test(id) &&
    rest.length === 0;
  if (!valid) throw CatalogErrors.invalidCursor();
  return { exact, key, id };
}

/** Active products only, unless the filter asks for inactive ones or for all. */
function activeUnlessAsked(filter: ProductFilter & { includeInactive?: boolean }): ProductFilter {
  return filter.isActive === undefined && !filter.includeInactive ? { ...filter, isActive: true } : filter;
}

/** Products (seeds 000 and 004): soft delete, optimistic concurrency, accent-insensitive search. */
export class ProductsService {
  constructor(
    private readonly db: Db,
    private readonly categories: CategoriesService,
    private readonly units: UnitsService,
    private readonly stock: ProductStock,
    private readonly pages: RememberedPages<FoundPage>,
  ) {}

  async list(filter: ProductFilter & { includeInactive?: boolean }, sort: string, page: PageRequest) {
    const { rows, total, estimated } = await this.pageOf(activeUnlessAsked(filter), sort, page);
    return { ...toPage(rows.map(toProductPublic), total, page), total_is_estimate: estimated };
  }

  /**
   * A page of the list: the page found before for the same request while no product has changed
   * since (a product change is what would change its rows, names or order), with its stock read
   * afresh; else found now and remembered. Not remembered: an order by stock, which every posting
   * changes, and reads that could see uncommitted writes (inside a request's transaction) or a
   * replica's state.
   */
  private async pageOf(filter: ProductFilter, sort: string, page: PageRequest) {
    const onHand = onHandOfProduct(this.stock);
    if (!this.pages.enabled || sort.startsWith('stock_') || !readsCommittedPrimary()) {
      return listProducts(this.db, filter, sort, page, onHand);
    }
    const key = this.pages.key({ filter, sort, page });
    const remembered = this.pages.get(key);
    if (remembered) {
      const { rows, total, estimated } = remembered.value;
      const ids = rows.map((row) => row.product.id);
      const stock = await stockOfRememberedPage(this.db, { ids, mark: remembered.mark }, onHand);
      if (stock) {
        const now = rows.flatMap((row) => {
          const held = stock.get(row.product.id);
          return held === undefined ? [] : [{ ...row, onHand: held }];
        });
        return { rows: now, total, estimated };
      }
      this.pages.forget(key);
    }
    // Taken before the page is read: a change committed in between makes the entry stale, never missed.
    const mark = await snapshotMark(this.db);
    const found = await listProducts(this.db, filter, sort, page, onHand);
    this.pages.set(key, found, mark);
    return found;
  }

  /**
   * A page by keyset: `cursor` is `first` or the next_cursor of the page before, which carries the
   * last row's place in the order (not its id alone: the row may have been renamed since).
   */
  async listAfter(
    filter: ProductFilter & { includeInactive?: boolean },
    sort: string,
    cursor: string,
    pageSize: number,
  ) {
    if (!isKeysetSort(sort)) throw CatalogErrors.cursorWithStockOrder();
    const after = cursor === 'first' ? undefined : positionIn(cursor, sort);
    const onHand = onHandOfProduct(this.stock);
    const found = await productsAfter(this.db, activeUnlessAsked(filter), sort, after, pageSize + 1, onHand);
    const page = found.slice(0, pageSize);
    const last = page.at(-1);
    return {
      items: page.map(toProductPublic),
      next_cursor:
        found.length > pageSize && last ? encodeCursor([sort, last.exact, last.key, last.product.id]) : null,
    };
  }

  /** Every product the list would show, in its order: the query an export streams. */
  exportQuery(filter: ProductFilter & { includeInactive?: boolean }, sort: string): SQL {
    return productsExportQuery(activeUnlessAsked(filter), sort, onHandOfProduct(this.stock));
  }

  private async selected(db: DbOrTx, id: string): Promise<Selected> {
    const row = await findProduct(db, id, onHandOfProduct(this.stock));
    if (!row) throw CatalogErrors.productNotFound();
    return row;
  }

  /** The product with its stock per warehouse (seed 004). */
  async get(id: string) {
    const row = await this.selected(this.db, id);
    return { ...toProductPublic(row), stock: await this.stock.distribution(id) };
  }

  /** A product, active or not (stock of a deleted product can still leave). */
  async requireExisting(db: DbOrTx, id: string): Promise<ProductRow> {
    const row = await productById(db, id);
    if (!row) throw CatalogErrors.productNotFound();
    return row;
  }

  /** An active product by SKU (orders from seed 003's clients name `material_code`). */
  async requireActiveBySku(db: DbOrTx, sku: string): Promise<ProductRow> {
    const row = await productBySku(db, sku.trim());
    if (!row) throw CatalogErrors.productNotFound();
    if (!row.isActive) throw CatalogErrors.productInactive({ sku: row.sku });
    return row;
  }

  /** An active product, for documents about to post stock of it. */
  async requireActive(db: DbOrTx, id: string): Promise<ProductRow> {
    const product = await this.requireExisting(db, id);
    if (!product.isActive) throw CatalogErrors.productInactive({ sku: product.sku });
    return product;
  }

  private async columns(tx: DbOrTx, ctx: RequestCtx, input: ProductChanges) {
    assertBarcode(input.barcode);
    const categoryId =
      input.category_id !== undefined
        ? await this.categories.requireId(tx, input.category_id)
        : input.category !== undefined
          ? await this.categories.idForName(tx, ctx, input.category)
          : undefined;
    const out: Partial<NewProduct> = {
      sku: input.sku?.trim(),
      name: input.name?.trim(),
      description: input.description,
      categoryId,
      unitCode:
        input.unit_of_measure === undefined
          ? undefined
          : await this.units.resolveCode(tx, input.unit_of_measure),
      unitPrice: input.unit_price,
      barcode: input.barcode,
      tracking: input.tracking,
      shelfLifeDays: input.shelf_life_days,
      reorderPoint: input.reorder_point,
      isActive: input.is_active,
    };
    return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as typeof out;
  }

  private rethrow(error: unknown, input: ProductChanges): never {
    if (isUniqueViolation(error, 'products_sku_key'))
      throw CatalogErrors.skuTaken({ sku: input.sku?.trim() ?? '' });
    if (isUniqueViolation(error, 'products_barcode_key'))
      throw CatalogErrors.barcodeTaken({ barcode: input.barcode ?? '' });
    throw error;
  }

  async create(ctx: RequestCtx, input: ProductCreate) {
    try {
      return await this.db.transaction(async (tx) => {
        const values = await this.columns(tx, ctx, input);
        const created = await insertProduct(tx, values as NewProduct);
        await recordAudit(tx, ctx, {
          action: 'product.create',
          entityType: 'product',
          entityId: created.id,
          after: snapshot(created),
        });
        return toProductPublic(await this.selected(tx, created.id));
      });
    } catch (error) {
      this.rethrow(error, input);
    }
  }

  /** PUT and PATCH alike take only the fields to change (seed 004's clients PUT partial bodies). */
  async update(
    ctx: RequestCtx,
    id: string,
    input: ProductChanges,
    expectedVersion?: number,
    action = 'product.update',
  ) {
    try {
      return await this.db.transaction(async (tx) => {
        const changes = await this.columns(tx, ctx, input);
        if (changes.tracking !== undefined) await this.assertTrackingChangeable(tx, id, changes.tracking);
        const { before, after } = await updateProduct(
          tx,
          id,
          expectedVersion,
          changes,
          CatalogErrors.productNotFound,
        );
        await recordAudit(tx, ctx, {
          action,
          entityType: 'product',
          entityId: id,
          before: snapshot(before),
          after: snapshot(after),
        });
        return toProductPublic(await this.selected(tx, id));
      });
    } catch (error) {
      this.rethrow(error, input);
    }
  }

  /** Soft delete: gone from lists, no new stock, history and SKU kept. */
  remove(ctx: RequestCtx, id: string) {
    return this.update(ctx, id, { is_active: false }, undefined, 'product.delete');
  }

  restore(ctx: RequestCtx, id: string) {
    return this.update(ctx, id, { is_active: true }, undefined, 'product.restore');
  }

  private async assertTrackingChangeable(tx: DbOrTx, id: string, tracking: string): Promise<void> {
    const current = await productTracking(tx, id);
    if (current === undefined || current === tracking) return;
    if (await hasLots(tx, id)) throw CatalogErrors.trackingLocked();
  }
}
