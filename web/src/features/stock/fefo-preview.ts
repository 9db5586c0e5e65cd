import { useQuery } from '@tanstack/react-query';
import { api, type ResponseOf, unwrap } from '../../api/client';
import type { Pick } from '../../components/pick-table';

type FefoRow = ResponseOf<'/api/v1/reports/fefo', 'get'>['items'][number];

/**
 * What an issue of `quantity` would take, earliest expiry first, from the FEFO report's unexpired,
 * unreserved stock: shown before posting. The posting allocates again under lock, and its answer
 * (the allocation actually made) replaces this preview.
 */
export function planFefo(rows: FefoRow[], quantity: number): { picks: Pick[]; short: number } {
  const picks: Pick[] = [];
  let left = quantity;
  for (const row of rows) {
    if (left <= 0) break;
    const free = row.quantity - row.reserved;
    if (row.expired || free <= 0) continue;
    const take = Math.min(free, left);
    picks.push({
      key: `${row.bin_code}-${row.lot_number}`,
      binCode: row.bin_code,
      lotNumber: row.lot_number,
      expiry: row.expiry_date,
      quantity: take,
    });
    left -= take;
  }
  return { picks, short: Math.max(0, left) };
}

/** The FEFO report's lots of one product in one warehouse, in expiry order. */
export function useFefoRows(warehouseId: string, productId: string) {
  return useQuery({
    queryKey: ['fefo', warehouseId, productId],
    enabled: Boolean(warehouseId && productId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/reports/fefo', {
          params: { query: { warehouse_id: warehouseId, product_id: productId, page_size: 100 } },
        }),
      ).items,
  });
}
