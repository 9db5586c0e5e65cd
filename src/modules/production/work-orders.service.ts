import type { SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { type Names, namesOf } from '../../db/names.js';
import {
  compareDecimal,
  decimal,
  multiplyDecimal,
  subtractDecimal,
  sumDecimals,
} from '../../platform/decimal.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { nextDocumentNumber } from '../../platform/sequences.js';
import { StateMachine } from '../../platform/state-machine.js';
import { recordAudit, recordTransition } from '../audit/index.js';
import type { ProductsService } from '../catalog/index.js';
import type { BinsService } from '../locations/index.js';
import type { PostedMovement, ReservationsService, StockService } from '../stock/index.js';
import { reservedIssueLine, stillHeld, toPostedPublic } from '../stock/index.js';
import { ProductionErrors } from './production.errors.js';
import {
  addConsumed,
  addProduced,
  componentsOf,
  componentsOfOrders,
  findWorkOrder,
  insertComponent,
  insertWorkOrder,
  listWorkOrders,
  setComponentReservation,
  updateWorkOrder,
  type WorkOrderComponentRow,
  type WorkOrderFilter,
  type WorkOrderRow,
  workOrdersExportQuery,
} from './production.repo.js';
import type { ProduceBody, WorkOrderCreate } from './production.schemas.js';

const LIFECYCLE = new StateMachine(
  {
    start: { from: ['released'], to: 'in_progress' },
    cancel: { from: ['planned', 'released', 'in_progress'], to: 'cancelled' },
  },
  ProductionErrors.illegalTransition,
);
type WorkOrderAction = keyof typeof LIFECYCLE.transitions;

/** A work order as clients see it, each component with what the whole order needs of it. */
function toWorkOrderPublic(order: WorkOrderRow, components: WorkOrderComponentRow[], names: Names) {
  const product = (id: string) => names.products.get(id);
  const required = new Map<string, number>();
  for (const c of components) {
    required.set(c.id, Number(multiplyDecimal(c.quantityPerUnit, order.quantity)));
  }
  return {
    id: order.id,
    wo_number: order.woNumber,
    product_id: order.productId,
    sku: product(order.productId)?.sku ?? '',
    product_name: product(order.productId)?.name ?? '',
    warehouse_id: order.warehouseId,
    warehouse_code: names.warehouses.get(order.warehouseId) ?? '',
    quantity: Number(order.quantity),
    produced_quantity: Number(order.producedQuantity),
    priority: order.priority,
    due_date: order.dueDate,
    status: order.status,
    progress: order.progress,
    notes: order.notes,
    components: components.map((c) => ({
      id: c.id,
      product_id: c.productId,
      sku: product(c.productId)?.sku ?? '',
      product_name: product(c.productId)?.name ?? '',
      quantity_per_unit: Number(c.quantityPerUnit),
      required_quantity: required.get(c.id) ?? 0,
      consumed_quantity: Number(c.consumedQuantity),
      reservation_id: c.reservationId,
    })),
    version: order.version,
    created_at: order.createdAt.toISOString(),
    updated_at: order.updatedAt.toISOString(),
  };
}

/** The names of the orders' products (made and consumed) and warehouses. */
function orderNames(db: DbOrTx, orders: WorkOrderRow[], components: WorkOrderComponentRow[]) {
  return namesOf(db, {
    products: [...orders.map((o) => o.productId), ...components.map((c) => c.productId)],
    warehouses: orders.map((o) => o.warehouseId),
  });
}

/**
 * Work orders (seed 003): planned → released (components reserved) → in_progress → completed,
 * or cancelled. Producing consumes components FEFO (`production_consume`) and receives the output
 * (`production_output`) in one transaction; short components → 409 and nothing posted.
 */
export class WorkOrdersService {
  constructor(
    private readonly db: Db,
    private readonly products: ProductsService,
    private readonly bins: BinsService,
    private readonly stock: StockService,
    private readonly reservations: ReservationsService,
  ) {}

  private async load(db: DbOrTx, id: string, lock = false): Promise<WorkOrderRow> {
    const row = await findWorkOrder(db, id, lock);
    if (!row) throw ProductionErrors.notFound();
    return row;
  }

  private async publicOf(db: DbOrTx, order: WorkOrderRow) {
    const components = await componentsOf(db, order.id);
    return toWorkOrderPublic(order, components, await orderNames(db, [order], components));
  }

  async create(ctx: RequestCtx, input: WorkOrderCreate) {
    if (input.components.some((c) => c.product_id === input.product_id))
      throw ProductionErrors.componentIsOutput();
    return this.db.transaction(async (tx) => {
      await this.products.requireActive(tx, input.product_id);
      await this.bins.resolve(tx, input.warehouse_id, null);
      const number = await nextDocumentNumber(tx, 'WO');
      const order = await insertWorkOrder(tx, {
        id: uuidv7(),
        woNumber: number,
        productId: input.product_id,
        warehouseId: input.warehouse_id,
        quantity: decimal(input.quantity),
        priority: input.priority ?? 'normal',
        dueDate: input.due_date ?? null,
        notes: input.notes ?? '',
        createdBy: ctx.actor?.id ?? null,
      });
      for (const component of input.components) {
        await this.products.requireActive(tx, component.product_id);
        await insertComponent(tx, {
          id: uuidv7(),
          workOrderId: order.id,
          productId: component.product_id,
          quantityPerUnit: decimal(component.quantity_per_unit),
        });
      }
      await recordAudit(tx, ctx, {
        action: 'work_order.create',
        entityType: 'work_order',
        entityId: order.id,
        after: { wo_number: number, quantity: order.quantity },
      });
      return this.publicOf(tx, order);
    });
  }

  /** Reserves every component for the whole order (INSUFFICIENT_STOCK and nothing reserved when short). */
  async release(ctx: RequestCtx, id: string) {
    return this.db.transaction(async (tx) => {
      const order = await this.load(tx, id, true);
      LIFECYCLE.require('release', order.status, ['planned']);
      for (const component of await componentsOf(tx, id)) {
        const need = multiplyDecimal(component.quantityPerUnit, order.quantity);
        const reservation = await this.reservations.reserveIn(tx, ctx, {
          productId: component.productId,
          warehouseId: order.warehouseId,
          quantity: Number(need),
          reference: order.woNumber,
          referenceType: 'work_order',
          referenceId: id,
        });
        await setComponentReservation(tx, component.id, reservation.id);
      }
      const after = await updateWorkOrder(tx, id, { status: 'released' });
      await recordAudit(tx, ctx, {
        action: 'work_order.release',
        entityType: 'work_order',
        entityId: id,
        before: { status: 'planned' },
        after: { status: 'released' },
      });
      return this.publicOf(tx, after);
    });
  }

  async transition(ctx: RequestCtx, id: string, action: WorkOrderAction) {
    return this.db.transaction(async (tx) => {
      const order = await this.load(tx, id, true);
      const to = LIFECYCLE.next(action, order.status);
      if (action === 'cancel') {
        for (const component of await componentsOf(tx, id)) {
          if (!component.reservationId) continue;
          const reservation = await this.reservations.state(component.reservationId, tx);
          if (reservation.status === 'active')
            await this.reservations.releaseIn(tx, ctx, component.reservationId);
        }
      }
      const after = await updateWorkOrder(tx, id, { status: to });
      await recordTransition(tx, ctx, {
        entityType: 'work_order',
        entityId: id,
        action,
        from: order.status,
        to,
      });
      return this.publicOf(tx, after);
    });
  }

  /** Progress (0–100) is reported while the order is in progress. */
  async setProgress(ctx: RequestCtx, id: string, progress: number) {
    return this.db.transaction(async (tx) => {
      const order = await this.load(tx, id, true);
      LIFECYCLE.require('report progress on', order.status, ['in_progress']);
      const after = await updateWorkOrder(tx, id, { progress });
      await recordAudit(tx, ctx, {
        action: 'work_order.progress',
        entityType: 'work_order',
        entityId: id,
        before: { progress: order.progress },
        after: { progress },
      });
      return this.publicOf(tx, after);
    });
  }

  /**
   * Produces `quantity` (all that is left when omitted): consumes quantity × per-unit of every
   * component, receives the output with an optional lot, and completes the order when all is made.
   */
  async produce(ctx: RequestCtx, id: string, input: ProduceBody) {
    return this.db.transaction(async (tx) => {
      const order = await this.load(tx, id, true);
      LIFECYCLE.require('produce', order.status, ['released', 'in_progress']);
      const left = subtractDecimal(order.quantity, order.producedQuantity);
      const quantity = input.quantity ?? Number(left);
      if (compareDecimal(quantity, left) > 0)
        throw ProductionErrors.overProduction({
          quantity,
          ordered: Number(order.quantity),
          produced: Number(order.producedQuantity),
        });
      const postingId = uuidv7();
      const reference = { referenceType: 'work_order', referenceId: id, referenceNumber: order.woNumber };
      const components = [];
      for (const component of await componentsOf(tx, id)) {
        const need = multiplyDecimal(component.quantityPerUnit, quantity);
        const line = await reservedIssueLine(
          tx,
          ctx,
          { stock: this.stock, reservations: this.reservations },
          component.reservationId,
          {
            movementType: 'production_consume',
            productId: component.productId,
            warehouseId: order.warehouseId,
            quantity: Number(need),
            ...reference,
          },
          postingId,
        );
        components.push({ component, need, line });
      }
      const outputLine = this.stock.lineOf(
        ctx,
        {
          movementType: 'production_output',
          productId: order.productId,
          warehouseId: order.warehouseId,
          binId: input.bin_id,
          quantity,
          lotNumber: input.lot_number,
          expiryDate: input.expiry_date,
          ...reference,
        },
        postingId,
      );
      // Consumption and output in one posting: the components out, then the product in.
      const posted = await this.stock.postAll(tx, ctx, [...components.map((c) => c.line), outputLine]);
      const output = posted[components.length] as PostedMovement;
      for (const { component, need } of components) {
        await addConsumed(
          tx,
          component.id,
          await stillHeld(tx, this.reservations, component.reservationId),
          need,
        );
      }
      const consumed = posted.slice(0, components.length).map((p) => toPostedPublic(p));
      const done = compareDecimal(sumDecimals([order.producedQuantity, quantity]), order.quantity) >= 0;
      const after = await addProduced(
        tx,
        id,
        decimal(quantity),
        done ? { status: 'completed', progress: 100 } : { status: 'in_progress' },
      );
      await recordAudit(tx, ctx, {
        action: 'work_order.produce',
        entityType: 'work_order',
        entityId: id,
        before: { status: order.status },
        after: { status: after.status, produced: after.producedQuantity, posting_id: postingId },
      });
      return {
        ...(await this.publicOf(tx, after)),
        production: { posting_id: postingId, consumed, output: toPostedPublic(output) },
      };
    });
  }

  async get(id: string) {
    return this.publicOf(this.db, await this.load(this.db, id));
  }

  /** Every order the filter matches, newest first: the query an export streams. */
  exportQuery(filter: WorkOrderFilter): SQL {
    return workOrdersExportQuery(filter);
  }

  /** A page of orders; the components of all of them come in one query, and all their names in one. */
  async list(filter: WorkOrderFilter, page: PageRequest) {
    const { rows, total } = await listWorkOrders(this.db, filter, page);
    const components = await componentsOfOrders(
      this.db,
      rows.map((row) => row.id),
    );
    const names = await orderNames(this.db, rows, [...components.values()].flat());
    const items = rows.map((row) => toWorkOrderPublic(row, components.get(row.id) ?? [], names));
    return toPage(items, total, page);
  }
}
