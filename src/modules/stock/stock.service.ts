import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/audit.service.js';
import { CatalogErrors } from '../catalog/catalog.errors.js';
import type { LotRow, LotsService } from '../catalog/lots.service.js';
import type { ProductsService } from '../catalog/products.service.js';
import type { BinsService } from '../locations/bins.service.js';
import { addStock, availableIn, type MovementMeta, type MovementRow, takeStockFefo } from './ledger.repo.js';
import { canonicalType, MOVEMENT_TYPES, type MovementType, WRITE_OFF_TYPES } from './movement-types.js';
import { assertPrecision, decimal, magnitude } from './quantity.js';
import { StockErrors } from './stock.errors.js';
import { stockMovements } from './stock.tables.js';

/** One change of stock as a document or request asks for it, before lots and bins are resolved. */
export interface MovementInput {
  movementType: string;
  productId: string;
  warehouseId: string;
  /** Signed as the client sent it; the type decides the direction (see signedQuantity). */
  quantity: number;
  binId?: string | null;
  lotId?: string | null;
  lotNumber?: string | null;
  expiryDate?: string | null;
  unitCost?: number | null;
  referenceType?: string | null;
  referenceId?: string | null;
  referenceNumber?: string | null;
  reason?: string | null;
  notes?: string;
  forceExpired?: boolean;
}

export interface PostedMovement {
  postingId: string;
  type: MovementType;
  /** The signed total posted, as an exact decimal string. */
  quantity: string;
  rows: MovementRow[];
  lots: Map<string, LotRow>;
}

/**
 * The one writer of the ledger. Every document posts through `post`, inside its own transaction;
 * balances change only here, by SQL arithmetic, in the same statement as their ledger rows.
 */
export class StockService {
  constructor(
    private readonly db: Db,
    private readonly timezone: string,
    private readonly products: ProductsService,
    private readonly lots: LotsService,
    private readonly bins: BinsService,
  ) {}

  /** +quantity into stock or −quantity out of it, refusing a sign that contradicts the type. */
  private direction(type: MovementType, quantity: number): 'in' | 'out' {
    if (quantity === 0) throw StockErrors.zeroQuantity();
    const kind = MOVEMENT_TYPES[type];
    if (kind === 'signed') return quantity > 0 ? 'in' : 'out';
    // Seed 004's clients send outbound quantities negative; inbound ones must be positive.
    if (kind === 'in' && quantity < 0) throw StockErrors.signMismatch({ type });
    return kind;
  }

  private async resolveLot(
    tx: DbOrTx,
    ctx: RequestCtx,
    product: { id: string; sku: string; tracking: string },
    input: MovementInput,
    inbound: boolean,
  ) {
    if (input.lotId) {
      const lot = await this.lots.findById(tx, input.lotId);
      if (!lot) throw CatalogErrors.lotNotFound();
      if (lot.productId !== product.id) throw StockErrors.lotMismatch();
      return lot;
    }
    if (input.lotNumber) {
      if (product.tracking !== 'lot') throw CatalogErrors.notLotTracked({ sku: product.sku });
      const found = await this.lots.findByNumber(tx, product.id, input.lotNumber);
      if (found || !inbound) {
        if (!found) throw CatalogErrors.lotNotFound();
        return found;
      }
      // Receipts create lots as they arrive.
      return this.lots.createIn(tx, ctx, product.id, {
        lot_number: input.lotNumber,
        expiry_date: input.expiryDate ?? null,
      });
    }
    if (inbound && product.tracking === 'lot') throw StockErrors.lotRequired({ sku: product.sku });
    return null;
  }

