import type { Db, DbOrTx } from '../../db/client.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import type { StockService } from '../stock/index.js';
import { DispatchErrors } from './dispatch.errors.js';
import { lockTrayStock, trayTypesOut } from './dispatch.repo.js';
import type { TrayCounts } from './dispatches.schemas.js';
import { availableTrays, type Counts, countsOf, postTrays } from './tray-postings.js';
import type { TraySetup, TrayStore } from './tray-setup.js';

/** One tray type's figures: base = on hand + out; available = what a dispatch may take now. */
export interface TrayFigures {
  sku: string;
  base: number;
  on_hand: number;
  out: number;
  available: number;
  quarantined: number;
}

/** The seed's `{hq, nq}` view of figures kept by type. */
export const seedPair = (byType: Record<string, number>) => ({ hq: byType.HQ ?? 0, nq: byType.NQ ?? 0 });

/**
 * The tray inventory: what is on hand in the trays warehouse comes from the stock balances,
 * what is out from the open dispatches; setting the base posts the difference as an adjustment.
 */
export class TrayInventoryService {
  constructor(
    private readonly db: Db,
    private readonly stock: StockService,
    private readonly trays: TraySetup,
    private readonly timezone: string,
  ) {}

  private async figures(db: DbOrTx, store: TrayStore): Promise<Record<string, TrayFigures>> {
    const out = await trayTypesOut(db);
    const available = await availableTrays(db, this.stock, store, this.timezone);
    const result: Record<string, TrayFigures> = {};
    for (const tray of store.types) {
      const scope = { productId: tray.productId, warehouseId: store.warehouseId, includeExpired: true };
      const onHand = Number(await this.stock.available(db, { ...scope, timezone: this.timezone }));
      const quarantined = Number(
        await this.stock.available(db, { ...scope, binId: store.quarantineBinId, timezone: this.timezone }),
      );
      const trayOut = out.get(tray.type) ?? 0;
      result[tray.type] = {
        sku: tray.sku,
        base: onHand + trayOut,
        on_hand: onHand,
        out: trayOut,
        available: available[tray.type] ?? 0,
        quarantined,
      };
    }
    return result;
  }

  /** Per type and in the seed's pairs: base, out on dispatches, available, quarantined. */
  async inventory(ctx: RequestCtx, db: DbOrTx = this.db) {
    const store = await this.trays.ensure(ctx);
    const trays = await this.figures(db, store);
    const pick = (key: keyof Omit<TrayFigures, 'sku'>) =>
      seedPair(Object.fromEntries(Object.entries(trays).map(([type, f]) => [type, f[key]])));
    return {
      warehouse_id: store.warehouseId,
      trays,
      base: pick('base'),
      outstanding: pick('out'),
      available: pick('available'),
      quarantined: pick('quarantined'),
    };
  }

  /** What a dispatch may take now, per type and as the seed's pair. */
  async available(ctx: RequestCtx) {
    const store = await this.trays.ensure(ctx);
    const available = await availableTrays(this.db, this.stock, store, this.timezone);
    return { ...seedPair(available), trays: available };
  }

  /**
   * Sets the base of the given types (managers): on hand becomes base − out, the difference
   * posted as an `adjustment` into or out of the dispatch bin, audited.
   */
  async setBase(ctx: RequestCtx, input: { hq?: number; nq?: number; trays?: TrayCounts; reason?: string }) {
    // Checked first: a refused body must not be the request that creates the trays warehouse.
    const wanted = countsOf(this.trays.types, input.trays, input.hq, input.nq);
    const store = await this.trays.ensure(ctx);
    return this.db.transaction(async (tx) => {
      await lockTrayStock(tx, true);
      const before = await this.figures(tx, store);
      const changes: Counts = new Map();
      for (const [type, base] of wanted) {
        const now = before[type];
        if (!now) continue;
        if (base < now.out) throw DispatchErrors.baseBelowOut({ type, base, out: now.out });
        // Positive: trays leave stock; negative: trays come in.
        changes.set(type, now.base - base);
      }
      await postTrays(
        tx,
        ctx,
        { stock: this.stock, store, timezone: this.timezone },
        changes,
        { outType: 'adjustment', inType: 'adjustment' },
        {
          referenceType: 'tray_inventory',
          referenceId: store.warehouseId,
          referenceNumber: 'TRAY-BASE',
          reason: input.reason ?? 'tray base set',
        },
      );
      await recordAudit(tx, ctx, {
        action: 'dispatch.inventory.set',
        entityType: 'tray_inventory',
        entityId: store.warehouseId,
        before: Object.fromEntries(Object.entries(before).map(([type, f]) => [type, f.base])),
        after: Object.fromEntries(wanted),
      });
      return this.inventory(ctx, tx);
    });
  }
}
