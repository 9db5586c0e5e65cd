import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { decimal } from './quantity.js';
import type { ReservationsService } from './reservations.service.js';
import type { MovementInput, PostedMovement, StockService } from './stock.service.js';

/**
 * Issues stock a document had reserved (a sales shipment, a production consumption): the
 * reservation is closed, the quantity is issued FEFO in the same transaction (so nobody else can
 * take the freed stock first), and whatever the reservation held beyond it is reserved again.
 * Returns the posting and the reservation now holding the remainder, if any.
 */
export async function issueFromReservation(
  tx: DbOrTx,
  ctx: RequestCtx,
  deps: { stock: StockService; reservations: ReservationsService },
  reservationId: string | null,
  input: MovementInput,
  postingId: string,
): Promise<{ posted: PostedMovement; reservationId: string | null }> {
  const reservation = reservationId ? await deps.reservations.get(reservationId, tx) : null;
  const held = reservation?.status === 'active' ? reservation.quantity : 0;
  if (reservation?.status === 'active') await deps.reservations.releaseIn(tx, reservation.id, 'consumed');
  const posted = await deps.stock.postOne(tx, ctx, input, postingId);
  const result = (await tx.execute(
    sql`select greatest(${decimal(held)}::numeric - ${decimal(input.quantity)}::numeric, 0)::text as rest`,
  )) as unknown as { rows: { rest: string }[] };
  const rest = Number(result.rows[0]?.rest ?? 0);
  if (rest <= 0 || !reservation) return { posted, reservationId: null };
  const again = await deps.reservations.reserveIn(tx, ctx, {
    productId: reservation.product_id,
    warehouseId: reservation.warehouse_id,
    lotId: reservation.lot_id,
    quantity: rest,
    reference: reservation.reference,
    referenceType: reservation.reference_type,
    referenceId: reservation.reference_id,
  });
  return { posted, reservationId: again.id };
}
