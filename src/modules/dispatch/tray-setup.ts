import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { outsideRequestTransaction } from '../../db/request-transaction.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import type { CatalogBulk } from '../catalog/index.js';
import { type BinsService, binKey, type LocationsBulk, type WarehousesService } from '../locations/index.js';
import { lockTraySetup } from './dispatch.repo.js';

/** One tray type and the product that counts it. */
export interface TrayType {
  type: string;
  productId: string;
  sku: string;
}

/** Where the trays are kept: the warehouse, the bin dispatches take from, and the quarantine bin. */
export interface TrayStore {
  warehouseId: string;
  defaultBinId: string;
  quarantineBinId: string;
  types: TrayType[];
}

export interface TraySetupDeps {
  warehouses: WarehousesService;
  bins: BinsService;
  locationsBulk: LocationsBulk;
  catalogBulk: CatalogBulk;
}

/**
 * The trays warehouse, its quarantine bin and one product per tray type, as configured: created
 * on first use (under a lock, so two first requests create them once) and remembered after.
 */
export class TraySetup {
  private store: Promise<TrayStore> | undefined;

  constructor(
    private readonly db: Db,
    private readonly config: Config['dispatch'],
    private readonly deps: TraySetupDeps,
  ) {}

  /** The configured tray types, upper-case. */
  get types(): string[] {
    return this.config.trayTypes;
  }

  ensure(ctx: RequestCtx): Promise<TrayStore> {
    // Outside a request's transaction: what is remembered must be committed, whatever the request does.
    this.store ??= outsideRequestTransaction(() => this.create(ctx)).catch((error: unknown) => {
      this.store = undefined;
      throw error;
    });
    return this.store;
  }

  /**
   * The setup if it is all there, without creating any of it: what a request that may yet be
   * refused reads, so a refusal never leaves a trays warehouse behind.
   */
  async peek(): Promise<TrayStore | undefined> {
    if (this.store) return this.store;
    const found = await this.storeOf();
    if (!found.warehouseId || !found.quarantineBinId || found.types.some((tray) => !tray.productId))
      return undefined;
    this.store ??= Promise.resolve(found);
    return found;
  }

  /** Creates what is missing (in one locked transaction), then reads it all back as committed. */
  private async create(ctx: RequestCtx): Promise<TrayStore> {
    await this.db.transaction(async (tx) => {
      await lockTraySetup(tx);
      const found = await this.find();
      const warehouseId =
        found.warehouse?.id ??
        (
          await this.deps.warehouses.createIn(tx, ctx, {
            code: this.config.warehouseCode,
            name: 'Core trays',
          })
        ).id;
      if (!found.quarantineBinId)
        await this.deps.bins.createIn(tx, ctx, warehouseId, {
          code: this.config.quarantineBin,
          type: 'quarantine',
        });
      const missing = this.config.trayTypes.filter(
        (type) => !found.products.has(this.skuOf(type).toLowerCase()),
      );
      await this.deps.catalogBulk.insertProducts(
        tx,
        missing.map((type) => ({ sku: this.skuOf(type), name: `${type} core tray` })),
      );
    });
    return this.storeOf();
  }

  /** The setup as committed ('' for what is missing). */
  private async storeOf(): Promise<TrayStore> {
    const { warehouse, quarantineBinId, products } = await this.find();
    return {
      warehouseId: warehouse?.id ?? '',
      defaultBinId: warehouse?.defaultBinId ?? '',
      quarantineBinId: quarantineBinId ?? '',
      types: this.config.trayTypes.map((type) => {
        const sku = this.skuOf(type);
        return { type, sku, productId: products.get(sku.toLowerCase())?.id ?? '' };
      }),
    };
  }

  private skuOf(type: string): string {
    return `${this.config.skuPrefix}${type}`;
  }

  /** What exists of the setup, as committed. */
  private async find() {
    const { locationsBulk, catalogBulk } = this.deps;
    const { warehouseCode, quarantineBin } = this.config;
    const warehouse = (await locationsBulk.warehousesByCode([warehouseCode])).get(
      warehouseCode.toLowerCase(),
    );
    const bins = warehouse
      ? await locationsBulk.binsByCode([{ warehouseId: warehouse.id, code: quarantineBin }])
      : new Map<string, { id: string }>();
    const quarantineBinId = warehouse ? bins.get(binKey(warehouse.id, quarantineBin))?.id : undefined;
    const products = await catalogBulk.productsBySku(this.config.trayTypes.map((type) => this.skuOf(type)));
    return { warehouse, quarantineBinId, products };
  }
}
