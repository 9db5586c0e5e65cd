import { sql } from 'drizzle-orm';
import { bigint, check, integer, numeric, pgTable, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.js';

/**
 * A balance snapshot: every balance as of `cut_at` (the ledger's rows that occurred up to then),
 * so `as_of` and `verify` add only the ledger since instead of summing all history.
 * Append-only: a trigger refuses changes other than recording a verification.
 */
export const stockSnapshots = pgTable(
  'stock_snapshots',
  {
    id: id(),
    cutAt: timestamp('cut_at', { withTimezone: true }).notNull(),
    /** Ledger rows up to the cut, and balances the snapshot holds. */
    movements: bigint('movements', { mode: 'number' }).notNull(),
    balances: integer('balances').notNull(),
    /** The snapshot it was built from (with the ledger between the two cuts); null: from the ledger alone. */
    basedOn: uuid('based_on'),
    takenBy: uuid('taken_by'),
    createdAt: createdAt(),
    /** When a full recount of the ledger up to the cut last matched it. */
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
  },
  (t) => [unique('stock_snapshots_cut_key').on(t.cutAt)],
);

/** The balances of one snapshot, per product, warehouse, bin and lot. Append-only. */
export const stockSnapshotBalances = pgTable(
  'stock_snapshot_balances',
  {
    snapshotId: uuid('snapshot_id')
      .notNull()
      .references(() => stockSnapshots.id),
    productId: uuid('product_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    binId: uuid('bin_id').notNull(),
    lotId: uuid('lot_id'),
    onHand: numeric('on_hand', { precision: 18, scale: 4, mode: 'string' }).notNull(),
  },
  (t) => [
    // It also INCLUDEs on_hand (migration 0028; not expressible here): as_of reads a warehouse's
    // snapshot balances from the index alone.
    unique('stock_snapshot_balances_key')
      .on(t.snapshotId, t.warehouseId, t.productId, t.binId, t.lotId)
      .nullsNotDistinct(),
    check('stock_snapshot_balances_on_hand_check', sql`${t.onHand} >= 0`),
  ],
);
