import { Type } from 'typebox';
import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from '../../db/client.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { type CatalogBulk, CatalogErrors } from '../catalog/index.js';
import { binKey, LocationErrors, type LocationsBulk } from '../locations/index.js';
import type { AddLine, StockQueries, StockService } from '../stock/index.js';
import { StockErrors } from '../stock/index.js';
import { decimalPlaces } from './cells.js';
import { type Column, Importer, type Issues, markDuplicates, type ParsedRow, textField } from './importer.js';
import { ImportConflict } from './imports.errors.js';
import { lockOpeningStock } from './imports.repo.js';

/** A row of opening stock: the product by SKU, where by codes, the lot by number. */
const OpeningStockRow = Type.Object({
  sku: Type.String({ minLength: 1, maxLength: 64 }),
  warehouse_code: Type.String({ minLength: 1, maxLength: 40 }),
  bin_code: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  lot_number: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  expiry_date: Type.Optional(Type.String({ format: 'date' })),
  quantity: Type.Number({ minimum: 0.0001, maximum: 1e12 }),
  unit_cost: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
});

/** The ledger keeps 4 decimal places of a cost. */
const COST_DECIMALS = 4;

type Line = Omit<AddLine, 'postingId' | 'referenceId'>;

/**
 * Opening stock: what each bin holds on the first day, posted as receipts through the stock
 * service's one posting (`StockService.post`), all lines in one set-based call. Each balance
 * (product, bin, lot) opens once: one the ledger has posted to before is refused.
 */
export class OpeningStockImporter extends Importer<Line[]> {
  readonly kind = 'opening_stock';
  protected readonly schema = OpeningStockRow;
  readonly columns: Column[] = [
    { key: 'sku', hu: 'Cikkszám', type: 'text', required: true, example: 'LAPTOP-001' },
    {
      key: 'warehouse_code',
      hu: 'Raktárkód',
      type: 'text',
      required: true,
      aliases: ['warehouse'],
      example: 'BP1',
    },
    { key: 'bin_code', hu: 'Tárhelykód', type: 'text', aliases: ['bin'], example: 'A-01-02' },
    { key: 'lot_number', hu: 'Tételszám', type: 'text', aliases: ['lot'], example: 'L2026-001' },
    { key: 'expiry_date', hu: 'Lejárat', type: 'date', aliases: ['expiry'], example: '2027-12-31' },
    { key: 'quantity', hu: 'Mennyiség', type: 'number', required: true, aliases: ['qty'], example: 24 },
    { key: 'unit_cost', hu: 'Egységköltség', type: 'number', aliases: ['cost'], example: 450 },
  ];

  constructor(
    private readonly catalog: CatalogBulk,
    private readonly locations: LocationsBulk,
    private readonly queries: StockQueries,
    private readonly stock: StockService,
  ) {
    super();
  }

