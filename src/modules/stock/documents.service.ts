import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { defineError } from '../../platform/errors.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import type { LotsService } from '../catalog/lots.service.js';
import type { ProductsService } from '../catalog/products.service.js';
import type { BinsService } from '../locations/bins.service.js';
import { inBalanceOrder } from './balance-order.js';
import { StockErrors } from './stock.errors.js';
import { toPostedPublic } from './stock.mapper.js';
import type { MovementInput, StockService } from './stock.service.js';

export const DocumentErrors = {
  countBelowReserved: defineError('COUNT_BELOW_RESERVED', 409, {
    en: 'Counted {counted} of {sku}, but {reserved} is reserved there; release reservations first.',
    hu: 'A(z) {sku} számolt mennyisége {counted}, de ott {reserved} foglalt; előbb szüntesse meg a foglalásokat.',
  }),
};

export interface DocumentLine {
  product_id: string;
  quantity: number;
  bin_id?: string | null;
  lot_id?: string | null;
  lot_number?: string | null;
  expiry_date?: string | null;
  unit_cost?: number | null;
}

export interface CountLine {
  product_id: string;
  counted_quantity: number;
  bin_id?: string | null;
  lot_id?: string | null;
  lot_number?: string | null;
}

/** Document lines in balance order (see inBalanceOrder). */
function sorted<
  T extends {
    product_id: string;
    bin_id?: string | null;
    lot_id?: string | null;
    lot_number?: string | null;
  },
>(lines: T[]): T[] {
  return inBalanceOrder(lines, (l) => ({
    productId: l.product_id,
    binId: l.bin_id,
    lot: l.lot_id ?? l.lot_number,
  }));
}

/**
 * Multi-line stock documents (seed 000 phase 2): receipts, issues, adjustments and stock counts.
 * Each is all-or-nothing: one transaction, one posting id, every line through the stock service.
 */
export class StockDocumentsService {
  constructor(
    private readonly db: Db,
    private readonly stock: StockService,
    private readonly products: ProductsService,
    private readonly lots: LotsService,
    private readonly bins: BinsService,
  ) {}

  private async postAll(ctx: RequestCtx, inputs: MovementInput[]) {
    const postingId = uuidv7();
    const lines = inputs.map((input) => this.stock.lineOf(ctx, input, postingId));
    const posted = await this.db.transaction((tx) => this.stock.postAll(tx, ctx, lines));
    return { posting_id: postingId, movements: posted.map(toPostedPublic) };
  }

  receipt(
    ctx: RequestCtx,
    doc: { warehouse_id: string; reference_number?: string | null; notes?: string; lines: DocumentLine[] },
  ) {
    return this.postAll(
      ctx,
      sorted(doc.lines).map((line) => ({
        movementType: 'receipt',
        productId: line.product_id,
        warehouseId: doc.warehouse_id,
        quantity: line.quantity,
        binId: line.bin_id,
        lotId: line.lot_id,
        lotNumber: line.lot_number,
        expiryDate: line.expiry_date,
        unitCost: line.unit_cost,
        referenceNumber: doc.reference_number,
        notes: doc.notes,
      })),
    );
  }

  issue(
    ctx: RequestCtx,
    doc: {
      warehouse_id: string;
      reference_number?: string | null;
      notes?: string;
      force_expired?: boolean;
      lines: DocumentLine[];
    },
  ) {
    return this.postAll(
      ctx,
      sorted(doc.lines).map((line) => ({
        movementType: 'issue',
        productId: line.product_id,
        warehouseId: doc.warehouse_id,
        quantity: line.quantity,
        binId: line.bin_id,
        lotId: line.lot_id,
        lotNumber: line.lot_number,
        referenceNumber: doc.reference_number,
        notes: doc.notes,
        forceExpired: doc.force_expired,
      })),
    );
  }

  adjustment(
    ctx: RequestCtx,
    doc: { warehouse_id: string; reason_code: string; notes?: string; lines: DocumentLine[] },
  ) {
    return this.postAll(
      ctx,
      sorted(doc.lines).map((line) => ({
        movementType: 'adjustment',
        productId: line.product_id,
        warehouseId: doc.warehouse_id,
        quantity: line.quantity,
        binId: line.bin_id,
        lotId: line.lot_id,
        lotNumber: line.lot_number,
        expiryDate: line.expiry_date,
        reason: doc.reason_code,
        notes: doc.notes,
      })),
    );
  }

  /** The on hand and reserved of one balance, locked; zeros when it does not exist yet. */
  private async lockedBalance(
    tx: DbOrTx,
    key: { productId: string; warehouseId: string; binId: string; lotId: string | null },
  ) {
    const result = (await tx.execute(sql`
      select on_hand::text as on_hand, reserved::text as reserved
      from stock_balances
      where product_id = ${key.productId}::uuid and warehouse_id = ${key.warehouseId}::uuid
        and bin_id = ${key.binId}::uuid and lot_id is not distinct from ${key.lotId}::uuid
      for update`)) as unknown as { rows: { on_hand: string; reserved: string }[] };
    return result.rows[0] ?? { on_hand: '0', reserved: '0' };
  }

  /**
   * A stocktake: counted quantities per bin and lot. The differences against the books are posted
   * as `count` movements (signed) and returned line by line.
   */
  async count(
    ctx: RequestCtx,
    doc: { warehouse_id: string; reference_number?: string | null; notes?: string; lines: CountLine[] },
  ) {
    const postingId = uuidv7();
    return this.db.transaction(async (tx) => {
      const lines = [];
      const movements = [];
      for (const line of sorted(doc.lines)) {
        const product = await this.products.requireExisting(tx, line.product_id);
        const bin = await this.bins.resolve(tx, doc.warehouse_id, line.bin_id);
        let lotId = line.lot_id ?? null;
        if (!lotId && line.lot_number) {
          const lot = await this.lots.findByNumber(tx, product.id, line.lot_number);
          if (!lot) throw StockErrors.lotRequired({ sku: product.sku });
          lotId = lot.id;
        }
        if (!lotId && product.tracking === 'lot') throw StockErrors.lotRequired({ sku: product.sku });
        const key = { productId: product.id, warehouseId: doc.warehouse_id, binId: bin.id, lotId };
        const balance = await this.lockedBalance(tx, key);
        const counted = String(line.counted_quantity);
        const diff = (await tx.execute(
          sql`select (${counted}::numeric - ${balance.on_hand}::numeric)::text as diff,
                (${counted}::numeric < ${balance.reserved}::numeric) as below_reserved`,
        )) as unknown as { rows: { diff: string; below_reserved: boolean }[] };
        const row = diff.rows[0] as { diff: string; below_reserved: boolean };
        if (row.below_reserved) {
          throw DocumentErrors.countBelowReserved({
            sku: product.sku,
            counted,
            reserved: Number(balance.reserved),
          });
        }
        const difference = Number(row.diff);
        if (difference !== 0) {
          const posted = await this.stock.postOne(
            tx,
            ctx,
            {
              movementType: 'count',
              productId: product.id,
              warehouseId: doc.warehouse_id,
              quantity: difference,
              binId: bin.id,
              lotId,
              referenceNumber: doc.reference_number,
              notes: doc.notes,
            },
            postingId,
          );
          movements.push(toPostedPublic(posted));
        }
        lines.push({
          product_id: product.id,
          bin_id: bin.id,
          lot_id: lotId,
          previous_quantity: Number(balance.on_hand),
          counted_quantity: line.counted_quantity,
          difference,
        });
      }
      return { posting_id: postingId, lines, movements };
    });
  }
}
