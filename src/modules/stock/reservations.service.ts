import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { type Names, namesOf } from '../../db/names.js';
import { decimal } from '../../platform/decimal.js';
import { invalidFields } from '../../platform/errors.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import { type RequestCtx, schedulerCtx } from '../../platform/request-ctx.js';
import { defineMessages } from '../../platform/translations.js';
import { recordAudit } from '../audit/index.js';
import type { ProductsService } from '../catalog/index.js';
import type { BinsService } from '../locations/index.js';
import {
  type AllocationRow,
  activeQuantities,
  allocationsOfMany,
  type ClosedStatus,
  closeReservation,
  expiredReservationIds,
  findReservation,
  insertReservation,
  listReservations,
  lockReservation,
  type ReservationFilter,
  type ReservationRow,
} from './reservations.repo.js';
import type { ReservationCreate } from './reservations.schemas.js';
import { StockErrors } from './stock.errors.js';
import type { StockService } from './stock.service.js';

const NOT_IN_FUTURE = defineMessages('reason.reservation.expiry_past', {
  en: 'must be in the future',
  hu: 'a jövőben kell legyen',
});

/**
 * A hold as orders, work orders and transfers ask for it inside their own transaction (with the
 * document it is for); `POST /reservations` gives a `ReservationCreate`, turned into one by `reserve`.
 */
export interface ReserveInput {
  productId: string;
  warehouseId: string;
  binId?: string | null;
  lotId?: string | null;
  quantity: number;
  expiresAt?: Date | null;
  reference?: string;
  referenceType?: string | null;
  referenceId?: string | null;
}

function toReservationPublic(row: ReservationRow, allocations: AllocationRow[] = [], names: Names) {
  const product = names.products.get(row.productId);
  return {
    id: row.id,
    product_id: row.productId,
    sku: product?.sku ?? '',
    product_name: product?.name ?? '',
    warehouse_id: row.warehouseId,
    warehouse_code: names.warehouses.get(row.warehouseId) ?? '',
    lot_id: row.lotId,
    lot_number: row.lotId ? (names.lots.get(row.lotId) ?? null) : null,
    quantity: Number(row.quantity),
    status: row.status,
    reference: row.reference,
    reference_type: row.referenceType,
    reference_id: row.referenceId,
    expires_at: row.expiresAt?.toISOString() ?? null,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    closed_at: row.closedAt?.toISOString() ?? null,
    allocations: allocations.map((a) => ({
      bin_id: a.bin_id,
      bin_code: a.bin_code,
      lot_id: a.lot_id,
      lot_number: a.lot_number,
      expiry_date: a.expiry_date,
      quantity: Number(a.quantity),
    })),
  };
}

/** The names of the reservations' products, warehouses and lots. */
function reservationNames(db: DbOrTx, reservations: ReservationRow[]) {
  return namesOf(db, {
    products: reservations.map((r) => r.productId),
    warehouses: reservations.map((r) => r.warehouseId),
    lots: reservations.map((r) => r.lotId),
  });
}

/**
 * Reservations hold available stock (seed 001) for an order or a transfer: `available` is
 * `on_hand − reserved` everywhere. They end consumed (stock shipped), released, or expired by the
 * scheduled sweep.
 */
export class ReservationsService {
  constructor(
    private readonly db: Db,
    private readonly products: ProductsService,
    private readonly bins: BinsService,
    private readonly stock: StockService,
  ) {}

  private async publicOf(db: DbOrTx, row: ReservationRow) {
    const [held, names] = await Promise.all([allocationsOfMany(db, [row.id]), reservationNames(db, [row])]);
    return toReservationPublic(row, held.get(row.id), names);
  }

  /** Reserves inside the caller's transaction (orders and transfers); INSUFFICIENT_STOCK when short. */
  async reserveIn(tx: DbOrTx, ctx: RequestCtx, input: ReserveInput): Promise<ReservationRow> {
    await this.products.requireExisting(tx, input.productId);
    await this.bins.resolve(tx, input.warehouseId, input.binId);
    const quantity = decimal(input.quantity);
    const reservation = await insertReservation(tx, {
      id: uuidv7(),
      productId: input.productId,
      warehouseId: input.warehouseId,
      lotId: input.lotId ?? null,
      quantity,
      reference: input.reference ?? '',
      referenceType: input.referenceType ?? null,
      referenceId: input.referenceId ?? null,
      expiresAt: input.expiresAt ?? null,
      createdBy: ctx.actor?.id ?? null,
    });
    await this.stock.reserve(tx, ctx, {
      kind: 'hold',
      reservationId: reservation.id,
      productId: input.productId,
      warehouseId: input.warehouseId,
      binId: input.binId,
      lotId: input.lotId,
      quantity,
    });
    return reservation;
  }

