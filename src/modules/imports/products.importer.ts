import type { DbOrTx } from '../../db/client.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { type BulkProduct, type CatalogBulk, CatalogErrors, ProductCreateSchema } from '../catalog/index.js';
import { decimalPlaces } from './cells.js';
import {
  type Column,
  Importer,
  type ImportOptions,
  type Issues,
  markDuplicates,
  type ParsedRow,
  textField,
} from './importer.js';

interface ProductsPlan {
  products: BulkProduct[];
  /** Names of the categories to create (create_categories=true). */
  newCategories: string[];
  /** The category each product names, by lower-cased name (resolved when the plan is applied). */
  categoryOf: (string | undefined)[];
}

/** Prices and reorder points keep 4 decimal places. */
const MONEY_DECIMALS = 4;

/** Products: as `POST /products` creates them, many at once. */
export class ProductsImporter extends Importer<ProductsPlan> {
  readonly kind = 'products';
  protected readonly schema = ProductCreateSchema;
  readonly columns: Column[] = [
    { key: 'sku', hu: 'Cikkszám', type: 'text', required: true, example: 'LAPTOP-001' },
    {
      key: 'name',
      hu: 'Megnevezés',
      type: 'text',
      required: true,
      aliases: ['product_name'],
      example: 'Laptop',
    },
    { key: 'description', hu: 'Leírás', type: 'text', example: 'High-performance laptop' },
    { key: 'category', hu: 'Kategória', type: 'text', aliases: ['category_name'], example: 'Electronics' },
    {
      key: 'unit_of_measure',
      hu: 'Mértékegység',
      type: 'text',
      aliases: ['unit', 'uom'],
      example: 'pcs',
    },
    { key: 'unit_price', hu: 'Egységár', type: 'number', aliases: ['price'], example: 999.99 },
    { key: 'barcode', hu: 'Vonalkód', type: 'text', aliases: ['ean'], example: '5901234123457' },
    {
      key: 'tracking',
      hu: 'Nyomonkövetés',
      type: {
        oneOf: {
          none: { en: 'none', hu: 'nincs' },
          lot: { en: 'lot', hu: 'tétel' },
        },
      },
      example: 'none',
    },
    { key: 'shelf_life_days', hu: 'Eltarthatóság (nap)', type: 'integer', example: 365 },
    { key: 'reorder_point', hu: 'Rendelési pont', type: 'number', example: 5 },
    { key: 'is_active', hu: 'Aktív', type: 'boolean', example: true },
  ];

  constructor(private readonly catalog: CatalogBulk) {
    super();
  }

  async check(rows: ParsedRow[], issues: Issues, options: ImportOptions): Promise<ProductsPlan> {
    markDuplicates(
      rows,
      issues,
      'sku',
      (r) => textField(r, 'sku')?.toLowerCase(),
      (r) => String(r.record.sku),
    );
    markDuplicates(
      rows,
      issues,
      'barcode',
      (r) => textField(r, 'barcode'),
      (r) => String(r.record.barcode),
    );
    for (const row of rows) {
      const barcode = textField(row, 'barcode');
      if (barcode && !this.catalog.isValidBarcode(barcode)) {
        issues.add(row.row, 'barcode', 'INVALID_BARCODE');
        row.bad.add('barcode');
      }
      for (const key of ['unit_price', 'reorder_point']) {
        const exact = row.exact[key];
        if (exact !== undefined && !row.bad.has(key) && decimalPlaces(exact) > MONEY_DECIMALS) {
          issues.add(row.row, key, 'TOO_PRECISE', { decimals: MONEY_DECIMALS });
          row.bad.add(key);
        }
      }
    }
    const skus = rows.flatMap((r) => textField(r, 'sku') ?? []);
    const barcodes = rows.flatMap((r) => textField(r, 'barcode') ?? []);
    const names = rows.flatMap((r) => textField(r, 'category') ?? []);
    const [takenSkus, takenBarcodes, categories, unitOf] = await Promise.all([
      this.catalog.takenSkus(skus),
      this.catalog.takenBarcodes(barcodes),
      this.catalog.categoryIds(names),
      this.catalog.unitResolver(),
    ]);
    const newCategories = new Map<string, string>();
    const products: BulkProduct[] = [];
    const categoryOf: (string | undefined)[] = [];
    for (const row of rows) {
      const sku = textField(row, 'sku');
      if (sku && takenSkus.has(sku.toLowerCase())) {
        issues.addError(row.row, 'sku', CatalogErrors.skuTaken({ sku }));
      }
      const barcode = textField(row, 'barcode');
      if (barcode && takenBarcodes.has(barcode)) {
        issues.addError(row.row, 'barcode', CatalogErrors.barcodeTaken({ barcode }));
      }
      const category = textField(row, 'category')?.toLowerCase();
      if (category && !categories.has(category)) {
        if (options.createCategories) {
          // The first spelling a file uses names the category.
          if (!newCategories.has(category)) newCategories.set(category, String(row.record.category));
        } else issues.addError(row.row, 'category', CatalogErrors.categoryNotFound());
      }
      const unitName = textField(row, 'unit_of_measure');
      const unit = unitName === undefined ? undefined : unitOf(unitName);
      if (unitName !== undefined && !unit) {
        issues.addError(row.row, 'unit_of_measure', CatalogErrors.unknownUnit({ unit: unitName }));
      }
      const r = row.record;
      products.push({
        sku: String(r.sku ?? ''),
        name: String(r.name ?? ''),
        description: r.description as string | undefined,
        categoryId: category ? categories.get(category) : null,
        unitCode: unit?.code,
        unitPrice: row.exact.unit_price,
        barcode: (r.barcode as string | undefined) ?? null,
        tracking: r.tracking as BulkProduct['tracking'],
        shelfLifeDays: (r.shelf_life_days as number | undefined) ?? null,
        reorderPoint: row.exact.reorder_point,
        isActive: r.is_active as boolean | undefined,
      });
      categoryOf.push(category);
    }
    return { products, newCategories: [...newCategories.values()], categoryOf };
  }

  counts(plan: ProductsPlan) {
    return { products: plan.products.length, categories: plan.newCategories.length };
  }

  async apply(
    tx: DbOrTx,
    _ctx: RequestCtx,
    plan: ProductsPlan,
    _importId: string,
    progress: (done: number) => Promise<void>,
  ): Promise<void> {
    if (plan.newCategories.length > 0) {
      const ids = await this.catalog.ensureCategories(tx, plan.newCategories);
      plan.products.forEach((product, i) => {
        const category = plan.categoryOf[i];
        if (category && !product.categoryId) product.categoryId = ids.get(category) ?? null;
      });
    }
    await this.catalog.insertProducts(tx, plan.products, progress);
  }
}
