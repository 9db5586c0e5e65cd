import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { type Names, namesOf } from '../../db/names.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { nextDocumentNumber } from '../../platform/sequences.js';
import { StateMachine } from '../../platform/state-machine.js';
import { defineMessages } from '../../platform/translations.js';
import { recordAudit } from '../audit/index.js';
import type { BinsService } from '../locations/index.js';
import type { PostLine } from './post-lines.js';
import { refusalAt } from './post-refusals.js';
import { heldPieces } from './reservations.repo.js';
import type { ReservationsService } from './reservations.service.js';
import { StockErrors } from './stock.errors.js';
import type { StockService } from './stock.service.js';
import {
  findTransfer,
  insertTransfer,
  insertTransferLine,
  linesOf,
  linesOfTransfers,
  listTransfers,
  markCancelled,
  markCompleted,
  type TransferFilter,
  type TransferLineRow,
  type TransferRow,
} from './transfers.repo.js';
import type { TransferCreate } from './transfers.schemas.js';

const NO_LINES = defineMessages('reason.transfer.no_lines', {
  en: 'give product_id and quantity, or lines',
  hu: 'adja meg a product_id és quantity mezőt, vagy a lines tömböt',
});

/** The lines a transfer moves: `lines`, or seed 004's one product (`product_id`, `quantity`). */
function requestedLines(input: TransferCreate) {
  const lines =
    input.lines ??
    (input.product_id && input.quantity !== undefined
      ? [{ product_id: input.product_id, lot_id: input.lot_id, quantity: input.quantity }]
      : []);
  if (lines.length === 0) {
    throw invalidFields({
      field: 'lines',
      messages: NO_LINES,
    });
  }
  return lines;
}

function toTransferPublic(row: TransferRow, lines: TransferLineRow[], names: Names) {
  const [first] = lines;
  const product = (id: string | undefined) => (id ? names.products.get(id) : undefined);
  const binCode = (id: string | null) => (id ? (names.bins.get(id) ?? null) : null);
  return {
    id: row.id,
    transfer_number: row.transferNumber,
    status: row.status,
    from_warehouse_id: row.fromWarehouseId,
    from_warehouse_code: names.warehouses.get(row.fromWarehouseId) ?? '',
    to_warehouse_id: row.toWarehouseId,
    to_warehouse_code: names.warehouses.get(row.toWarehouseId) ?? '',
    from_bin_id: row.fromBinId,
    from_bin_code: binCode(row.fromBinId),
    to_bin_id: row.toBinId,
    to_bin_code: binCode(row.toBinId),
    // Seed 004's single-product shape, from the first line.
    product_id: first?.productId ?? null,
    sku: product(first?.productId)?.sku ?? null,
    product_name: product(first?.productId)?.name ?? null,
    quantity: first ? Number(first.quantity) : null,
    transfer_reference: row.transferReference,
    notes: row.notes,
    lines: lines.map((line) => ({
      id: line.id,
      product_id: line.productId,
      sku: product(line.productId)?.sku ?? '',
      product_name: product(line.productId)?.name ?? '',
      lot_id: line.lotId,
      lot_number: line.lotId ? (names.lots.get(line.lotId) ?? null) : null,
      quantity: Number(line.quantity),
      reservation_id: line.reservationId,
    })),
    created_by: row.createdBy,
    version: row.version,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    completed_at: row.completedAt?.toISOString() ?? null,
    cancelled_at: row.cancelledAt?.toISOString() ?? null,
  };
}

/** The names of the transfers' warehouses and bins, and of their lines' products and lots. */
function transferNames(db: DbOrTx, transfers: TransferRow[], lines: TransferLineRow[]) {
  return namesOf(db, {
    warehouses: transfers.flatMap((t) => [t.fromWarehouseId, t.toWarehouseId]),
    bins: transfers.flatMap((t) => [t.fromBinId, t.toBinId]),
    products: lines.map((line) => line.productId),
    lots: lines.map((line) => line.lotId),
  });
}

/** A transfer is completed or cancelled once, while pending. */
const LIFECYCLE = new StateMachine(
  {
    complete: { from: ['pending'], to: 'completed' },
    cancel: { from: ['pending'], to: 'cancelled' },
  },
  ({ status }) => StockErrors.transferState({ status }),
);

/**
 * Stock transfers between warehouses and bins (seed 004): created `pending` with the stock
 * reserved at the source; completed (transfer_out + transfer_in in one transaction, lots and
 * expiry travelling with the stock) or cancelled (reservation released).
 */
export class TransfersService {
  constructor(
    private readonly db: Db,
    private readonly reservations: ReservationsService,
    private readonly bins: BinsService,
    private readonly stock: StockService,
  ) {}

  private async publicOf(db: DbOrTx, row: TransferRow) {
    const lines = await linesOf(db, row.id);
    return toTransferPublic(row, lines, await transferNames(db, [row], lines));
  }

