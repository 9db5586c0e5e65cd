/** What a balance row is locked by, as far as a document line names it. */
export interface BalanceKey {
  productId: string;
  binId?: string | null;
  /** A lot id or lot number. */
  lot?: string | null;
}

/**
 * The items in one fixed balance order (product, bin, lot). Every document posts its lines in this
 * order, so two documents never lock the same balances crosswise and never deadlock.
 */
export function inBalanceOrder<T>(items: readonly T[], keyOf: (item: T) => BalanceKey): T[] {
  const key = (item: T) => {
    const k = keyOf(item);
    return `${k.productId}|${k.binId ?? ''}|${k.lot ?? ''}`;
  };
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
