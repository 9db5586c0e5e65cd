/**
 * What locations need to know about the stock in them. The stock module provides it; locations
 * only depend on this interface, so the two modules do not import each other.
 */
export interface LocationStock {
  /** The ids among `binIds` that hold stock (on hand > 0). */
  binsHoldingStock(binIds: string[]): Promise<Set<string>>;
  /** The ids among `binIds` that appear in the ledger at all. */
  binsWithHistory(binIds: string[]): Promise<Set<string>>;
  warehouseTotals(warehouseId: string): Promise<{
    occupiedBins: number;
    distinctProducts: number;
    totalUnits: number;
    stockValue: number;
    /** On hand per unit of measure: pieces and kilograms are never added together. */
    byUnit: { unit: string; onHand: number }[];
  }>;
}

/** Until stock is posted anywhere: every location is empty. */
export const noStock: LocationStock = {
  binsHoldingStock: async () => new Set(),
  binsWithHistory: async () => new Set(),
  warehouseTotals: async () => ({
    occupiedBins: 0,
    distinctProducts: 0,
    totalUnits: 0,
    stockValue: 0,
    byUnit: [],
  }),
};