  async create(ctx: RequestCtx, input: TransferCreate) {
    const requested = requestedLines(input);
    const fromBin = input.from_bin_id ?? null;
    const toBin = input.to_bin_id ?? null;
    // Within one warehouse, a transfer moves between two named, different bins.
    if (input.from_warehouse_id === input.to_warehouse_id && (!fromBin || !toBin || fromBin === toBin)) {
      throw StockErrors.sameLocation();
    }
    return this.db.transaction(async (tx) => {
      // Both ends must exist before the transfer row names them (404, not a failed reference).
      await this.bins.resolve(tx, input.from_warehouse_id, fromBin);
      await this.bins.resolve(tx, input.to_warehouse_id, toBin);
      const number = await nextDocumentNumber(tx, 'TR');
      const transfer = await insertTransfer(tx, {
        id: uuidv7(),
        transferNumber: number,
        fromWarehouseId: input.from_warehouse_id,
        toWarehouseId: input.to_warehouse_id,
        fromBinId: fromBin,
        toBinId: toBin,
        transferReference: input.transfer_reference ?? '',
        notes: input.notes ?? '',
        createdBy: ctx.actor?.id ?? null,
      });
      // Lines in product order, so concurrent transfers lock balances in one order.
      const lines = [...requested].sort((a, b) =>
        a.product_id < b.product_id ? -1 : a.product_id > b.product_id ? 1 : 0,
      );
      for (const line of lines) {
        const reservation = await this.reservations
          .reserveIn(tx, ctx, {
            productId: line.product_id,
            warehouseId: input.from_warehouse_id,
            binId: fromBin,
            lotId: line.lot_id ?? null,
            quantity: line.quantity,
            reference: number,
            referenceType: 'stock_transfer',
            referenceId: transfer.id,
          })
          .catch((error: unknown) => {
            // Named by its place in the body's `lines`, or as the body itself in the one-product form.
            if (!(error instanceof AppError)) throw error;
            throw refusalAt(error, input.lines ? `lines.${input.lines.indexOf(line)}` : '');
          });
        await insertTransferLine(tx, {
          transferId: transfer.id,
          productId: line.product_id,
          lotId: line.lot_id ?? null,
          quantity: reservation.quantity,
          reservationId: reservation.id,
        });
      }
      await recordAudit(tx, ctx, {
        action: 'transfer.create',
        entityType: 'stock_transfer',
        entityId: transfer.id,
        after: {
          transfer_number: number,
          from_warehouse_id: input.from_warehouse_id,
          to_warehouse_id: input.to_warehouse_id,
          lines: requested.length,
        },
      });
      return this.publicOf(tx, transfer);
    });
  }

  /** Locks the transfer; TRANSFER_NOT_PENDING unless `action` fits its status. */
  private async lockFor(
    tx: DbOrTx,
    id: string,
    action: keyof typeof LIFECYCLE.transitions,
  ): Promise<TransferRow> {
    const row = await findTransfer(tx, id, true);
    if (!row) throw StockErrors.transferNotFound();
    LIFECYCLE.next(action, row.status);
    return row;
  }

  /** Posts transfer_out from the reserved balances and transfer_in at the destination, same lots. */
  async complete(ctx: RequestCtx, id: string) {
    return this.db.transaction(async (tx) => {
      const transfer = await this.lockFor(tx, id, 'complete');
      const postingId = uuidv7();
      const meta = {
        postingId,
        referenceType: 'stock_transfer',
        referenceId: transfer.id,
        referenceNumber: transfer.transferNumber,
        notes: transfer.notes,
      };
      const reservationIds = (await linesOf(tx, id)).map((line) => line.reservationId);
      // Out: exactly what each line's reservation holds. In: the same quantities of the same lots.
      const lines: PostLine[] = reservationIds.map((reservationId) => ({
        kind: 'takeReserved',
        type: 'transfer_out',
        reservationId,
        ...meta,
      }));
      for (const piece of await heldPieces(tx, reservationIds)) {
        lines.push({
          kind: 'add',
          type: 'transfer_in',
          productId: piece.product_id,
          warehouseId: transfer.toWarehouseId,
          binId: transfer.toBinId,
          lotId: piece.lot_id,
          quantity: piece.quantity,
          allowInactive: true,
          ...meta,
        });
      }
      await this.stock.postAll(tx, ctx, lines);
      const row = await markCompleted(tx, id);
      await recordAudit(tx, ctx, {
        action: 'transfer.complete',
        entityType: 'stock_transfer',
        entityId: id,
        before: { status: 'pending' },
        after: { status: 'completed' },
      });
      return this.publicOf(tx, row);
    });
  }

  /** Releases the reserved stock at the source. */
  async cancel(ctx: RequestCtx, id: string) {
    return this.db.transaction(async (tx) => {
      await this.lockFor(tx, id, 'cancel');
      for (const line of await linesOf(tx, id))
        await this.reservations.releaseIn(tx, ctx, line.reservationId);
      const row = await markCancelled(tx, id);
      await recordAudit(tx, ctx, {
        action: 'transfer.cancel',
        entityType: 'stock_transfer',
        entityId: id,
        before: { status: 'pending' },
        after: { status: 'cancelled' },
      });
      return this.publicOf(tx, row);
    });
  }

  async get(id: string) {
    const row = await findTransfer(this.db, id);
    if (!row) throw StockErrors.transferNotFound();
    return this.publicOf(this.db, row);
  }

  /** A page of transfers; the lines of all of them come in one query, and all their names in one. */
  async list(filter: TransferFilter, page: PageRequest) {
    const { rows, total } = await listTransfers(this.db, filter, page);
    const lines = await linesOfTransfers(
      this.db,
      rows.map((row) => row.id),
    );
    const names = await transferNames(this.db, rows, [...lines.values()].flat());
    const items = rows.map((row) => toTransferPublic(row, lines.get(row.id) ?? [], names));
    return toPage(items, total, page);
  }
}
