import { type AppError, atField } from '../../platform/errors.js';
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

/** The field of a document line each refusal is about; a refusal not in this list is about the document. */
const LINE_FIELDS: Record<string, string> = {
  INSUFFICIENT_STOCK: 'quantity',
  QUANTITY_TOO_PRECISE: 'quantity',
  PRODUCT_NOT_FOUND: 'product_id',
  PRODUCT_INACTIVE: 'product_id',
  BIN_NOT_FOUND: 'bin_id',
  LOT_NOT_FOUND: 'lot_id',
  LOT_NOT_OF_PRODUCT: 'lot_id',
  PRODUCT_NOT_LOT_TRACKED: 'lot_number',
  LOT_REQUIRED: 'lot_number',
};

/**
 * `error`, naming the field of the document line (`lines.3`) it refused, when it is about a line;
 * `line` empty: the body is the one line (`quantity`).
 */
export function refusalAt(error: AppError, line: string): AppError {
  const field = LINE_FIELDS[error.code];
  return field ? atField(error, line ? `${line}.${field}` : field) : error;
}
