import type { SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { compareDecimal, decimal, minDecimal, subtractDecimal } from '../../platform/decimal.js';
import { atField } from '../../platform/errors.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { nextDocumentNumber } from '../../platform/sequences.js';
import { StateMachine } from '../../platform/state-machine.js';
import { recordAudit, recordTransition } from '../audit/index.js';
import type { ProductsService } from '../catalog/index.js';
import { OrderErrors, orderLineValues, orderTotalsPublic, recomputeOrderTotals } from '../orders/index.js';
import type { PartnersService } from '../partners/index.js';
import type { PostedMovement, ReservationsService, StockService } from '../stock/index.js';
import { inBalanceOrder, reservedIssueLine, stillHeld, toPostedPublic } from '../stock/index.js';
import { SalesErrors } from './sales.errors.js';
import {
  addShipped,
  allLinesShipped,
  findSalesOrder,
  insertLine,
  insertSalesOrder,
  linesOf,
  linesOfOrders,
  listSalesOrders,
  type SalesOrderFilter,
  type SalesOrderLineRow,
  type SalesOrderRow,
  salesOrdersExportQuery,
  setLineReservation,
  updateSalesOrder,
} from './sales.repo.js';
import type { SalesOrderCreate, ShipmentLine } from './sales.schemas.js';

const LIFECYCLE = new StateMachine(
  {
    cancel: { from: ['draft', 'confirmed', 'partially_shipped'], to: 'cancelled' },
    close: { from: ['shipped', 'partially_shipped'], to: 'closed' },
  },
  SalesErrors.illegalTransition,
);
type SalesAction = keyof typeof LIFECYCLE.transitions;

function toLinePublic(line: SalesOrderLineRow, reserved: number) {
  return {
    id: line.id,
    line_no: line.lineNo,
    product_id: line.productId,
    sku: line.sku,
    product_name: line.productName,
    quantity: Number(line.quantity),
    unit_price: Number(line.unitPrice),
    line_total: Number(line.lineTotal),
    reserved_quantity: reserved,
    shipped_quantity: Number(line.shippedQuantity),
    backorder_quantity: Number(line.backorderQuantity),
  };
}

function reservationIdsOf(lines: SalesOrderLineRow[]): string[] {
  return lines.flatMap((line) => (line.reservationId ? [line.reservationId] : []));
}

/** An order as clients see it; `held` is what each active reservation of its lines still holds. */
function toOrderPublic(order: SalesOrderRow, lines: SalesOrderLineRow[], held: Map<string, string>) {
  const publicLines = lines.map((line) =>
    toLinePublic(line, Number((line.reservationId && held.get(line.reservationId)) ?? 0)),
  );
  return {
    id: order.id,
    so_number: order.soNumber,
    customer_id: order.customerId,
    customer_name: order.customerName,
    warehouse_id: order.warehouseId,
    status: order.status,
    order_date: order.orderDate,
    ...orderTotalsPublic(order),
    notes: order.notes,
    lines: publicLines,
    line_items: publicLines,
    version: order.version,
    created_at: order.createdAt.toISOString(),
    updated_at: order.updatedAt.toISOString(),
  };
}

/**
 * Sales orders (seed 003): numbered SO-000001…, exact totals, confirmation reserves stock per line
 * (all or nothing, or with backorders), shipments issue FEFO from what is reserved.
 */
export class SalesOrdersService {
  constructor(
    private readonly db: Db,
    private readonly timezone: string,
    private readonly customers: PartnersService,
    private readonly products: ProductsService,
    private readonly stock: StockService,
    private readonly reservations: ReservationsService,
  ) {}

  private async load(db: DbOrTx, id: string, lock = false): Promise<SalesOrderRow> {
    const order = await findSalesOrder(db, id, lock);
    if (!order) throw SalesErrors.notFound();
    return order;
  }

  private async publicOf(db: DbOrTx, order: SalesOrderRow) {
    const lines = await linesOf(db, order.id);
    return toOrderPublic(order, lines, await this.reservations.activeQuantities(db, reservationIdsOf(lines)));
  }

  private setStatus(tx: DbOrTx, id: string, status: string): Promise<SalesOrderRow> {
    return updateSalesOrder(tx, id, { status });
  }

  async create(ctx: RequestCtx, input: SalesOrderCreate) {
    const customer = await this.customers.findByIdOrCode({
      id: input.customer_id,
      code: input.customer_code,
    });
    if (!customer) throw this.customers.errors.notFound();
    if (!customer.is_active) throw SalesErrors.customerInactive();
    const lines = input.lines ?? input.line_items ?? [];
    if (lines.length === 0) throw OrderErrors.noLines();
    return this.db.transaction(async (tx) => {
      const number = await nextDocumentNumber(tx, 'SO');
      const order = await insertSalesOrder(tx, {
        id: uuidv7(),
        soNumber: number,
        customerId: customer.id,
        customerName: customer.name,
        warehouseId: input.warehouse_id,
        orderDate: input.order_date ?? new Date().toISOString().slice(0, 10),
        taxRate: decimal(input.tax_rate ?? 0),
        notes: input.notes ?? '',
        createdBy: ctx.actor?.id ?? null,
      });
      for (const [index, line] of lines.entries()) {
        await insertLine(tx, {
          ...(await orderLineValues(this.products, tx, line, index)),
          salesOrderId: order.id,
        });
      }
      await recomputeOrderTotals(tx, 'sales_orders', 'sales_order_lines', 'sales_order_id', order.id);
      const saved = await this.load(tx, order.id);
      await recordAudit(tx, ctx, {
        action: 'sales_order.create',
        entityType: 'sales_order',
        entityId: order.id,
        after: { so_number: number, total: saved.total },
      });
      return this.publicOf(tx, saved);
    });
  }

  /**
   * Reserves every line from the order's warehouse. Short lines → 409 listing them and nothing
   * reserved; with `allowBackorder`, reserves what exists and records the rest as backorder.
   */
  async confirm(ctx: RequestCtx, id: string, allowBackorder: boolean) {
    return this.db.transaction(async (tx) => {
      const order = await this.load(tx, id, true);
      LIFECYCLE.require('confirm', order.status, ['draft']);
      const short: { line_id: string; sku: string; requested: number; available: number }[] = [];
      const lines = [...(await linesOf(tx, id))].sort((a, b) =>
        a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0,
      );
      for (const line of lines) {
        const scope = {
          productId: line.productId,
          warehouseId: order.warehouseId,
          binId: null,
          lotId: null,
          includeExpired: false,
          timezone: this.timezone,
        };
        const available = await this.stock.available(tx, scope);
        const part = minDecimal(available, line.quantity);
        const fits = {
          ok: compareDecimal(available, line.quantity) >= 0,
          part,
          rest: subtractDecimal(line.quantity, part),
        };
        if (!fits?.ok)
          short.push({
            line_id: line.id,
            sku: line.sku,
            requested: Number(line.quantity),
            available: Number(available),
          });
        if (!fits?.ok && !allowBackorder) continue;
        const reserveQuantity = fits?.ok ? Number(line.quantity) : Number(fits?.part ?? 0);
        let reservationId: string | null = null;
        if (reserveQuantity > 0) {
          const reservation = await this.reservations.reserveIn(tx, ctx, {
            productId: line.productId,
            warehouseId: order.warehouseId,
            quantity: reserveQuantity,
            reference: order.soNumber,
            referenceType: 'sales_order',
            referenceId: order.id,
          });
          reservationId = reservation.id;
        }
        await setLineReservation(tx, line.id, reservationId, fits?.ok ? '0' : (fits?.rest ?? line.quantity));
      }
      if (short.length > 0 && !allowBackorder)
        throw SalesErrors.shortLines({ count: short.length }, { short_lines: short });
      const after = await this.setStatus(tx, id, 'confirmed');
      await recordAudit(tx, ctx, {
        action: 'sales_order.confirm',
        entityType: 'sales_order',
        entityId: id,
        before: { status: 'draft' },
        after: { status: 'confirmed', backorder_lines: short.length },
      });
      return this.publicOf(tx, after);
    });
  }

  /**
   * Ships reserved quantities: issues FEFO across lots and bins (lines by id or product), consumes
   * the reservation, keeps the rest reserved, and moves the order to (partially_)shipped.
   */
  async ship(ctx: RequestCtx, id: string, shipments: ShipmentLine[]) {
    return this.db.transaction(async (tx) => {
      const order = await this.load(tx, id, true);
      LIFECYCLE.require('ship', order.status, ['confirmed', 'partially_shipped']);
      const lines = await linesOf(tx, id);
      const postingId = uuidv7();
      const picked: ReturnType<typeof toPostedPublic>[] = [];
      const matched = shipments.map((shipment, index) => {
        const line = lines.find((l) =>
          shipment.line_id ? l.id === shipment.line_id : l.productId === shipment.product_id,
        );
        if (!line) {
          const error = SalesErrors.lineNotFound({ line: shipment.line_id ?? shipment.product_id ?? '' });
          throw atField(error, `lines.${index}.${shipment.line_id ? 'line_id' : 'product_id'}`);
        }
        return { shipment, line, index };
      });
      // Answered in the order asked, posted in balance order.
      const issues = [];
      for (const { shipment, line, index } of inBalanceOrder(matched, (m) => ({
        productId: m.line.productId,
      }))) {
        const reservation = line.reservationId ? await this.reservations.state(line.reservationId, tx) : null;
        const reserved = reservation?.status === 'active' ? reservation.quantity : 0;
        const quantity = decimal(shipment.quantity);
        if (compareDecimal(quantity, reserved) > 0 || !line.reservationId) {
          const error = SalesErrors.overShipment({ reserved, sku: line.sku, quantity: shipment.quantity });
          throw atField(error, `lines.${index}.quantity`);
        }
        const issue = await reservedIssueLine(
          tx,
          ctx,
          { stock: this.stock, reservations: this.reservations },
          line.reservationId,
          {
            movementType: 'issue',
            productId: line.productId,
            warehouseId: order.warehouseId,
            quantity: shipment.quantity,
            referenceType: 'sales_order',
            referenceId: id,
            referenceNumber: order.soNumber,
          },
          postingId,
        );
        issues.push({ issue, line, index, quantity });
      }
      // Every shipment line in one posting, out of what its reservation holds.
      const bodyIndex = issues.map((i) => i.index);
      const posted = await this.stock.postAll(
        tx,
        ctx,
        issues.map((i) => i.issue),
        (n) => `lines.${bodyIndex[n]}`,
      );
      for (const [n, { line, index, quantity }] of issues.entries()) {
        picked[index] = toPostedPublic(posted[n] as PostedMovement);
        await addShipped(tx, line.id, await stillHeld(tx, this.reservations, line.reservationId), quantity);
      }
      const status = (await allLinesShipped(tx, id)) ? 'shipped' : 'partially_shipped';
      const after = await this.setStatus(tx, id, status);
      await recordAudit(tx, ctx, {
        action: 'sales_order.ship',
        entityType: 'sales_order',
        entityId: id,
        before: { status: order.status },
        after: { status, posting_id: postingId },
      });
      return { ...(await this.publicOf(tx, after)), shipment: { posting_id: postingId, movements: picked } };
    });
  }

  /** Cancel (releasing every open reservation) or close (releasing what was not shipped). */
  async transition(ctx: RequestCtx, id: string, action: SalesAction) {
    return this.db.transaction(async (tx) => {
      const order = await this.load(tx, id, true);
      const to = LIFECYCLE.next(action, order.status);
      for (const line of await linesOf(tx, id)) {
        if (!line.reservationId) continue;
        const reservation = await this.reservations.state(line.reservationId, tx);
        if (reservation.status === 'active') await this.reservations.releaseIn(tx, ctx, line.reservationId);
      }
      const after = await this.setStatus(tx, id, to);
      await recordTransition(tx, ctx, {
        entityType: 'sales_order',
        entityId: id,
        action,
        from: order.status,
        to,
      });
      return this.publicOf(tx, after);
    });
  }

  async get(id: string) {
    return this.publicOf(this.db, await this.load(this.db, id));
  }

  /** Every order the filter matches, newest first: the query an export streams. */
  exportQuery(filter: SalesOrderFilter): SQL {
    return salesOrdersExportQuery(filter);
  }

  /** A page of orders; their lines, and what the lines' reservations hold, come in one query each. */
  async list(filter: SalesOrderFilter, page: PageRequest) {
    const { rows, total } = await listSalesOrders(this.db, filter, page);
    const lines = await linesOfOrders(
      this.db,
      rows.map((row) => row.id),
    );
    const held = await this.reservations.activeQuantities(
      this.db,
      reservationIdsOf([...lines.values()].flat()),
    );
    const items = rows.map((row) => toOrderPublic(row, lines.get(row.id) ?? [], held));
    return toPage(items, total, page);
  }
}
