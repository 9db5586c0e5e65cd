import type { Bin } from '../../api/queries';
import { useBinBalances } from './booked-quantity';

/** The lots a bin holds of a product, offered to a lot field (`list={id}`) as it is typed. */
export function LotSuggestions({
  id,
  warehouseId,
  bin,
  productId,
}: {
  id: string;
  warehouseId: string;
  bin: Bin | undefined;
  productId: string;
}) {
  const balances = useBinBalances(warehouseId, bin, productId);
  return (
    <datalist id={id}>
      {balances.data?.items.flatMap((row) =>
        row.lot_number ? [<option key={row.lot_number} value={row.lot_number} />] : [],
      )}
    </datalist>
  );
}
