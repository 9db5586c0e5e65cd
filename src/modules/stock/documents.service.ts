import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/client.js';
import { decimal } from '../../platform/decimal.js';
import { atField, defineError } from '../../platform/errors.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { CatalogErrors } from '../catalog/index.js';
import { LocationErrors } from '../locations/index.js';
import { inBalanceOrder } from './balance-order.js';
import { countAgainstBooks } from './counts.repo.js';
import type { AdjustmentBody, CountBody, IssueBody, ReceiptBody } from './documents.schemas.js';
import type { PostLine } from './post-lines.js';
import { StockErrors } from './stock.errors.js';
import { toPostedPublic } from './stock.mapper.js';
import type { MovementInput, StockService } from './stock.service.js';

export const DocumentErrors = {
  countBelowReserved: defineError('COUNT_BELOW_RESERVED', 409, {
    en: 'Counted {counted} of {sku}, but {reserved} is reserved there; release reservations first.',
    hu: 'A(z) {sku} számolt mennyisége {counted}, de ott {reserved} foglalt; előbb szüntesse meg a foglalásokat.',
  }),
};

/** What a line of a receipt, issue or adjustment names. */
interface DocumentLine {
  product_id: string;
  quantity: number;
  bin_id?: string | null;
  lot_id?: string | null;
  lot_number?: string | null;
}

/** Document lines in balance order (see inBalanceOrder). */
function sorted<T extends Omit<DocumentLine, 'quantity'>>(lines: T[]): T[] {
  return inBalanceOrder(lines, (l) => ({
    productId: l.product_id,
    binId: l.bin_id,
    lot: l.lot_id ?? l.lot_number,
  }));
}

/** `lines.N`: where `line` stands in the body's `lines` (the document posts them in key order). */
function lineField<T>(lines: T[], line: T | undefined): string {
  return `lines.${line === undefined ? -1 : lines.indexOf(line)}`;
}

/**
 * Multi-line stock documents (seed 000 phase 2): receipts, issues, adjustments and stock counts.
 * Each is all-or-nothing: one transaction, one posting id, every line through the stock service.
 */
export class StockDocumentsService {
  constructor(
    private readonly db: Db,
    private readonly stock: StockService,
  ) {}

  /**
   * Posts a document's lines in balance order as one posting, each as `movementOf` makes it on top
   * of what every line gives (product, quantity, bin, lot and the document's warehouse and notes);
   * a refusal names its line.
   */
  private async postLines<L extends DocumentLine>(
    ctx: RequestCtx,
    doc: { warehouse_id: string; notes?: string; lines: L[] },
    movementOf: (line: L) => Pick<MovementInput, 'movementType'> & Partial<MovementInput>,
  ) {
    const postingId = uuidv7();
    const ordered = sorted(doc.lines);
    const lines = ordered.map((line) => {
      const input: MovementInput = {
        productId: line.product_id,
        warehouseId: doc.warehouse_id,
        quantity: line.quantity,
        binId: line.bin_id,
        lotId: line.lot_id,
        lotNumber: line.lot_number,
        notes: doc.notes,
        ...movementOf(line),
      };
      return this.stock.lineOf(ctx, input, postingId);
    });
    const posted = await this.db.transaction((tx) =>
      this.stock.postAll(tx, ctx, lines, (i) => lineField(doc.lines, ordered[i])),
    );
    return { posting_id: postingId, movements: posted.map(toPostedPublic) };
  }

  receipt(ctx: RequestCtx, doc: ReceiptBody) {
    return this.postLines(ctx, doc, (line) => ({
      movementType: 'receipt',
      expiryDate: line.expiry_date,
      unitCost: line.unit_cost,
      referenceNumber: doc.reference_number,
    }));
  }

  issue(ctx: RequestCtx, doc: IssueBody) {
    return this.postLines(ctx, doc, () => ({
      movementType: 'issue',
      referenceNumber: doc.reference_number,
      forceExpired: doc.force_expired,
    }));
  }

  adjustment(ctx: RequestCtx, doc: AdjustmentBody) {
    return this.postLines(ctx, doc, (line) => ({
      movementType: 'adjustment',
      expiryDate: line.expiry_date,
      reason: doc.reason_code,
    }));
  }

  /**
   * A stocktake: counted quantities per bin and lot. The differences against the books are posted
   * as `count` movements (signed) and returned line by line.
   */
  async count(ctx: RequestCtx, doc: CountBody) {
    const postingId = uuidv7();
    const ordered = sorted(doc.lines);
    return this.db.transaction(async (tx) => {
      const counted = await countAgainstBooks(
        tx,
        doc.warehouse_id,
        ordered.map((line) => ({ ...line, counted_quantity: decimal(line.counted_quantity) })),
      );
      const moves: PostLine[] = [];
      // The counted line each move comes from, to name it in a refusal.
      const counts: CountBody['lines'] = [];
      const lines = counted.map((row, i) => {
        const line = ordered[i] as CountBody['lines'][number];
        const sku = row.sku ?? '';
        const at = (field: string) => `${lineField(doc.lines, line)}.${field}`;
        if (!row.product_id) throw atField(CatalogErrors.productNotFound(), at('product_id'));
        if (!row.warehouse_found) throw LocationErrors.warehouseNotFound();
        if (!row.warehouse_active) throw LocationErrors.inactiveWarehouse();
        if (!row.bin_id) throw atField(LocationErrors.binNotFound(), at('bin_id'));
        if (!row.lot_found || (!row.lot_id && row.tracking === 'lot')) {
          throw atField(StockErrors.lotRequired({ sku }), at('lot_number'));
        }
        if (row.below_reserved) {
          const error = DocumentErrors.countBelowReserved({
            sku,
            counted: String(line.counted_quantity),
            reserved: Number(row.reserved),
          });
          throw atField(error, at('counted_quantity'));
        }
        const difference = Number(row.difference);
        if (difference !== 0) {
          const input = {
            movementType: 'count',
            productId: row.product_id,
            warehouseId: doc.warehouse_id,
            quantity: difference,
            binId: row.bin_id,
            lotId: row.lot_id,
            referenceNumber: doc.reference_number,
            notes: doc.notes,
          };
          moves.push(this.stock.lineOf(ctx, input, postingId));
          counts.push(line);
        }
        return {
          product_id: row.product_id,
          bin_id: row.bin_id,
          bin_code: row.bin_code as string,
          lot_id: row.lot_id,
          previous_quantity: Number(row.on_hand),
          counted_quantity: line.counted_quantity,
          difference,
        };
      });
      // Every difference in one posting.
      const posted = await this.stock.postAll(tx, ctx, moves, (i) => lineField(doc.lines, counts[i]));
      return { posting_id: postingId, lines, movements: posted.map(toPostedPublic) };
    });
  }
}
