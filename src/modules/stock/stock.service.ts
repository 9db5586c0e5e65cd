import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { decimal, magnitude, sumDecimals } from '../../platform/decimal.js';
import type { AppError } from '../../platform/errors.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import {
  anyReversed,
  availableIn,
  findMovement,
  type LedgerRow,
  movementRows,
  movementsOf,
  movementsOfMany,
  type PostedRow,
  postLines,
  type TakeScope,
} from './ledger.repo.js';
import { canonicalType, MOVEMENT_TYPES, type MovementType, WRITE_OFF_TYPES } from './movement-types.js';
import {
  type AddLine,
  lineJson,
  type PostLine,
  type ReservationLine,
  reservationLineJson,
  type TakeLine,
} from './post-lines.js';
import { refusalAt, refusalError } from './post-refusals.js';
import { StockErrors } from './stock.errors.js';
import type { MovementCreate } from './stock.schemas.js';
import { averageCostsOf } from './stock-costs.repo.js';

/**
 * One change of stock as a document or request asks for it, before lots and bins are resolved.
 * Purchasing, sales, production and the stock documents build it too, so it is no one request
 * body: each maps its own body onto it once (`movementInputOf` for `POST /stock-movements`).
 */
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

/** The movement a `POST /stock-movements` body asks for. */
export function movementInputOf(body: MovementCreate): MovementInput {
  return {
    movementType: body.movement_type,
    productId: body.product_id,
    warehouseId: body.warehouse_id,
    quantity: body.quantity,
    binId: body.bin_id,
    lotId: body.lot_id,
    lotNumber: body.lot_number,
    expiryDate: body.expiry_date,
    unitCost: body.unit_cost,
    referenceNumber: body.reference_number,
    reason: body.reason,
    notes: body.notes,
    forceExpired: body.force_expired,
  };
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
  rows: PostedRow[];
  /** The lots the rows name, for the allocations shown to the client. */
  lots: Map<string, LotLabel>;
}

/** Each line's outcome, in the order given: what it posted, or why it was refused. */
export type PostResult =
  | { posted: PostedMovement; error?: undefined }
  /** `refusedLine`: the index, in its group, of the line that was refused (and refused the group). */
  | { posted?: undefined; error: AppError; refusedLine: number };

/** Lines that post or are refused together, on behalf of one request. */
export interface PostGroup {
  ctx: RequestCtx;
  lines: PostLine[];
}

/**
 * The one writer of the ledger and the balances. Every document posts its lines through `post`,
 * inside its own transaction, as one call of the set-based `stock_post` function: lines are
 * sorted by balance key there, all locks are taken in that order, and refusals come back per
 * line instead of aborting the transaction.
 */
export class StockService {
  constructor(
    private readonly db: Db,
    private readonly timezone: string,
  ) {}

  /** +quantity into stock or −quantity out of it, refusing a sign that contradicts the type. */
  private direction(type: MovementType, quantity: number): 'in' | 'out' {
    if (quantity === 0) throw StockErrors.zeroQuantity();
    const kind = MOVEMENT_TYPES[type];
    if (kind === 'signed') return quantity > 0 ? 'in' : 'out';
    // Seed 004's clients send outbound quantities negative; inbound ones must be positive.
    if (kind === 'in' && quantity < 0) throw StockErrors.signMismatch({ movement_type: type });
    return kind;
  }

  /** The ledger rows a document (`referenceType`, `referenceId`) posted, in the order written. */
  movementsOf(db: DbOrTx, referenceType: string, referenceId: string): Promise<LedgerRow[]> {
    return movementsOf(db, referenceType, referenceId);
  }

  /** `movementsOf` for several documents of one type in one query, keyed by document id. */
  movementsOfMany(
    db: DbOrTx,
    referenceType: string,
    referenceIds: string[],
  ): Promise<Map<string, LedgerRow[]>> {
    return movementsOfMany(db, referenceType, referenceIds);
  }

  /**
   * The moving average cost of each product received at a cost (the ledger's unit costs), by id:
   * what a consuming document records as the cost of what it issues.
   */
  averageCosts(db: DbOrTx, productIds: string[]): Promise<Map<string, string>> {
    return averageCostsOf(db, productIds);
  }

