import type { Db, DbOrTx } from '../../db/client.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import { invalidFields } from '../../platform/errors.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { defineMessageGroup } from '../../platform/translations.js';
import { recordAudit } from '../audit/index.js';
import { CatalogErrors } from './catalog.errors.js';
import type { LotCreate } from './catalog.schemas.js';
import {
  findLot,
  findProductLot,
  insertLot,
  type LotRow,
  listLots,
  productById,
  productExists,
} from './lots.repo.js';

/** Why a lot's field is refused. */
const LotReasons = defineMessageGroup('reason.lot', {
  expiryBeforeManufacture: {
    en: 'must not be before manufactured_on',
    hu: 'nem lehet a gyártási dátum előtt',
  },
  unknownSupplier: { en: 'unknown supplier', hu: 'ismeretlen beszállító' },
});

export type { LotRow } from './lots.repo.js';

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

/** Lots (batches) of lot-tracked products: number unique per product, expiry for FEFO. */
export class LotsService {
  constructor(private readonly db: Db) {}

  private async lotTrackedProduct(db: DbOrTx, productId: string) {
    const product = await productById(db, productId);
    if (!product) throw CatalogErrors.productNotFound();
    if (product.tracking !== 'lot') throw CatalogErrors.notLotTracked({ sku: product.sku });
    return product;
  }

  async list(productId: string, search: string | undefined, page: PageRequest) {
    if (!(await productExists(this.db, productId))) throw CatalogErrors.productNotFound();
    const { rows, total } = await listLots(this.db, productId, search, page);
    return toPage(rows.map(toLotPublic), total, page);
  }

  async get(productId: string, lotId: string) {
    const row = await findProductLot(this.db, productId, lotId);
    if (!row) throw CatalogErrors.lotNotFound();
    return toLotPublic(row);
  }

  private assertDates(input: LotCreate): void {
    if (input.manufactured_on && input.expiry_date && input.manufactured_on > input.expiry_date) {
      throw invalidFields({
        field: 'expiry_date',
        messages: LotReasons.expiryBeforeManufacture,
      });
    }
  }

  /** Inserts a lot inside the caller's transaction (receipts create lots as they arrive). */
  async createIn(tx: DbOrTx, ctx: RequestCtx, productId: string, input: LotCreate): Promise<LotRow> {
    this.assertDates(input);
    await this.lotTrackedProduct(tx, productId);
    let created: LotRow;
    try {
      created = await insertLot(tx, {
        productId,
        lotNumber: input.lot_number.trim(),
        expiryDate: input.expiry_date ?? null,
        manufacturedOn: input.manufactured_on ?? null,
        supplierId: input.supplier_id ?? null,
        notes: input.notes ?? '',
      });
    } catch (error) {
      if (isUniqueViolation(error, 'lots_product_number_key'))
        throw CatalogErrors.lotTaken({ lot_number: input.lot_number.trim() });
      if (isForeignKeyViolation(error)) {
        throw invalidFields({
          field: 'supplier_id',
          messages: LotReasons.unknownSupplier,
        });
      }
      throw error;
    }
    await recordAudit(tx, ctx, {
      action: 'lot.create',
      entityType: 'lot',
      entityId: created.id,
      after: toLotPublic(created),
    });
    return created;
  }

  async create(ctx: RequestCtx, productId: string, input: LotCreate) {
    return toLotPublic(await this.db.transaction((tx) => this.createIn(tx, ctx, productId, input)));
  }

  async findById(db: DbOrTx, id: string): Promise<LotRow | undefined> {
    return findLot(db, id);
  }

  /** The product's lot with this number, or undefined. */
}
