import { and, asc, count, desc, eq, gte, lte, or, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { containsPattern } from '../../db/search.js';
import { compareDecimal, decimal, minDecimal, subtractDecimal } from '../../platform/decimal.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { nextDocumentNumber } from '../../platform/sequences.js';
import { recordAudit } from '../audit/index.js';
import type { ProductsService } from '../catalog/index.js';
import { type LineProductRef, OrderErrors, orderLineValues, recomputeOrderTotals } from '../orders/index.js';
import type { PartnersService } from '../partners/index.js';
import type { PostedMovement, ReservationsService, StockService } from '../stock/index.js';
import { inBalanceOrder, reservedIssueLine, stillHeld, toPostedPublic } from '../stock/index.js';
import { SalesErrors } from './sales.errors.js';
import { salesOrderLines, salesOrders } from './sales.tables.js';

type OrderRow = typeof salesOrders.$inferSelect;
type LineRow = typeof salesOrderLines.$inferSelect;

export interface SalesOrderInput {
  customer_id?: string;
  customer_code?: string;
  warehouse_id: string;
  order_date?: string;
  tax_rate?: number;
  notes?: string;
  lines?: (LineProductRef & { quantity: number; unit_price: number; material_name?: string })[];
  line_items?: (LineProductRef & { quantity: number; unit_price: number; material_name?: string })[];
}

const TRANSITIONS = {
  cancel: { from: ['draft', 'confirmed', 'partially_shipped'], to: 'cancelled' },
  close: { from: ['shipped', 'partially_shipped'], to: 'closed' },
} as const;

function toLinePublic(line: LineRow, reserved: number) {
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

  private async load(db: DbOrTx, id: string, lock = false): Promise<OrderRow> {
    const query = db.select().from(salesOrders).where(eq(salesOrders.id, id));
    const [order] = await (lock ? query.for('update') : query);
    if (!order) throw SalesErrors.notFound();
    return order;
  }

  private async linesOf(db: DbOrTx, id: string): Promise<LineRow[]> {
    return db
      .select()
      .from(salesOrderLines)
      .where(eq(salesOrderLines.salesOrderId, id))
      .orderBy(asc(salesOrderLines.lineNo));
  }

  private async publicOf(db: DbOrTx, order: OrderRow) {
    const lines = await this.linesOf(db, order.id);
    const held = await this.reservations.activeQuantities(
      db,
      lines.flatMap((line) => (line.reservationId ? [line.reservationId] : [])),
    );
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
      tax_rate: Number(order.taxRate),
      subtotal: Number(order.subtotal),
      tax_amount: Number(order.taxAmount),
      total: Number(order.total),
      notes: order.notes,
      lines: publicLines,
      line_items: publicLines,
      version: order.version,
      created_at: order.createdAt.toISOString(),
      updated_at: order.updatedAt.toISOString(),
    };
  }

  private async setStatus(tx: DbOrTx, id: string, status: string): Promise<OrderRow> {
    const [row] = await tx
      .update(salesOrders)
      .set({ status, version: sql`${salesOrders.version} + 1`, updatedAt: sql`now()` })
      .where(eq(salesOrders.id, id))
      .returning();
    return row as OrderRow;
  }

  async create(ctx: RequestCtx, input: SalesOrderInput) {
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
      const [row] = await tx
        .insert(salesOrders)
        .values({
          id: uuidv7(),
          soNumber: number,
          customerId: customer.id,
          customerName: customer.name,
          warehouseId: input.warehouse_id,
          orderDate: input.order_date ?? new Date().toISOString().slice(0, 10),
          taxRate: decimal(input.tax_rate ?? 0),
          notes: input.notes ?? '',
          createdBy: ctx.actor?.id ?? null,
        })
        .returning();
      const order = row as OrderRow;
      for (const [index, line] of lines.entries()) {
        await tx
          .insert(salesOrderLines)
          .values({ ...(await orderLineValues(this.products, tx, line, index)), salesOrderId: order.id });
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
      if (order.status !== 'draft')
        throw SalesErrors.illegalTransition({ action: 'confirm', status: order.status });
      const short: { line_id: string; sku: string; requested: number; available: number }[] = [];
      const lines = [...(await this.linesOf(tx, id))].sort((a, b) =>
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
        await tx
          .update(salesOrderLines)
          .set({ reservationId, backorderQuantity: fits?.ok ? '0' : (fits?.rest ?? line.quantity) })
          .where(eq(salesOrderLines.id, line.id));
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
  async ship(
    ctx: RequestCtx,
    id: string,
    shipments: { line_id?: string; product_id?: string; quantity: number }[],
  ) {
    return this.db.transaction(async (tx) => {
      const order = await this.load(tx, id, true);
      if (!['confirmed', 'partially_shipped'].includes(order.status))
        throw SalesErrors.illegalTransition({ action: 'ship', status: order.status });
      const lines = await this.linesOf(tx, id);
      const postingId = uuidv7();
      const picked: ReturnType<typeof toPostedPublic>[] = [];
      const matched = shipments.map((shipment, index) => {
        const line = lines.find((l) =>
          shipment.line_id ? l.id === shipment.line_id : l.productId === shipment.product_id,
        );
        if (!line) throw SalesErrors.lineNotFound({ line: shipment.line_id ?? shipment.product_id ?? '' });
        return { shipment, line, index };
      });
      // Answered in the order asked, posted in balance order.
      const issues = [];
      for (const { shipment, line, index } of inBalanceOrder(matched, (m) => ({
        productId: m.line.productId,
      }))) {
        const reservation = line.reservationId ? await this.reservations.get(line.reservationId, tx) : null;
        const reserved = reservation?.status === 'active' ? reservation.quantity : 0;
        const quantity = decimal(shipment.quantity);
        if (compareDecimal(quantity, reserved) > 0 || !line.reservationId)
          throw SalesErrors.overShipment({ reserved, sku: line.sku, quantity: shipment.quantity });
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
      const posted = await this.stock.postAll(
        tx,
        ctx,
        issues.map((i) => i.issue),
      );
      for (const [n, { line, index, quantity }] of issues.entries()) {
        picked[index] = toPostedPublic(posted[n] as PostedMovement);
        await tx
          .update(salesOrderLines)
          .set({
            reservationId: await stillHeld(tx, this.reservations, line.reservationId),
            shippedQuantity: sql`${salesOrderLines.shippedQuantity} + ${quantity}::numeric`,
          })
          .where(eq(salesOrderLines.id, line.id));
      }
      const [state] = (
        (await tx.execute(
          sql`select bool_and(shipped_quantity >= quantity) as done from sales_order_lines where sales_order_id = ${id}::uuid`,
        )) as unknown as { rows: { done: boolean }[] }
      ).rows;
      const status = state?.done ? 'shipped' : 'partially_shipped';
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
  async transition(ctx: RequestCtx, id: string, action: keyof typeof TRANSITIONS) {
    const rule = TRANSITIONS[action];
    return this.db.transaction(async (tx) => {
      const order = await this.load(tx, id, true);
      if (!(rule.from as readonly string[]).includes(order.status))
        throw SalesErrors.illegalTransition({ action, status: order.status });
      for (const line of await this.linesOf(tx, id)) {
        if (!line.reservationId) continue;
        const reservation = await this.reservations.get(line.reservationId, tx);
        if (reservation.status === 'active') await this.reservations.releaseIn(tx, ctx, line.reservationId);
      }
      const after = await this.setStatus(tx, id, rule.to);
      await recordAudit(tx, ctx, {
        action: `sales_order.${action}`,
        entityType: 'sales_order',
        entityId: id,
        before: { status: order.status },
        after: { status: rule.to },
      });
      return this.publicOf(tx, after);
    });
  }

  async get(id: string) {
    return this.publicOf(this.db, await this.load(this.db, id));
  }

  async list(
    filter: { status?: string; customerId?: string; from?: string; to?: string; search?: string },
    page: PageRequest,
  ) {
    const conditions: (SQL | undefined)[] = [
      filter.status ? eq(salesOrders.status, filter.status) : undefined,
      filter.customerId ? eq(salesOrders.customerId, filter.customerId) : undefined,
      filter.from ? gte(salesOrders.orderDate, filter.from) : undefined,
      filter.to ? lte(salesOrders.orderDate, filter.to) : undefined,
    ];
    if (filter.search) {
      const pattern = containsPattern(filter.search);
      conditions.push(
        or(sql`${salesOrders.soNumber} ilike ${pattern}`, sql`${salesOrders.customerName} ilike ${pattern}`),
      );
    }
    const where = and(...conditions);
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(salesOrders)
        .where(where)
        .orderBy(desc(salesOrders.soNumber))
        .limit(page.pageSize)
        .offset(page.offset),
      this.db.select({ n: count() }).from(salesOrders).where(where),
    ]);
    const items = [];
    for (const row of rows) items.push(await this.publicOf(this.db, row));
    return toPage(items, total?.n ?? 0, page);
  }
}
