import type { DbOrTx } from '../../db/client.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { metaOf, type PostLine } from './post-lines.js';
import type { ReservationsService } from './reservations.service.js';
import type { MovementInput, StockService } from './stock.service.js';

/**
 * The line that issues stock a document had reserved (a sales shipment, a production
 * consumption): out of what the reservation holds first, the rest FEFO. A reservation that is no
 * longer active (released, expired) leaves a plain FEFO issue.
 */
export async function reservedIssueLine(
  tx: DbOrTx,
  ctx: RequestCtx,
  deps: { stock: StockService; reservations: ReservationsService },
  reservationId: string | null,
  input: MovementInput,
  postingId: string,
): Promise<PostLine> {
  const line = deps.stock.lineOf(ctx, input, postingId);
  const reservation = reservationId ? await deps.reservations.state(reservationId, tx) : null;
  if (reservation?.status !== 'active' || line.kind !== 'take') return line;
  return { ...metaOf(line), kind: 'takeReserved', reservationId: reservation.id, quantity: line.quantity };
}

/** The reservation a document line still holds after its issue posted: null once used up. */
export async function stillHeld(
  tx: DbOrTx,
  reservations: ReservationsService,
  reservationId: string | null,
): Promise<string | null> {
  if (!reservationId) return null;
  return (await reservations.state(reservationId, tx)).status === 'active' ? reservationId : null;
}
