import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { isValidGtin } from './barcode.js';
import {
  allUnits,
  type BulkProductRow,
  categoriesByName,
  insertCategories,
  insertProductRows,
  productsBySkus,
  takenBarcodes,
  takenSkus,
} from './bulk.repo.js';
import { unitCodeFor } from './units.service.js';

/** Products one set-based insert writes at most: big enough to be fast, small enough for one JSON parameter. */
const INSERT_CHUNK = 5_000;

export interface UnitRef {
  code: string;
  /** Decimal places a quantity in the unit may have. */
  decimals: number;
}

/** A product as a document posting stock of it needs it. */
export interface ProductRef {
  id: string;
  sku: string;
  tracking: string;
  isActive: boolean;
  unit: UnitRef;
}

/** A product to create; what is left out takes the column's default. Numbers as exact decimal strings. */
export interface BulkProduct {
  sku: string;
  name: string;
  description?: string;
  categoryId?: string | null;
  unitCode?: string;
  unitPrice?: string;
  barcode?: string | null;
  tracking?: 'none' | 'lot';
  shelfLifeDays?: number | null;
  reorderPoint?: string;
  isActive?: boolean;
}

const lower = (values: Iterable<string>) => [...new Set([...values].map((v) => v.trim().toLowerCase()))];

/**
 * The catalog many rows at a time (imports): every read is one query for all the rows, and
 * products are written by one `INSERT … SELECT FROM json_to_recordset` per few thousand, never
 * one service call per row. Names and SKUs match whatever their case, as everywhere.
 */
export class CatalogBulk {
  constructor(private readonly db: Db) {}

  /** Which of `skus` are taken (lower-cased), by active and inactive products alike. */
  async takenSkus(skus: Iterable<string>): Promise<Set<string>> {
    return new Set(await takenSkus(this.db, lower(skus)));
  }

  /** Which of `barcodes` already belong to a product. */
  async takenBarcodes(barcodes: Iterable<string>): Promise<Set<string>> {
    return new Set(await takenBarcodes(this.db, [...new Set(barcodes)]));
  }

  /** The ids of the named categories that exist, by lower-cased name. */
  async categoryIds(names: Iterable<string>): Promise<Map<string, string>> {
    const found = await categoriesByName(this.db, lower(names));
    return new Map(found.map((row) => [row.name, row.id]));
  }

  /** Resolves unit names as the product API does (`piece` is `pcs`, any case); undefined for an unknown one. */
  async unitResolver(): Promise<(name: string) => UnitRef | undefined> {
    const units = new Map((await allUnits(this.db)).map((unit) => [unit.code, unit]));
    return (name) => units.get(unitCodeFor(name));
  }

  /** The products with these SKUs, by lower-cased SKU. */
  async productsBySku(skus: Iterable<string>): Promise<Map<string, ProductRef>> {
    const found = await productsBySkus(this.db, lower(skus));
    return new Map(
      found.map((row) => [
        row.key,
        {
          id: row.id,
          sku: row.sku,
          tracking: row.tracking,
          isActive: row.is_active,
          unit: { code: row.unit_code, decimals: row.decimals },
        },
      ]),
    );
  }

  /** Creates the named categories that do not exist yet; returns every named one's id by lower-cased name. */
  async ensureCategories(tx: DbOrTx, names: Iterable<string>): Promise<Map<string, string>> {
    const wanted = new Map([...names].map((name) => [name.trim().toLowerCase(), name.trim()]));
    await insertCategories(
      tx,
      [...wanted.values()].map((name) => ({ id: uuidv7(), name })),
    );
    const found = await categoriesByName(tx, [...wanted.keys()]);
    return new Map(found.map((row) => [row.name, row.id]));
  }

  /** Inserts every product, a chunk per statement; `onChunk` hears how many are in so far. */
  async insertProducts(
    tx: DbOrTx,
    products: BulkProduct[],
    onChunk?: (done: number) => Promise<void>,
  ): Promise<number> {
    for (let start = 0; start < products.length; start += INSERT_CHUNK) {
      const chunk = products.slice(start, start + INSERT_CHUNK).map(
        (p): BulkProductRow => ({
          id: uuidv7(),
          sku: p.sku.trim(),
          name: p.name.trim(),
          description: p.description ?? '',
          category_id: p.categoryId ?? null,
          unit_code: p.unitCode ?? 'pcs',
          unit_price: p.unitPrice ?? '0',
          barcode: p.barcode ?? null,
          tracking: p.tracking ?? 'none',
          shelf_life_days: p.shelfLifeDays ?? null,
          reorder_point: p.reorderPoint ?? '0',
          is_active: p.isActive ?? true,
        }),
      );
      await insertProductRows(tx, chunk);
      await onChunk?.(start + chunk.length);
    }
    return products.length;
  }

  /** Whether `code` is a GTIN with the right check digit (the product API's barcode rule). */
  isValidBarcode(code: string): boolean {
    return isValidGtin(code);
  }
}
