import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { binsByCodes, insertBinsBulk, warehousesByCodes } from './locations.repo.js';

/** Bins one set-based insert writes at most. */
const INSERT_CHUNK = 5_000;

export interface WarehouseRef {
  id: string;
  code: string;
  isActive: boolean;
  /** Where stock posted without a bin lands. */
  defaultBinId: string | null;
}

export interface BinRef {
  id: string;
  code: string;
  isActive: boolean;
}

/** A bin to create in a warehouse; what is left out takes the column's default. */
export interface BulkBin {
  warehouseId: string;
  code: string;
  type?: string;
  capacity?: number | null;
  isActive?: boolean;
}

/** The key `binsByCode` answers under: the warehouse and the lower-cased code. */
export const binKey = (warehouseId: string, code: string) =>
  `${warehouseId}\u0000${code.trim().toLowerCase()}`;

/**
 * Warehouses and bins many rows at a time (imports): one query for all the codes a file names,
 * and bins written by one `INSERT … SELECT FROM json_to_recordset` per few thousand.
 */
export class LocationsBulk {
  constructor(private readonly db: Db) {}

  /** The warehouses with these codes, by lower-cased code. */
  async warehousesByCode(codes: Iterable<string>): Promise<Map<string, WarehouseRef>> {
    const wanted = [...new Set([...codes].map((code) => code.trim().toLowerCase()))];
    const found = await warehousesByCodes(this.db, wanted);
    return new Map(
      found.map((row) => [
        row.key,
        { id: row.id, code: row.code, isActive: row.is_active, defaultBinId: row.default_bin_id },
      ]),
    );
  }

  /** The bins with these codes in these warehouses, by `binKey`. */
  async binsByCode(keys: { warehouseId: string; code: string }[]): Promise<Map<string, BinRef>> {
    const unique = new Map(keys.map((k) => [binKey(k.warehouseId, k.code), k]));
    const found = await binsByCodes(
      this.db,
      [...unique.values()].map((k) => ({ warehouseId: k.warehouseId, code: k.code.trim().toLowerCase() })),
    );
    return new Map(
      found.map((row) => [
        binKey(row.warehouse_id, row.key),
        { id: row.id, code: row.code, isActive: row.is_active },
      ]),
    );
  }

  /** Inserts every bin, a chunk per statement. */
  async insertBins(tx: DbOrTx, bins: BulkBin[]): Promise<number> {
    for (let start = 0; start < bins.length; start += INSERT_CHUNK) {
      await insertBinsBulk(
        tx,
        bins.slice(start, start + INSERT_CHUNK).map((bin) => ({
          id: uuidv7(),
          warehouseId: bin.warehouseId,
          code: bin.code.trim(),
          type: bin.type ?? 'storage',
          capacity: bin.capacity ?? null,
          isActive: bin.isActive ?? true,
        })),
      );
    }
    return bins.length;
  }
}
