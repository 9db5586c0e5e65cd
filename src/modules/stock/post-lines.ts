import type { RequestCtx } from '../../platform/request-ctx.js';
import type { MovementType } from './movement-types.js';

/** What every ledger row of a line records besides the stock itself: why, and for which document. */
export interface LineMeta {
  type: MovementType;
  postingId: string;
  unitCost?: string | null;
  referenceType?: string | null;
  referenceId?: string | null;
  referenceNumber?: string | null;
  reason?: string | null;
  notes?: string;
  reversesId?: string | null;
}

/** Which stock a line moves, and how much. */
interface StockLine extends LineMeta {
  productId: string;
  warehouseId: string;
  /** The magnitude, an exact decimal string. */
  quantity: string;
  /** An add without one goes to the warehouse's default bin; a take without one takes from any. */
  binId?: string | null;
  lotId?: string | null;
  /** An add creates the lot if it is new. */
  lotNumber?: string | null;
}

/** Into one balance: a receipt, a return, production output, a transfer's arrival. */
export interface AddLine extends StockLine {
  kind: 'add';
  expiryDate?: string | null;
  /** A reversal may give stock back to a product deleted since. */
  allowInactive?: boolean;
}

/** Out of available stock (on hand − reserved): FEFO, or from the named bin or lot. */
export interface TakeLine extends StockLine {
  kind: 'take';
  /** Expired lots too (write-offs, reversals, or a manager's forced issue). */
  includeExpired?: boolean;
  /** A manager forced expired stock out: audited. */
  forced?: boolean;
}

/**
 * Out of what a reservation holds (earliest expiry first): all of it by default, which ends it as
 * consumed. With a quantity, a reservation holding more keeps holding the rest; one holding less
 * gives all it holds and the rest comes FEFO from available stock.
 */
export interface TakeReservedLine extends LineMeta {
  kind: 'takeReserved';
  reservationId: string;
  quantity?: string;
}

export type PostLine = AddLine | TakeLine | TakeReservedLine;

/**
 * A reservation's change of `reserved`, with no ledger row: `hold` takes available stock FEFO
 * (not expired) into it, `release` gives back everything it holds.
 */
export type ReservationLine =
  | {
      kind: 'hold';
      reservationId: string;
      productId: string;
      warehouseId: string;
      binId?: string | null;
      lotId?: string | null;
      quantity: string;
    }
  | { kind: 'release'; reservationId: string };

/** A reservation line as `stock_post` reads it. */
export function reservationLineJson(line: ReservationLine, requestId: string) {
  const common = {
    line: 0,
    grp: 0,
    kind: line.kind,
    reservation_id: line.reservationId,
    request_id: requestId,
  };
  if (line.kind === 'release') return common;
  return {
    ...common,
    product_id: line.productId,
    warehouse_id: line.warehouseId,
    bin_id: line.binId ?? null,
    lot_id: line.lotId ?? null,
    quantity: line.quantity,
  };
}

/** The why and for which document of a line, to carry over to another. */
export function metaOf(line: LineMeta): LineMeta {
  return {
    type: line.type,
    postingId: line.postingId,
    unitCost: line.unitCost,
    referenceType: line.referenceType,
    referenceId: line.referenceId,
    referenceNumber: line.referenceNumber,
    reason: line.reason,
    notes: line.notes,
    reversesId: line.reversesId,
  };
}

/** A line as `stock_post` reads it (migration 0012). */
export function lineJson(line: PostLine, index: number, group: number, ctx: RequestCtx) {
  // One flat object of one shape for every kind (absent fields null): this runs for every line
  // of every batch, and spreads of varying shapes cost more than the rest of it.
  const stock = line.kind === 'takeReserved' ? null : line;
  return {
    line: index,
    grp: group,
    kind: line.kind === 'takeReserved' ? 'take_reserved' : line.kind,
    movement_type: line.type,
    posting_id: line.postingId,
    product_id: stock?.productId ?? null,
    warehouse_id: stock?.warehouseId ?? null,
    bin_id: stock?.binId ?? null,
    lot_id: stock?.lotId ?? null,
    lot_number: stock?.lotNumber ?? null,
    expiry_date: line.kind === 'add' ? (line.expiryDate ?? null) : null,
    quantity: line.quantity ?? null,
    include_expired: line.kind === 'take' ? Boolean(line.includeExpired) : null,
    allow_inactive: line.kind === 'add' ? Boolean(line.allowInactive) : null,
    reservation_id: line.kind === 'takeReserved' ? line.reservationId : null,
    unit_cost: line.unitCost ?? null,
    reference_type: line.referenceType ?? null,
    reference_id: line.referenceId ?? null,
    reference_number: line.referenceNumber ?? null,
    reason: line.reason ?? null,
    notes: line.notes ?? '',
    reverses_id: line.reversesId ?? null,
    actor_id: ctx.actor?.id ?? null,
    request_id: ctx.requestId,
  };
}
