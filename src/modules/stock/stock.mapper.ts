import type { MovementRow } from './ledger.repo.js';
import type { LotLabel, PostedMovement } from './stock.service.js';

function movementOf(row: MovementRow) {
  return {
    id: row.id,
    posting_id: row.posting_id,
    movement_type: row.movement_type,
    product_id: row.product_id,
    warehouse_id: row.warehouse_id,
    bin_id: row.bin_id,
    lot_id: row.lot_id,
    quantity: Number(row.quantity),
    unit_cost: row.unit_cost == null ? null : Number(row.unit_cost),
    reference_type: row.reference_type,
    reference_id: row.reference_id,
    reference_number: row.reference_number,
    reason: row.reason,
    notes: row.notes,
    reverses_id: row.reverses_id,
    // Just posted: nothing has reversed it yet.
    reversed_by_id: null,
    actor_id: row.actor_id,
    request_id: row.request_id,
    occurred_at: new Date(row.occurred_at).toISOString(),
    created_at: new Date(row.occurred_at).toISOString(),
  };
}

/**
 * A posting as the API shows it: the first ledger row's fields with the total quantity, and one
 * allocation per ledger row (the lots and bins an outbound movement was taken from).
 */
export function toPostedPublic(posted: PostedMovement) {
  const [first] = posted.rows;
  if (!first) throw new Error('a posting has at least one ledger row');
  const lotOf = (id: string | null): LotLabel | undefined => (id ? posted.lots.get(id) : undefined);
  return {
    ...movementOf(first),
    quantity: Number(posted.quantity),
    allocations: posted.rows.map((row) => ({
      movement_id: row.id,
      bin_id: row.bin_id,
      bin_code: row.bin_code,
      lot_id: row.lot_id,
      lot_number: lotOf(row.lot_id)?.lotNumber ?? null,
      expiry_date: lotOf(row.lot_id)?.expiryDate ?? null,
      quantity: Number(row.quantity),
    })),
  };
}