  async check(rows: ParsedRow[], issues: Issues): Promise<Line[]> {
    const [products, warehouses] = await Promise.all([
      this.catalog.productsBySku(rows.flatMap((r) => textField(r, 'sku') ?? [])),
      this.locations.warehousesByCode(rows.flatMap((r) => textField(r, 'warehouse_code') ?? [])),
    ]);
    const warehouseOf = (row: ParsedRow) =>
      warehouses.get(textField(row, 'warehouse_code')?.toLowerCase() ?? '');
    const bins = await this.locations.binsByCode(
      rows.flatMap((row) => {
        const warehouse = warehouseOf(row);
        const code = textField(row, 'bin_code');
        return warehouse && code ? [{ warehouseId: warehouse.id, code }] : [];
      }),
    );
    // Each row's product and bin, where both are known: what the checks below work on.
    const resolved = rows.map((row) => {
      const sku = textField(row, 'sku');
      const product = sku === undefined ? undefined : products.get(sku.toLowerCase());
      if (sku !== undefined && !product) issues.addError(row.row, 'sku', CatalogErrors.productNotFound());
      if (product && !product.isActive)
        issues.addError(row.row, 'sku', CatalogErrors.productInactive({ sku: product.sku }));
      const warehouse = warehouseOf(row);
      if (textField(row, 'warehouse_code') !== undefined && !warehouse) {
        issues.addError(row.row, 'warehouse_code', LocationErrors.warehouseNotFound());
      }
      if (warehouse && !warehouse.isActive) {
        issues.addError(row.row, 'warehouse_code', LocationErrors.inactiveWarehouse());
      }
      const binCode = textField(row, 'bin_code');
      const bin = warehouse && binCode ? bins.get(binKey(warehouse.id, binCode)) : undefined;
      if (warehouse && binCode && !bin) issues.addError(row.row, 'bin_code', LocationErrors.binNotFound());
      if (bin && !bin.isActive) issues.add(row.row, 'bin_code', 'BIN_INACTIVE', { value: bin.code });
      const binId = binCode ? bin?.id : warehouse?.defaultBinId;
      const lot = textField(row, 'lot_number');
      if (product?.tracking === 'lot' && row.record.lot_number === undefined && !row.bad.has('lot_number')) {
        issues.addError(row.row, 'lot_number', StockErrors.lotRequired({ sku: product.sku }));
      }
      if (product && product.tracking !== 'lot' && lot !== undefined) {
        issues.addError(row.row, 'lot_number', CatalogErrors.notLotTracked({ sku: product.sku }));
      }
      const quantity = row.exact.quantity;
      const decimals = Math.min(product?.unit.decimals ?? 4, 4);
      if (
        product &&
        quantity !== undefined &&
        !row.bad.has('quantity') &&
        decimalPlaces(quantity) > decimals
      ) {
        issues.addError(row.row, 'quantity', StockErrors.tooPrecise({ unit: product.unit.code, decimals }));
      }
      const cost = row.exact.unit_cost;
      if (cost !== undefined && !row.bad.has('unit_cost') && decimalPlaces(cost) > COST_DECIMALS) {
        issues.add(row.row, 'unit_cost', 'TOO_PRECISE', { decimals: COST_DECIMALS });
      }
      return product && warehouse && binId ? { row, product, warehouse, binId, lot } : undefined;
    });
    const known = resolved.flatMap((r) => r ?? []);
    const balanceKey = (r: (typeof known)[number]) =>
      `${r.product.id}|${r.binId}|${r.lot?.toLowerCase() ?? ''}`;
    const byRow = new Map(known.map((r) => [r.row, r]));
    markDuplicates(
      known.map((r) => r.row),
      issues,
      'sku',
      (row) => {
        const r = byRow.get(row);
        return r ? balanceKey(r) : undefined;
      },
      (row) =>
        [row.record.sku, row.record.warehouse_code, row.record.bin_code, row.record.lot_number]
          .filter(Boolean)
          .join(' / '),
    );
    // One lot has one expiry date, however many bins it lies in.
    const expiryOfLot = new Map<string, { expiry: unknown; row: number }>();
    for (const r of known) {
      if (!r.lot || r.row.record.expiry_date === undefined) continue;
      const key = `${r.product.id}|${r.lot.toLowerCase()}`;
      const first = expiryOfLot.get(key);
      if (!first) expiryOfLot.set(key, { expiry: r.row.record.expiry_date, row: r.row.row });
      else if (first.expiry !== r.row.record.expiry_date) {
        issues.add(r.row.row, 'expiry_date', 'LOT_EXPIRY_CONFLICT', { value: r.lot, other: first.row });
      }
    }
    const opened = await this.queries.balancesPostedTo(
      known.map((r) => ({ productId: r.product.id, binId: r.binId, lotNumber: r.lot ?? null })),
    );
    known.forEach((r, i) => {
      if (opened.has(i)) issues.add(r.row.row, 'sku', 'OPENING_STOCK_EXISTS');
    });
    return known.map(
      (r): Line => ({
        kind: 'add',
        type: 'receipt',
        productId: r.product.id,
        warehouseId: r.warehouse.id,
        binId: r.binId,
        lotNumber: r.lot ?? null,
        expiryDate: (r.row.record.expiry_date as string | undefined) ?? null,
        quantity: r.row.exact.quantity ?? '0',
        unitCost: r.row.exact.unit_cost ?? null,
        referenceType: 'import',
        reason: 'opening_stock',
      }),
    );
  }

  counts(lines: Line[]) {
    return { movements: lines.length };
  }

  /**
   * Every line in one posting: all of it is posted, or (a refusal) none of it. Under the opening
   * lock, a balance posted to since the check (another import, a receipt) refuses the whole (409).
   */
  async apply(
    tx: DbOrTx,
    ctx: RequestCtx,
    lines: Line[],
    importId: string,
    progress: (done: number) => Promise<void>,
  ): Promise<void> {
    await lockOpeningStock(tx);
    const opened = await this.queries.balancesPostedTo(
      lines.map((line) => ({
        productId: line.productId,
        binId: line.binId ?? '',
        lotNumber: line.lotNumber ?? null,
      })),
    );
    if (opened.size > 0) throw ImportConflict();
    const postingId = uuidv7();
    await this.stock.postAll(
      tx,
      ctx,
      lines.map((line) => ({ ...line, postingId, referenceId: importId })),
    );
    await progress(lines.length);
  }
}
