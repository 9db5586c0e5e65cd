import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/audit.service.js';
import { CatalogErrors } from '../catalog/catalog.errors.js';
import type { LotsService } from '../catalog/lots.service.js';
import type { ProductsService } from '../catalog/products.service.js';
import type { BinsService } from '../locations/bins.service.js';
import {
  addStock,
  availableIn,
  type MovementMeta,
  type MovementRow,
  type TakenRow,
  takeStockFefo,
} from './ledger.repo.js';
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

export interface PostOptions {
  /** `postAlone` ran this plain issue's one-statement take moments ago and it took nothing. */
  tookNothingAlone?: boolean;
}

export interface LotLabel {
  lotNumber: string;
  expiryDate: string | null;
}

export interface PostedMovement {
  postingId: string;
  type: MovementType;
  /** The signed total posted, as an exact decimal string. */
  quantity: string;
  rows: MovementRow[];
  /** The lots the rows name, for the allocations shown to the client. */
  lots: Map<string, LotLabel>;
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
    options: PostOptions = {},
  ): Promise<PostedMovement> {
    const type = canonicalType(input.movementType);
    const direction = this.direction(type, input.quantity);
    const quantity = magnitude(decimal(input.quantity));
    const inbound = direction === 'in';
    if (input.forceExpired && ctx.actor && !['admin', 'manager'].includes(ctx.actor.role))
      throw StockErrors.forceNotAllowed();
    const meta = this.metaOf(ctx, type, postingId, input);
    const plainIssue = this.isPlainIssue(input, direction);
    if (plainIssue && !options.tookNothingAlone) {
      const posted = await this.takePlain(tx, ctx, input, quantity, meta);
      if (posted) return posted;
    }
    const product = await this.products.requireWithUnit(tx, input.productId);
    // A deleted product takes no new stock, but what it has can still leave.
    if (inbound && !product.isActive) throw CatalogErrors.productInactive({ sku: product.sku });
    assertPrecision(quantity, { code: product.unitCode, decimals: product.unitDecimals });
    // Every check that can refuse comes before the first write (a receipt may create its lot):
    // a refused posting leaves nothing behind, even inside a shared transaction.
    const inboundBin = inbound ? await this.bins.resolve(tx, input.warehouseId, input.binId) : null;
    const lot = await this.resolveLot(tx, ctx, product, input, inbound);
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
      const lots: PostedMovement['lots'] = new Map(lot ? [[lot.id, lot]] : []);
      return { postingId, type, quantity, rows: [row], lots };
    }
    const bin = input.binId ? await this.bins.resolve(tx, input.warehouseId, input.binId) : null;
    const scope = this.scope(input, bin?.id ?? null, lot?.id ?? null);
    // The one-statement take of a plain issue already found too little: explain, don't take again.
    const rows = plainIssue ? [] : await takeStockFefo(tx, scope, quantity, meta);
    if (rows.length === 0) {
      // Only now check the warehouse: an unknown one is 404, not "no stock" (saves the hot path a query).
      if (!bin) await this.bins.resolve(tx, input.warehouseId, null);
      const available = await availableIn(tx, scope);
      throw StockErrors.insufficient(
        { sku: product.sku, requested: quantity, available: Number(available) },
        { available: Number(available) },
      );
    }
    return this.taken(tx, ctx, input, meta, quantity, rows);
  }

  private metaOf(ctx: RequestCtx, type: MovementType, postingId: string, input: MovementInput): MovementMeta {
    return {
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
  }

  private scope(input: MovementInput, binId: string | null, lotId: string | null) {
    const type = canonicalType(input.movementType);
    return {
      productId: input.productId,
      warehouseId: input.warehouseId,
      binId,
      lotId,
      includeExpired: Boolean(input.forceExpired) || WRITE_OFF_TYPES.includes(type),
      timezone: this.timezone,
    };
  }

  /** Outbound, FEFO, no lot or bin named: the issue one statement can post, unit check included. */
  private isPlainIssue(input: MovementInput, direction: 'in' | 'out'): boolean {
    return direction === 'out' && !input.binId && !input.lotId && !input.lotNumber;
  }

  /** A plain issue's one-statement take (the unit check included); null when it took nothing. */
  private async takePlain(
    db: DbOrTx,
    ctx: RequestCtx,
    input: MovementInput,
    quantity: string,
    meta: MovementMeta,
  ): Promise<PostedMovement | null> {
    const rows = await takeStockFefo(db, this.scope(input, null, null), quantity, meta, true);
    return rows.length > 0 ? this.taken(db, ctx, input, meta, quantity, rows) : null;
  }

  /** The result of an outbound posting, with the forced-expiry audit when one was forced. */
  private async taken(
    tx: DbOrTx,
    ctx: RequestCtx,
    input: MovementInput,
    meta: MovementMeta,
    quantity: string,
    rows: TakenRow[],
  ): Promise<PostedMovement> {
    if (input.forceExpired) {
      await recordAudit(tx, ctx, {
        action: 'stock.force_expired',
        entityType: 'product',
        entityId: input.productId,
        after: { posting_id: meta.postingId, quantity },
      });
    }
    const lots: PostedMovement['lots'] = new Map();
    for (const row of rows) {
      if (row.lot_id && row.lot_number) {
        lots.set(row.lot_id, { lotNumber: row.lot_number, expiryDate: row.expiry_date });
      }
    }
    return {
      postingId: meta.postingId,
      type: meta.type as MovementType,
      quantity: `-${quantity}`,
      rows,
      lots,
    };
  }

  /**
   * The common single issue — outbound, FEFO, no lot or bin named, nothing forced — posted as one
   * statement in its own implicit transaction: the unit check, the take and the ledger rows commit
   * together in one round trip. `posted` is null when the movement is not of that kind, or when the
   * statement took nothing (`tried`; `post` then explains why without taking again).
   */
  async postAlone(
    ctx: RequestCtx,
    input: MovementInput,
  ): Promise<{ posted: PostedMovement } | { posted: null; tried: boolean }> {
    // A forced issue is audited in its transaction; zero is refused by the full path.
    if (input.forceExpired || input.quantity === 0) return { posted: null, tried: false };
    const type = canonicalType(input.movementType);
    const direction = this.direction(type, input.quantity);
    if (!this.isPlainIssue(input, direction)) return { posted: null, tried: false };
    const quantity = magnitude(decimal(input.quantity));
    const meta = this.metaOf(ctx, type, uuidv7(), input);
    const posted = await this.takePlain(this.db, ctx, input, quantity, meta);
    return posted ? { posted } : { posted: null, tried: true };
  }

  /** `POST /stock-movements`: one movement in its own transaction. */
  createMovement(ctx: RequestCtx, input: MovementInput, options: PostOptions = {}): Promise<PostedMovement> {
    return this.db.transaction((tx) => this.post(tx, ctx, input, uuidv7(), options));
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
