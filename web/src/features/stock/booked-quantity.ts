import { useQuery } from '@tanstack/react-query';
import Decimal from 'decimal.js';
import { api, unwrap } from '../../api/client';
import { type Bin, useBin } from '../../api/queries';

/**
 * The bin a line posts to: the chosen one, or the warehouse's default bin as the API takes it. Read
 * by id, so that a bin past the first page of a large warehouse is found as well.
 */
export function useTargetBin(warehouseId: string, binId: string): Bin | undefined {
  const warehouse = useQuery({
    queryKey: ['warehouse', warehouseId],
    enabled: Boolean(warehouseId && !binId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/warehouses/{id}', { params: { path: { id: warehouseId } } })),
  });
  const id = binId || (warehouse.data?.id === warehouseId ? warehouse.data.default_bin_id : null) || '';
  const bin = useBin(warehouseId ? id : undefined);
  // A bin of another warehouse (the choice of the one before) is not this line's.
  return bin.data?.warehouse_id === warehouseId ? bin.data : undefined;
}

/** A product's balances in one bin, one row per lot (the lots shown as suggestions, and the books). */
export function useBinBalances(warehouseId: string, bin: Bin | undefined, productId: string | undefined) {
  return useQuery({
    queryKey: ['balances', warehouseId, bin?.id, productId],
    enabled: Boolean(warehouseId && bin && productId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/inventory/balances', {
          params: {
            query: {
              warehouse_id: warehouseId,
              bin_id: bin?.id ?? '',
              product_id: productId ?? '',
              page_size: 100,
            },
          },
        }),
      ),
  });
}

/**
 * What the books hold of a product in one bin and lot (lot number matched as the API matches it:
 * case and surrounding spaces aside); no lot means the product's untracked balance. Undefined until
 * known, and for a lot-tracked product until its lot is given.
 */
export function useBookedQuantity(
  warehouseId: string,
  bin: Bin | undefined,
  product: { id: string; tracking: string },
  lotNumber: string,
): Decimal | undefined {
  const balances = useBinBalances(warehouseId, bin, product.id);
  const lot = lotNumber.trim().toLowerCase();
  // A lot-tracked product has no figure until the lot is named.
  if (!balances.data || (product.tracking === 'lot' && !lot)) return undefined;
  const row = balances.data.items.find((b) =>
    lot ? b.lot_number?.toLowerCase() === lot : b.lot_id === null,
  );
  return new Decimal(row?.on_hand ?? 0);
}

/** `a − b` exactly, or null when `a` is not a number (the field is half typed). */
export function differenceOf(a: string, b: Decimal | undefined): Decimal | null {
  if (b === undefined || a.trim() === '') return null;
  try {
    return new Decimal(a.trim().replace(',', '.')).minus(b);
  } catch {
    return null;
  }
}
