import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import { containsPattern } from '../../db/search.js';
import { invalidFields } from '../../platform/errors.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import { CatalogErrors } from './catalog.errors.js';
import { lots, products } from './catalog.tables.js';

export type LotRow = typeof lots.$inferSelect;

export function toLotPublic(row: LotRow) {
  return {
    id: row.id,
    product_id: row.productId,
    lot_number: row.lotNumber,
    expiry_date: row.expiryDate,
    manufactured_on: row.manufacturedOn,
    supplier_id: row.supplierId,
    notes: row.notes,
    created_at: row.createdAt.toISOString(),
  };
}

export interface LotInput {
  lot_number: string;
  expiry_date?: string | null;
  manufactured_on?: string | null;
  supplier_id?: string | null;
  notes?: string;
}

/** Lots (batches) of lot-tracked products: number unique per product, expiry for FEFO. */
export class LotsService {
  constructor(private readonly db: Db) {}

  private async lotTrackedProduct(db: DbOrTx, productId: string) {
    const [product] = await db.select().from(products).where(eq(products.id, productId));
    if (!product) throw CatalogErrors.productNotFound();
    if (product.tracking !== 'lot') throw CatalogErrors.notLotTracked({ sku: product.sku });
    return product;
  }

  async list(productId: string, search: string | undefined, page: PageRequest) {
    const [product] = await this.db
      .select({ id: products.id })
      .from(products)
      .where(eq(products.id, productId));
    if (!product) throw CatalogErrors.productNotFound();
    const conditions: SQL[] = [eq(lots.productId, productId)];
    if (search) conditions.push(sql`lower(${lots.lotNumber}) like lower(${containsPattern(search)})`);
    const where = and(...conditions);
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(lots)
        .where(where)
        .orderBy(sql`${lots.expiryDate} asc nulls last`, asc(lots.lotNumber))
        .limit(page.pageSize)
        .offset(page.offset),
      this.db.select({ n: count() }).from(lots).where(where),
    ]);
    return toPage(rows.map(toLotPublic), total?.n ?? 0, page);
  }

  async get(productId: string, lotId: string) {
    const [row] = await this.db
      .select()
      .from(lots)
      .where(and(eq(lots.id, lotId), eq(lots.productId, productId)));
    if (!row) throw CatalogErrors.lotNotFound();
    return toLotPublic(row);
  }

  private assertDates(input: LotInput): void {
    if (input.manufactured_on && input.expiry_date && input.manufactured_on > input.expiry_date) {
      throw invalidFields({
        field: 'expiry_date',
        messages: { en: 'must not be before manufactured_on', hu: 'nem lehet a gyártási dátum előtt' },
      });
    }
  }

  /** Inserts a lot inside the caller's transaction (receipts create lots as they arrive). */
  async createIn(tx: DbOrTx, ctx: RequestCtx, productId: string, input: LotInput): Promise<LotRow> {
    this.assertDates(input);
    await this.lotTrackedProduct(tx, productId);
    let row: LotRow | undefined;
    try {
      [row] = await tx
        .insert(lots)
        .values({
          productId,
          lotNumber: input.lot_number.trim(),
          expiryDate: input.expiry_date ?? null,
          manufacturedOn: input.manufactured_on ?? null,
          supplierId: input.supplier_id ?? null,
          notes: input.notes ?? '',
        })
        .returning();
    } catch (error) {
      if (isUniqueViolation(error, 'lots_product_number_key'))
        throw CatalogErrors.lotTaken({ lot_number: input.lot_number.trim() });
      if (isForeignKeyViolation(error)) {
        throw invalidFields({
          field: 'supplier_id',
          messages: { en: 'unknown supplier', hu: 'ismeretlen beszállító' },
        });
      }
      throw error;
    }
    const created = row as LotRow;
    await recordAudit(tx, ctx, {
      action: 'lot.create',
      entityType: 'lot',
      entityId: created.id,
      after: toLotPublic(created),
    });
    return created;
  }

  async create(ctx: RequestCtx, productId: string, input: LotInput) {
    return toLotPublic(await this.db.transaction((tx) => this.createIn(tx, ctx, productId, input)));
  }

  async findById(db: DbOrTx, id: string): Promise<LotRow | undefined> {
    const [row] = await db.select().from(lots).where(eq(lots.id, id));
    return row;
  }

  /** The product's lot with this number, or undefined. */
}