  /**
   * Posts one movement: resolves product, lot and bin, then adds to one balance or takes FEFO
   * from as many as needed. Throws INSUFFICIENT_STOCK (nothing posted) when there is not enough.
   */
  async post(
    tx: DbOrTx,
    ctx: RequestCtx,
    input: MovementInput,
    postingId: string = uuidv7(),
  ): Promise<PostedMovement> {
    const type = canonicalType(input.movementType);
    const direction = this.direction(type, input.quantity);
    const quantity = magnitude(decimal(input.quantity));
    const inbound = direction === 'in';
    const product = await this.products.requireWithUnit(tx, input.productId);
    // A deleted product takes no new stock, but what it has can still leave.
    if (inbound && !product.isActive) throw CatalogErrors.productInactive({ sku: product.sku });
    assertPrecision(quantity, { code: product.unitCode, decimals: product.unitDecimals });
    if (input.forceExpired && ctx.actor && !['admin', 'manager'].includes(ctx.actor.role))
      throw StockErrors.forceNotAllowed();
    // Every check that can refuse comes before the first write (a receipt may create its lot):
    // a refused posting leaves nothing behind, even inside a shared transaction.
    const inboundBin = inbound ? await this.bins.resolve(tx, input.warehouseId, input.binId) : null;
    const lot = await this.resolveLot(tx, ctx, product, input, inbound);
    const meta: MovementMeta = {
      postingId,
      type,
      unitCost: input.unitCost == null ? null : decimal(input.unitCost),
      referenceType: input.referenceType,
      referenceId: input.referenceId,
      referenceNumber: input.referenceNumber,
      reason: input.reason,
      notes: input.notes,
      actorId: ctx.actor?.id ?? null,
      requestId: ctx.requestId,
    };
    const lots = new Map<string, LotRow>(lot ? [[lot.id, lot]] : []);
    if (inboundBin) {
      const row = await addStock(
        tx,
        {
          productId: product.id,
          warehouseId: input.warehouseId,
          binId: inboundBin.id,
          lotId: lot?.id ?? null,
        },
        quantity,
        meta,
      );
      return { postingId, type, quantity, rows: [row], lots };
    }
    const bin = input.binId ? await this.bins.resolve(tx, input.warehouseId, input.binId) : null;
    const scope = {
      productId: product.id,
      warehouseId: input.warehouseId,
      binId: bin?.id ?? null,
      lotId: lot?.id ?? null,
      includeExpired: Boolean(input.forceExpired) || WRITE_OFF_TYPES.includes(type),
      timezone: this.timezone,
    };
    const rows = await takeStockFefo(tx, scope, quantity, meta);
    if (rows.length === 0) {
      // Only now check the warehouse: an unknown one is 404, not "no stock" (saves the hot path a query).
      if (!bin) await this.bins.resolve(tx, input.warehouseId, null);
      const available = await availableIn(tx, scope);
      throw StockErrors.insufficient(
        { sku: product.sku, requested: quantity, available: Number(available) },
        { available: Number(available) },
      );
    }
    if (input.forceExpired) {
      await recordAudit(tx, ctx, {
        action: 'stock.force_expired',
        entityType: 'product',
        entityId: product.id,
        after: { posting_id: postingId, quantity },
      });
    }
    for (const row of rows) {
      if (row.lot_id && !lots.has(row.lot_id)) {
        const found = await this.lots.findById(tx, row.lot_id);
        if (found) lots.set(found.id, found);
      }
    }
    return { postingId, type, quantity: `-${quantity}`, rows, lots };
  }

  /** `POST /stock-movements`: one movement in its own transaction. */
  createMovement(ctx: RequestCtx, input: MovementInput): Promise<PostedMovement> {
    return this.db.transaction((tx) => this.post(tx, ctx, input));
  }

  /** Posts the opposite of a direct movement (same product, bin and lot), once. */
  async reverse(ctx: RequestCtx, id: string, reason: string): Promise<PostedMovement> {
    try {
      return await this.db.transaction(async (tx) => {
        const [original] = await tx.select().from(stockMovements).where(eq(stockMovements.id, id));
        if (!original) throw StockErrors.movementNotFound();
        if (original.referenceType || original.reversesId) {
          throw StockErrors.notReversible({
            reference: original.referenceNumber ?? original.referenceType ?? 'reversal',
          });
        }
        // The unique index on reverses_id settles a race; this answers the plain retry clearly.
        const [done] = await tx
          .select({ id: stockMovements.id })
          .from(stockMovements)
          .where(eq(stockMovements.reversesId, id));
        if (done) throw StockErrors.alreadyReversed();
        const quantity = magnitude(original.quantity);
        const meta: MovementMeta = {
          postingId: uuidv7(),
          type: original.movementType,
          unitCost: original.unitCost,
          reason,
          notes: `reversal of ${original.id}`,
          reversesId: original.id,
          actorId: ctx.actor?.id ?? null,
          requestId: ctx.requestId,
        };
        const key = {
          productId: original.productId,
          warehouseId: original.warehouseId,
          binId: original.binId,
          lotId: original.lotId,
        };
        let rows: MovementRow[];
        if (original.quantity.startsWith('-')) {
          rows = [await addStock(tx, key, quantity, meta)];
        } else {
          const scope = { ...key, includeExpired: true, timezone: this.timezone };
          rows = await takeStockFefo(tx, scope, quantity, meta);
          if (rows.length === 0) {
            const product = await this.products.requireExisting(tx, original.productId);
            const available = Number(await availableIn(tx, scope));
            throw StockErrors.insufficient(
              { sku: product.sku, requested: quantity, available },
              { available },
            );
          }
        }
        const signed = original.quantity.startsWith('-') ? quantity : `-${quantity}`;
        return {
          postingId: meta.postingId,
          type: original.movementType as MovementType,
          quantity: signed,
          rows,
          lots: new Map(),
        };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'stock_movements_reverses_key')) throw StockErrors.alreadyReversed();
      throw error;
    }
  }
}