  /** What a scope has available to take now (on hand less reserved, expired lots left out unless asked). */
  available(db: DbOrTx, scope: TakeScope): Promise<string> {
    return availableIn(db, scope);
  }

  /** The line a movement as a client sends it asks for (signed; the type decides the direction). */
  lineOf(ctx: RequestCtx, input: MovementInput, postingId: string = uuidv7()): AddLine | TakeLine {
    const type = canonicalType(input.movementType);
    const direction = this.direction(type, input.quantity);
    const quantity = magnitude(decimal(input.quantity));
    if (input.forceExpired && ctx.actor && !['admin', 'manager'].includes(ctx.actor.role))
      throw StockErrors.forceNotAllowed();
    const common = {
      type,
      postingId,
      productId: input.productId,
      warehouseId: input.warehouseId,
      quantity,
      binId: input.binId,
      lotId: input.lotId,
      lotNumber: input.lotNumber,
      unitCost: input.unitCost == null ? null : decimal(input.unitCost),
      referenceType: input.referenceType,
      referenceId: input.referenceId,
      referenceNumber: input.referenceNumber,
      reason: input.reason,
      notes: input.notes,
    };
    if (direction === 'in') return { kind: 'add', ...common, expiryDate: input.expiryDate };
    return {
      kind: 'take',
      ...common,
      includeExpired: Boolean(input.forceExpired) || WRITE_OFF_TYPES.includes(type),
      forced: Boolean(input.forceExpired),
    };
  }

  /** Posts lines that stand or fall together; each result says what one line posted or why not. */
  async post(tx: DbOrTx, ctx: RequestCtx, lines: PostLine[]): Promise<PostResult[]> {
    const [results = []] = await this.postGroups(tx, [{ ctx, lines }]);
    return results;
  }

  /**
   * Holds stock for a reservation or releases what it holds, through the same writer: only
   * `reserved` changes, and no ledger row is written. Throws the refusal (not enough stock, ...).
   */
  async reserve(tx: DbOrTx, ctx: RequestCtx, line: ReservationLine): Promise<void> {
    const rows = await postLines(
      tx,
      JSON.stringify([reservationLineJson(line, ctx.requestId)]),
      this.timezone,
    );
    const refused = rows.find((row) => row.refusal);
    if (refused) throw refusalError(refused);
  }

  /**
   * `post` that throws the refusal: for documents, which are all or nothing. `lineField` names
   * the body's line a posted line came from (`lines.3`), so the refusal names the field.
   */
  async postAll(
    tx: DbOrTx,
    ctx: RequestCtx,
    lines: PostLine[],
    lineField?: (index: number) => string,
  ): Promise<PostedMovement[]> {
    const results = await this.post(tx, ctx, lines);
    return results.map((result) => {
      if (result.error)
        throw lineField ? refusalAt(result.error, lineField(result.refusedLine)) : result.error;
      return result.posted;
    });
  }

  /**
   * Posts many groups in one call (group commit): a group is refused as a whole, and a refused
   * group changes nothing and never affects the others.
   */
  async postGroups(tx: DbOrTx, groups: PostGroup[]): Promise<PostResult[][]> {
    const payload: unknown[] = [];
    const owners: { group: number; index: number }[] = [];
    groups.forEach((group, g) => {
      group.lines.forEach((line, index) => {
        payload.push(lineJson(line, owners.length, g, group.ctx));
        owners.push({ group: g, index });
      });
    });
    if (payload.length === 0) return groups.map(() => []);
    const rows = await postLines(tx, JSON.stringify(payload), this.timezone);
    const byLine = new Map<number, PostedRow[]>();
    for (const row of rows) byLine.set(row.line, [...(byLine.get(row.line) ?? []), row]);
    const refusals = new Map<number, { error: AppError; refusedLine: number }>();
    for (const row of rows) {
      const owner = owners[row.line];
      if (row.refusal && owner && !refusals.has(owner.group)) {
        refusals.set(owner.group, { error: refusalError(row), refusedLine: owner.index });
      }
    }
    let line = 0;
    const results: PostResult[][] = [];
    for (const [g, group] of groups.entries()) {
      const refusal = refusals.get(g);
      const own: PostResult[] = [];
      for (const input of group.lines) {
        const written = byLine.get(line) ?? [];
        line += 1;
        own.push(refusal ?? { posted: this.postedOf(input, written) });
      }
      if (!refusal) await this.auditForced(tx, group);
      results.push(own);
    }
    return results;
  }

