import { type DemoClient, dayOffset, type Random } from './demo-client.js';
import type { DemoMasterData, DemoProduct, DemoWarehouse } from './master-data.js';

/** What the demo's documents are, for the closing line. */
export interface DemoCounts {
  receipts: number;
  issues: number;
  transfers: number;
  counts: number;
  purchaseOrders: number;
  salesOrders: number;
  workOrders: number;
}

/**
 * The demo site while it is built: its records, and what of each product each warehouse can still
 * give (unexpired stock not reserved), so every issue, shipment and transfer asks for what FEFO can
 * take and nothing is refused. Expired lots count for nothing here, as they do for FEFO.
 */
export class DemoState {
  private readonly available = new Map<string, number>();
  private readonly lots = new Map<string, number>();
  readonly counts: DemoCounts = {
    receipts: 0,
    issues: 0,
    transfers: 0,
    counts: 0,
    purchaseOrders: 0,
    salesOrders: 0,
    workOrders: 0,
  };

  constructor(
    readonly client: DemoClient,
    readonly random: Random,
    readonly data: DemoMasterData,
    readonly today: Date,
  ) {}

  day(offset: number): string {
    return dayOffset(this.today, offset);
  }

  warehouse(code: 'BUD' | 'DEB'): DemoWarehouse {
    return this.data.warehouses.find((w) => w.code === code) as DemoWarehouse;
  }

  productsIn(...categories: string[]): DemoProduct[] {
    return this.data.products.filter((p) => categories.includes(p.category));
  }

  availableOf(warehouse: DemoWarehouse, product: DemoProduct): number {
    return this.available.get(`${warehouse.id}:${product.id}`) ?? 0;
  }

  change(warehouse: DemoWarehouse, product: DemoProduct, delta: number): void {
    const key = `${warehouse.id}:${product.id}`;
    this.available.set(key, (this.available.get(key) ?? 0) + delta);
  }

  /** Products of `categories` with at least `least` available in `warehouse`, in random order. */
  stocked(warehouse: DemoWarehouse, least: number, categories: string[]): DemoProduct[] {
    return this.productsIn(...categories)
      .filter((p) => this.availableOf(warehouse, p) >= least)
      .map((p) => ({ p, key: this.random.next() }))
      .sort((a, b) => a.key - b.key)
      .map(({ p }) => p);
  }

  /**
   * The lot fields of a receipt line on `receivedOn` (days from today): a new lot number, and an
   * expiry at the end of the shelf life; `expiryOffset` sets the expiry (days from today) instead.
   * Never within a day of today, so what is expired does not depend on the hour the demo runs.
   */
  lotFor(product: DemoProduct, receivedOn: number, expiryOffset?: number) {
    if (!product.lotTracked) return { expiresIn: undefined, fields: {} };
    const n = (this.lots.get(product.id) ?? 0) + 1;
    this.lots.set(product.id, n);
    let expiresIn = expiryOffset ?? receivedOn + (product.shelfLifeDays ?? 365);
    if (Math.abs(expiresIn) <= 1) expiresIn = 3;
    return {
      expiresIn,
      fields: {
        lot_number: `L${this.day(receivedOn).replaceAll('-', '')}-${product.sku}-${n}`,
        expiry_date: this.day(expiresIn),
      },
    };
  }

  /** Books a receipt line into what can be given: unexpired stock only. */
  received(
    warehouse: DemoWarehouse,
    product: DemoProduct,
    quantity: number,
    expiresIn: number | undefined,
  ): void {
    if (expiresIn === undefined || expiresIn > 0) this.change(warehouse, product, quantity);
  }

  bin(warehouse: DemoWarehouse) {
    return this.random.pick(warehouse.bins);
  }
}
