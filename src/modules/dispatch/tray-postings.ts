import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from '../../db/client.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import type { PostLine, StockService } from '../stock/index.js';
import { DispatchErrors } from './dispatch.errors.js';
import type { TrayCounts } from './dispatches.schemas.js';
import type { TrayStore } from './tray-setup.js';

/** Tray counts by upper-case type. */
export type Counts = Map<string, number>;

/**
 * The counts a body gives: the seed's `hq_boxes`/`nq_boxes` (or `returned_hq`/`returned_nq`)
 * and the general `trays` form, `trays` winning for a type given both ways. A type that is not
 * configured is 422.
 */
export function countsOf(known: string[], trays: TrayCounts | undefined, hq?: number, nq?: number): Counts {
  const counts: Counts = new Map();
  if (hq !== undefined) counts.set('HQ', hq);
  if (nq !== undefined) counts.set('NQ', nq);
  for (const [type, n] of Object.entries(trays ?? {})) counts.set(type.toUpperCase(), n);
  for (const type of counts.keys()) {
    if (!known.includes(type)) throw DispatchErrors.unknownTrayType({ type, types: known.join(', ') });
  }
  return counts;
}

export const totalOf = (counts: Counts) => [...counts.values()].reduce((sum, n) => sum + n, 0);

/** What a posting is for: the ledger rows name the document and say why. */
export interface TrayPostingRef {
  referenceType: string;
  referenceId: string;
  referenceNumber: string;
  reason?: string;
}

/** Per type, what is available to dispatch (on hand, less reserved, in the bin dispatches take from). */
export async function availableTrays(tx: DbOrTx, stock: StockService, store: TrayStore, timezone: string) {
  const available: Record<string, number> = {};
  for (const tray of store.types) {
    available[tray.type] = Number(
      await stock.available(tx, {
        productId: tray.productId,
        warehouseId: store.warehouseId,
        binId: store.defaultBinId,
        includeExpired: true,
        timezone,
      }),
    );
  }
  return available;
}

/**
 * Posts tray movements in the caller's transaction: a positive change takes trays out of the
 * dispatch bin as `outType`, a negative one puts them back into `intoBinId` as `inType`. All or
 * nothing: a short type is 409 INSUFFICIENT_STOCK with `available` per type, and nothing moves.
 */
export async function postTrays(
  tx: DbOrTx,
  ctx: RequestCtx,
  deps: { stock: StockService; store: TrayStore; timezone: string },
  changes: Counts,
  movement: {
    outType: 'dispatch' | 'adjustment';
    inType: 'dispatch_return' | 'adjustment';
    intoBinId?: string;
  },
  ref: TrayPostingRef,
): Promise<void> {
  const { stock, store } = deps;
  const postingId = uuidv7();
  const lines: PostLine[] = [];
  for (const tray of store.types) {
    const change = changes.get(tray.type) ?? 0;
    if (change === 0) continue;
    const common = {
      postingId,
      productId: tray.productId,
      warehouseId: store.warehouseId,
      quantity: String(Math.abs(change)),
      referenceType: ref.referenceType,
      referenceId: ref.referenceId,
      referenceNumber: ref.referenceNumber,
      reason: ref.reason ?? null,
    };
    lines.push(
      change > 0
        ? { kind: 'take', type: movement.outType, binId: store.defaultBinId, includeExpired: true, ...common }
        : { kind: 'add', type: movement.inType, binId: movement.intoBinId ?? store.defaultBinId, ...common },
    );
  }
  if (lines.length === 0) return;
  const results = await stock.post(tx, ctx, lines);
  const refused = results.find((result) => result.error)?.error;
  if (!refused) return;
  if (refused.code !== 'INSUFFICIENT_STOCK') throw refused;
  const available = await availableTrays(tx, stock, store, deps.timezone);
  const short = store.types
    .filter((tray) => (changes.get(tray.type) ?? 0) > (available[tray.type] ?? 0))
    .map((tray) => tray.type);
  throw DispatchErrors.insufficientTrays(
    { types: short.join(', ') },
    { available, requested: Object.fromEntries(changes) },
  );
}

/** The 409 for trays asked of a store that holds none yet: every type requested is short. */
export function noneAvailable(types: string[], requested: Counts) {
  const available = Object.fromEntries(types.map((type) => [type, 0]));
  const short = [...requested].filter(([, n]) => n > 0).map(([type]) => type);
  return DispatchErrors.insufficientTrays(
    { types: short.join(', ') },
    { available, requested: Object.fromEntries(requested) },
  );
}