  /** `POST /reservations`: holds until `expires_at`, or `ttl_minutes` (else `defaultTtlMinutes`) from now. */
  async reserve(ctx: RequestCtx, body: ReservationCreate, defaultTtlMinutes: number) {
    const expiresAt = body.expires_at
      ? new Date(body.expires_at)
      : new Date(Date.now() + (body.ttl_minutes ?? defaultTtlMinutes) * 60_000);
    if (expiresAt.getTime() <= Date.now()) {
      throw invalidFields({
        field: 'expires_at',
        messages: NOT_IN_FUTURE,
      });
    }
    const input: ReserveInput = {
      productId: body.product_id,
      warehouseId: body.warehouse_id,
      binId: body.bin_id,
      lotId: body.lot_id,
      quantity: body.quantity,
      expiresAt,
      reference: body.reference,
    };
    return this.db.transaction(async (tx) => {
      const row = await this.reserveIn(tx, ctx, input);
      await recordAudit(tx, ctx, {
        action: 'reservation.create',
        entityType: 'reservation',
        entityId: row.id,
        after: {
          product_id: row.productId,
          warehouse_id: row.warehouseId,
          quantity: row.quantity,
          reference: row.reference,
        },
      });
      return this.publicOf(tx, row);
    });
  }

  private async lockActive(tx: DbOrTx, id: string): Promise<ReservationRow> {
    const row = await lockReservation(tx, id);
    if (!row) throw StockErrors.reservationNotFound();
    if (row.status !== 'active') throw StockErrors.reservationClosed({ status: row.status });
    return row;
  }

  /** Ends an active reservation without shipping: its stock is available again. */
  async releaseIn(
    tx: DbOrTx,
    ctx: RequestCtx,
    id: string,
    status: ClosedStatus = 'released',
  ): Promise<ReservationRow> {
    await this.lockActive(tx, id);
    await this.stock.reserve(tx, ctx, { kind: 'release', reservationId: id });
    return closeReservation(tx, id, status);
  }

  async release(ctx: RequestCtx, id: string) {
    return this.db.transaction(async (tx) => {
      const row = await this.releaseIn(tx, ctx, id);
      await recordAudit(tx, ctx, {
        action: 'reservation.release',
        entityType: 'reservation',
        entityId: id,
        before: { status: 'active' },
        after: { status: row.status },
      });
      return this.publicOf(tx, row);
    });
  }

  /** What each active one of these reservations holds (closed and unknown ones are left out). */
  async activeQuantities(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    return new Map((await activeQuantities(db, ids)).map((row) => [row.id, row.quantity]));
  }

  /** One reservation as clients read it: allocations and names. */
  async get(id: string, db: DbOrTx = this.db) {
    const row = await findReservation(db, id);
    if (!row) throw StockErrors.reservationNotFound();
    return this.publicOf(db, row);
  }

  /**
   * What a document needs of a reservation it holds, one row read: whether it is still active and
   * how much it holds. Pass the transaction when inside one (another connection would not see its
   * rows yet).
   */
  async state(id: string, db: DbOrTx): Promise<{ id: string; status: string; quantity: number }> {
    const row = await findReservation(db, id);
    if (!row) throw StockErrors.reservationNotFound();
    return { id: row.id, status: row.status, quantity: Number(row.quantity) };
  }

  async list(filter: ReservationFilter, page: PageRequest) {
    const { rows, total } = await listReservations(this.db, filter, page);
    // The page's allocations in one query, and its names in one, not one per reservation.
    const [held, names] = await Promise.all([
      allocationsOfMany(
        this.db,
        rows.map((row) => row.id),
      ),
      reservationNames(this.db, rows),
    ]);
    const items = rows.map((row) => toReservationPublic(row, held.get(row.id), names));
    return toPage(items, total, page);
  }

  /**
   * The scheduled sweep: expires every active reservation whose time is up at `now` (a
   * parameter, so tests drive it with a controlled clock). Each in its own short transaction.
   */
  async releaseExpired(now: Date = new Date()): Promise<number> {
    const due = await expiredReservationIds(this.db, now, 1000);
    const scheduler = schedulerCtx('release-expired-reservations');
    let released = 0;
    for (const id of due) {
      try {
        await this.db.transaction(async (tx) => {
          await this.releaseIn(tx, scheduler, id, 'expired');
          await recordAudit(tx, scheduler, {
            action: 'reservation.expire',
            entityType: 'reservation',
            entityId: id,
            before: { status: 'active' },
            after: { status: 'expired' },
          });
        });
        released += 1;
      } catch (error) {
        // Consumed or released by someone else in the meantime: nothing left to expire.
        if ((error as { code?: string }).code !== 'RESERVATION_NOT_ACTIVE') throw error;
      }
    }
    return released;
  }
}