  private postedOf(line: PostLine, rows: PostedRow[]): PostedMovement {
    const lots: PostedMovement['lots'] = new Map();
    for (const row of rows) {
      if (row.lot_id && row.lot_number) {
        lots.set(row.lot_id, { lotNumber: row.lot_number, expiryDate: row.expiry_date });
      }
    }
    return {
      postingId: line.postingId,
      type: line.type,
      quantity: sumDecimals(rows.map((row) => row.quantity)),
      rows,
      lots,
    };
  }

  /** A manager's forced issue of expired stock is audited with the posting. */
  private async auditForced(tx: DbOrTx, group: PostGroup): Promise<void> {
    for (const line of group.lines) {
      if (line.kind !== 'take' || !line.forced) continue;
      await recordAudit(tx, group.ctx, {
        action: 'stock.force_expired',
        entityType: 'product',
        entityId: line.productId,
        after: { posting_id: line.postingId, quantity: line.quantity },
      });
    }
  }

  /** One movement as a client sends it, inside the caller's transaction; throws its refusal. */
  async postOne(
    tx: DbOrTx,
    ctx: RequestCtx,
    input: MovementInput,
    postingId?: string,
  ): Promise<PostedMovement> {
    const [posted] = await this.postAll(tx, ctx, [this.lineOf(ctx, input, postingId)]);
    return posted as PostedMovement;
  }

  /** `POST /stock-movements` outside a batch: one movement in its own transaction. */
  async createMovement(ctx: RequestCtx, input: MovementInput): Promise<PostedMovement> {
    const line = this.lineOf(ctx, input);
    const [posted] = await this.db.transaction((tx) => this.postAll(tx, ctx, [line]));
    return posted as PostedMovement;
  }

  /**
   * Posts the opposite of a direct movement, once: every row it was posted as (the same product,
   * bins and lots), in one posting.
   */
  async reverse(ctx: RequestCtx, id: string, reason: string): Promise<PostedMovement> {
    try {
      return await this.db.transaction(async (tx) => {
        const original = await findMovement(tx, id);
        if (!original) throw StockErrors.movementNotFound();
        if (original.referenceType || original.reversesId) {
          throw StockErrors.notReversible({
            reference: original.referenceNumber ?? original.referenceType ?? 'reversal',
          });
        }
        // The whole movement: every row it was posted as (an issue taken from several lots or bins).
        const rows = await movementRows(tx, original);
        // The unique index on reverses_id settles a race; this answers the plain retry clearly.
        if (
          await anyReversed(
            tx,
            rows.map((row) => row.id),
          )
        )
          throw StockErrors.alreadyReversed();
        const postingId = uuidv7();
        const lines: PostLine[] = rows.map((row) => {
          const common = {
            type: row.movementType as MovementType,
            postingId,
            unitCost: row.unitCost,
            reason,
            notes: `reversal of ${row.id}`,
            reversesId: row.id,
            productId: row.productId,
            warehouseId: row.warehouseId,
            binId: row.binId,
            lotId: row.lotId,
            quantity: magnitude(row.quantity),
          };
          return row.quantity.startsWith('-')
            ? { kind: 'add', ...common, allowInactive: true }
            : { kind: 'take', ...common, includeExpired: true };
        });
        // One group: the movement is reversed whole, or (short of stock) not at all.
        const posted = await this.postAll(tx, ctx, lines);
        const all = posted.flatMap((p) => p.rows);
        const first = posted[0] as PostedMovement;
        return {
          ...first,
          quantity: sumDecimals(all.map((row) => row.quantity)),
          rows: all,
          lots: new Map(posted.flatMap((p) => [...p.lots])),
        };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'stock_movements_reverses_key')) throw StockErrors.alreadyReversed();
      throw error;
    }
  }
}
