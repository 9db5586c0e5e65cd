import { type SQL, sql } from 'drizzle-orm';

export interface StockDistribution {
  on_hand: number;
  reserved: number;
  available: number;
  warehouses: {
    warehouse_id: string;
    warehouse_code: string;
    on_hand: number;
    reserved: number;
    available: number;
  }[];
}

/**
 * What the catalog shows of stock. The stock module provides it; the catalog depends only on
 * this interface, so the two modules do not import each other.
 */
export interface ProductStock {
  distribution(productId: string): Promise<StockDistribution>;
  /** A SQL expression for the total on hand of the product whose id is `productId` (list and sort). */
  onHandSql(productId: SQL): SQL<number>;
}

/** Until stock is posted: nothing anywhere. */
export const noProductStock: ProductStock = {
  distribution: async () => ({ on_hand: 0, reserved: 0, available: 0, warehouses: [] }),
  onHandSql: () => sql<number>`0`,
};
