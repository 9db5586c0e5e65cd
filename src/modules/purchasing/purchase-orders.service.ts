import type { SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { type Names, namesOf } from '../../db/names.js';
import { decimal } from '../../platform/decimal.js';
import { atField, Errors, invalidFields } from '../../platform/errors.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { nextDocumentNumber } from '../../platform/sequences.js';
import { StateMachine } from '../../platform/state-machine.js';
import { defineMessages } from '../../platform/translations.js';
import { recordAudit, recordTransition } from '../audit/index.js';
import type { ProductsService } from '../catalog/index.js';
import { OrderErrors, orderLineValues, orderTotalsPublic, recomputeOrderTotals } from '../orders/index.js';
import type { PartnersService } from '../partners/index.js';
import type { LedgerRow, StockService } from '../stock/index.js';
import { inBalanceOrder } from '../stock/index.js';
import { PurchasingErrors } from './purchasing.errors.js';
import {
  addReceived,
  allLinesReceived,
  deleteLinesOf,
  deletePurchaseOrder,
  findLine,
  findPurchaseOrder,
  insertLine,
  insertPurchaseOrder,
  linesOf,
  linesOfOrders,
  listPurchaseOrders,
  type PurchaseOrderFilter,
  type PurchaseOrderLineRow,
  type PurchaseOrderRow,
  purchaseOrdersExportQuery,
  updatePurchaseOrder,
} from './purchasing.repo.js';
import type { OrderChanges, OrderCreate, OrderLineCreate, ReceiveBody } from './purchasing.schemas.js';

const DUE_BEFORE_ORDER = defineMessages('reason.purchase_order.due_before_order', {
  en: 'must not be before po_date',
  hu: 'nem lehet a rendelés dátuma (po_date) előtt',
});

/** action → the statuses it may start from, and where it leads. */
const LIFECYCLE = new StateMachine(
  {
    submit: { from: ['draft'], to: 'submitted' },
    approve: { from: ['submitted'], to: 'approved' },
    cancel: { from: ['draft', 'submitted', 'approved'], to: 'cancelled' },
    close: { from: ['received', 'partially_received'], to: 'closed' },
  },
  PurchasingErrors.illegalTransition,
);
export type OrderAction = keyof typeof LIFECYCLE.transitions;

const num = (value: string | null) => (value == null ? null : Number(value));

function toLinePublic(line: PurchaseOrderLineRow, names: Names) {
  return {
    id: line.id,
    line_no: line.lineNo,
    product_id: line.productId,
    sku: line.sku,
    // The product's barcode now (not when ordered): what a scan at the dock reads.
    barcode: names.products.get(line.productId)?.barcode ?? null,
    material_code: line.sku,
    material_name: line.productName,
    quantity: Number(line.quantity),
    unit_price: Number(line.unitPrice),
    line_total: Number(line.lineTotal),
    received_quantity: Number(line.receivedQuantity),
    notes: line.notes,
  };
}

function toOrderPublic(
  order: PurchaseOrderRow,
  lines: PurchaseOrderLineRow[],
  receipts: ReturnType<typeof toReceiptPublic>[],
  names: Names,
) {
  const publicLines = lines.map((line) => toLinePublic(line, names));
  return {
    id: order.id,
    po_number: order.poNumber,
    supplier_id: order.supplierId,
    supplier_name: order.supplierName,
    status: order.status,
    po_date: order.poDate,
    due_date: order.dueDate,
    ...orderTotalsPublic(order),
    notes: order.notes,
    lines: publicLines,
    line_items: publicLines,
    receipts,
    version: order.version,
    created_by: order.createdBy,
    created_at: order.createdAt.toISOString(),
    updated_at: order.updatedAt.toISOString(),
  };
}

function toReceiptPublic(m: LedgerRow) {
  return {
    movement_id: m.id,
    posting_id: m.postingId,
    product_id: m.productId,
    warehouse_id: m.warehouseId,
    bin_id: m.binId,
    lot_id: m.lotId,
    quantity: Number(m.quantity),
    unit_cost: num(m.unitCost),
    occurred_at: m.occurredAt.toISOString(),
  };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Purchase orders (seeds 001 and 003): numbered PO-000001…, totals computed exactly in SQL
 * (2 places, half-up), a status flow, and receiving that posts receipts through the stock service.
 */
export class PurchaseOrdersService {
  constructor(
    private readonly db: Db,
    private readonly overReceiptPercent: number,
    private readonly suppliers: PartnersService,
    private readonly products: ProductsService,
    private readonly stock: StockService,
  ) {}

  private async supplierFor(input: OrderChanges) {
    const supplier = await this.suppliers.findByIdOrCode({
      id: input.supplier_id,
      code: input.supplier_code,
    });
    if (!supplier) throw this.suppliers.errors.notFound();
    if (!supplier.is_active) throw PurchasingErrors.supplierInactive();
    return supplier;
  }

  /** Writes the lines (prices × quantities rounded in SQL) and recomputes the order's totals. */
  private async writeLines(tx: DbOrTx, orderId: string, lines: OrderLineCreate[]): Promise<void> {
    if (lines.length === 0) throw OrderErrors.noLines();
    await deleteLinesOf(tx, orderId);
    for (const [index, line] of lines.entries()) {
      await insertLine(tx, {
        ...(await orderLineValues(this.products, tx, line, index)),
        purchaseOrderId: orderId,
        notes: line.notes ?? '',
      });
    }
    await this.recomputeTotals(tx, orderId);
  }

  private recomputeTotals(tx: DbOrTx, orderId: string): Promise<void> {
    return recomputeOrderTotals(tx, 'purchase_orders', 'purchase_order_lines', 'purchase_order_id', orderId);
  }

  private async load(db: DbOrTx, id: string, lock = false) {
    const order = await findPurchaseOrder(db, id, lock);
    if (!order) throw PurchasingErrors.notFound();
    return order;
  }

  private async publicOf(db: DbOrTx, order: PurchaseOrderRow) {
    const lines = await linesOf(db, order.id);
    const receipts = await this.stock.movementsOf(db, 'purchase_order', order.id);
    const names = await namesOf(db, { products: lines.map((line) => line.productId) });
    return toOrderPublic(order, lines, receipts.map(toReceiptPublic), names);
  }

  private assertDates(input: OrderChanges, poDate: string): void {
    if (input.due_date && input.due_date < poDate) {
      throw invalidFields({
        field: 'due_date',
        messages: DUE_BEFORE_ORDER,
      });
    }
  }

  async create(ctx: RequestCtx, input: OrderCreate) {
    const supplier = await this.supplierFor(input);
    const poDate = input.po_date ?? today();
    this.assertDates(input, poDate);
    return this.db.transaction(async (tx) => {
      const number = await nextDocumentNumber(tx, 'PO');
      const order = await insertPurchaseOrder(tx, {
        id: uuidv7(),
        poNumber: number,
        supplierId: supplier.id,
        supplierName: supplier.name,
        poDate,
        dueDate: input.due_date ?? null,
        taxRate: decimal(input.tax_rate ?? 0),
        notes: input.notes ?? '',
        createdBy: ctx.actor?.id ?? null,
      });
      await this.writeLines(tx, order.id, input.lines ?? input.line_items ?? []);
      const saved = await this.load(tx, order.id);
      await recordAudit(tx, ctx, {
        action: 'purchase_order.create',
        entityType: 'purchase_order',
        entityId: order.id,
        after: { po_number: number, supplier_id: supplier.id, total: saved.total },
      });
      return this.publicOf(tx, saved);
    });
  }

  /** Replaces header fields and (when given) the lines of a draft. */
  async update(ctx: RequestCtx, id: string, input: OrderChanges, expectedVersion?: number) {
    const supplier = input.supplier_id || input.supplier_code ? await this.supplierFor(input) : undefined;
    return this.db.transaction(async (tx) => {
      const before = await this.load(tx, id, true);
      if (before.status !== 'draft') throw PurchasingErrors.notEditable({ status: before.status });
      if (expectedVersion !== undefined && expectedVersion !== before.version) throw Errors.stale();
      this.assertDates(input, input.po_date ?? before.poDate);
      await updatePurchaseOrder(tx, id, {
        ...(supplier ? { supplierId: supplier.id, supplierName: supplier.name } : {}),
        ...(input.po_date ? { poDate: input.po_date } : {}),
        ...(input.due_date !== undefined ? { dueDate: input.due_date } : {}),
        ...(input.tax_rate !== undefined ? { taxRate: decimal(input.tax_rate) } : {}),
        ...(input.notes !== undefined ? { notes: input.notes } : {}),
      });
      const lines = input.lines ?? input.line_items;
      if (lines) await this.writeLines(tx, id, lines);
      else await this.recomputeTotals(tx, id);
      const after = await this.load(tx, id);
      await recordAudit(tx, ctx, {
        action: 'purchase_order.update',
        entityType: 'purchase_order',
        entityId: id,
        before: { total: before.total, tax_rate: before.taxRate, due_date: before.dueDate },
        after: { total: after.total, tax_rate: after.taxRate, due_date: after.dueDate },
      });
      return this.publicOf(tx, after);
    });
  }

  /** Deletes a draft; any other order is cancelled instead. */
  async remove(ctx: RequestCtx, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const order = await this.load(tx, id, true);
      if (order.status !== 'draft') throw PurchasingErrors.notEditable({ status: order.status });
      await deletePurchaseOrder(tx, id);
      await recordAudit(tx, ctx, {
        action: 'purchase_order.delete',
        entityType: 'purchase_order',
        entityId: id,
        before: { po_number: order.poNumber },
      });
    });
  }

  async transition(ctx: RequestCtx, id: string, action: OrderAction) {
    return this.db.transaction(async (tx) => {
      const order = await this.load(tx, id, true);
      const to = LIFECYCLE.next(action, order.status);
      const after = await updatePurchaseOrder(tx, id, { status: to });
      await recordTransition(tx, ctx, {
        entityType: 'purchase_order',
        entityId: id,
        action,
        from: order.status,
        to,
      });
      return this.publicOf(tx, after);
    });
  }

  /**
   * Receives goods against an approved order: posts receipts (creating lots), raises each line's
   * received quantity, refuses over-receipt beyond the tolerance, and moves the status on.
   */
  async receive(ctx: RequestCtx, id: string, input: ReceiveBody) {
    return this.db.transaction(async (tx) => {
      const order = await this.load(tx, id, true);
      LIFECYCLE.require('receive', order.status, ['approved', 'partially_received']);
      const postingId = uuidv7();
      const received = [];
      for (const [index, line] of input.lines.entries()) {
        const row = await findLine(tx, id, line.line_id);
        if (!row)
          throw atField(PurchasingErrors.lineNotFound({ line_id: line.line_id }), `lines.${index}.line_id`);
        received.push({ line, row, index });
      }
      const ordered = inBalanceOrder(received, ({ line, row }) => ({
        productId: row.productId,
        binId: line.bin_id,
        lot: line.lot_number,
      }));
      const lines = [];
      for (const { line, row, index } of ordered) {
        const product = await this.products.requireExisting(tx, row.productId);
        if (product.tracking === 'lot' && (!line.lot_number || !line.expiry_date)) {
          const error = PurchasingErrors.lotAndExpiryRequired({ sku: product.sku });
          throw atField(error, `lines.${index}.${line.lot_number ? 'expiry_date' : 'lot_number'}`);
        }
        const quantity = decimal(line.quantity);
        const raised = await addReceived(tx, row.id, quantity, decimal(this.overReceiptPercent));
        if (!raised) {
          const error = PurchasingErrors.overReceipt({
            quantity: line.quantity,
            sku: product.sku,
            ordered: Number(row.quantity),
            received: Number(row.receivedQuantity),
          });
          throw atField(error, `lines.${index}.quantity`);
        }
        lines.push(
          this.stock.lineOf(
            ctx,
            {
              movementType: 'receipt',
              productId: row.productId,
              warehouseId: input.warehouse_id,
              quantity: line.quantity,
              binId: line.bin_id,
              lotNumber: line.lot_number,
              expiryDate: line.expiry_date,
              unitCost: line.unit_cost ?? Number(row.unitPrice),
              referenceType: 'purchase_order',
              referenceId: id,
              referenceNumber: order.poNumber,
            },
            postingId,
          ),
        );
      }
      // Every line in one set-based posting.
      await this.stock.postAll(tx, ctx, lines, (n) => `lines.${ordered[n]?.index}`);
      const status = (await allLinesReceived(tx, id)) ? 'received' : 'partially_received';
      const after = await updatePurchaseOrder(tx, id, { status });
      await recordAudit(tx, ctx, {
        action: 'purchase_order.receive',
        entityType: 'purchase_order',
        entityId: id,
        before: { status: order.status },
        after: { status, posting_id: postingId },
      });
      return this.publicOf(tx, after);
    });
  }

  async get(id: string) {
    return this.publicOf(this.db, await this.load(this.db, id));
  }

  /** A page of orders; the lines of all of them come in one query, and their receipts in another. */
  /** Every order the filter matches, newest first: the query an export streams. */
  exportQuery(filter: PurchaseOrderFilter): SQL {
    return purchaseOrdersExportQuery(filter);
  }

  async list(filter: PurchaseOrderFilter, page: PageRequest) {
    const { rows, total } = await listPurchaseOrders(this.db, filter, page);
    const ids = rows.map((row) => row.id);
    const lines = await linesOfOrders(this.db, ids);
    const receipts = await this.stock.movementsOfMany(this.db, 'purchase_order', ids);
    const names = await namesOf(this.db, {
      products: [...lines.values()].flatMap((of) => of.map((line) => line.productId)),
    });
    const items = rows.map((row) =>
      toOrderPublic(row, lines.get(row.id) ?? [], (receipts.get(row.id) ?? []).map(toReceiptPublic), names),
    );
    return toPage(items, total, page);
  }
}
