import type { AppError } from '../../platform/errors.js';
import { CatalogErrors } from '../catalog/index.js';
import { LocationErrors } from '../locations/index.js';
import type { PostedRow } from './ledger.repo.js';
import { StockErrors } from './stock.errors.js';

/** The error a refused line answers with, from the refusal `stock_post` returned for it. */
export function refusalError(row: PostedRow): AppError {
  const detail = (row.detail ?? {}) as {
    sku?: string;
    unit?: string;
    decimals?: number;
    status?: string;
    available?: number | string;
  };
  const sku = detail.sku ?? '';
  switch (row.refusal) {
    case 'insufficient': {
      const available = Number(detail.available ?? 0);
      return StockErrors.insufficient({ sku, requested: row.quantity, available }, { available });
    }
    case 'product_not_found':
      return CatalogErrors.productNotFound();
    case 'product_inactive':
      return CatalogErrors.productInactive({ sku });
    case 'too_precise':
      return StockErrors.tooPrecise({ unit: detail.unit ?? '', decimals: detail.decimals ?? 0 });
    case 'warehouse_not_found':
      return LocationErrors.warehouseNotFound();
    case 'warehouse_inactive':
      return LocationErrors.inactiveWarehouse();
    case 'bin_not_found':
      return LocationErrors.binNotFound();
    case 'lot_not_found':
      return CatalogErrors.lotNotFound();
    case 'lot_mismatch':
      return StockErrors.lotMismatch();
    case 'not_lot_tracked':
      return CatalogErrors.notLotTracked({ sku });
    case 'lot_required':
      return StockErrors.lotRequired({ sku });
    case 'reservation_not_found':
      return StockErrors.reservationNotFound();
    case 'reservation_closed':
      return StockErrors.reservationClosed({ status: detail.status ?? '' });
    default:
      throw new Error(`unknown stock refusal ${row.refusal}`);
  }
}
