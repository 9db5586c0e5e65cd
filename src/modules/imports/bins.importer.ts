import { Type } from 'typebox';
import type { DbOrTx } from '../../db/client.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import {
  BinCreateSchema,
  type BulkBin,
  binKey,
  LocationErrors,
  type LocationsBulk,
} from '../locations/index.js';
import { decimalPlaces } from './cells.js';
import { type Column, Importer, type Issues, markDuplicates, type ParsedRow, textField } from './importer.js';

/** A bin as `POST /warehouses/{id}/bins` takes it, with its warehouse by code. */
const BinRow = Type.Object({
  ...BinCreateSchema.properties,
  warehouse_code: Type.String({ minLength: 1, maxLength: 40 }),
});

/** Capacities keep 4 decimal places. */
const CAPACITY_DECIMALS = 4;

/** Bins of any warehouses, many at once. */
export class BinsImporter extends Importer<BulkBin[]> {
  readonly kind = 'bins';
  protected readonly schema = BinRow;
  readonly columns: Column[] = [
    {
      key: 'warehouse_code',
      hu: 'Raktárkód',
      type: 'text',
      required: true,
      aliases: ['warehouse'],
      example: 'BP1',
    },
    {
      key: 'code',
      hu: 'Tárhelykód',
      type: 'text',
      required: true,
      aliases: ['bin_code'],
      example: 'A-01-02',
    },
    {
      key: 'type',
      hu: 'Típus',
      type: {
        oneOf: {
          storage: { en: 'storage', hu: 'tároló' },
          picking: { en: 'picking', hu: 'komissiózó' },
          receiving: { en: 'receiving', hu: 'áruátvevő' },
          shipping: { en: 'shipping', hu: 'kiszállító' },
          quarantine: { en: 'quarantine', hu: 'karantén' },
        },
      },
      example: 'storage',
    },
    { key: 'capacity', hu: 'Kapacitás', type: 'number', example: 100 },
    { key: 'is_active', hu: 'Aktív', type: 'boolean', example: true },
  ];

  constructor(private readonly locations: LocationsBulk) {
    super();
  }

  async check(rows: ParsedRow[], issues: Issues): Promise<BulkBin[]> {
    const warehouses = await this.locations.warehousesByCode(
      rows.flatMap((r) => textField(r, 'warehouse_code') ?? []),
    );
    const warehouseOf = (row: ParsedRow) =>
      warehouses.get(textField(row, 'warehouse_code')?.toLowerCase() ?? '');
    for (const row of rows) {
      if (textField(row, 'warehouse_code') !== undefined && !warehouseOf(row)) {
        issues.addError(row.row, 'warehouse_code', LocationErrors.warehouseNotFound());
      }
      const capacity = row.exact.capacity;
      if (capacity !== undefined && !row.bad.has('capacity') && decimalPlaces(capacity) > CAPACITY_DECIMALS) {
        issues.add(row.row, 'capacity', 'TOO_PRECISE', { decimals: CAPACITY_DECIMALS });
      }
    }
    const keyOf = (row: ParsedRow) => {
      const warehouse = warehouseOf(row);
      const code = textField(row, 'code');
      return warehouse && code ? binKey(warehouse.id, code) : undefined;
    };
    markDuplicates(rows, issues, 'code', keyOf, (r) => `${r.record.warehouse_code} / ${r.record.code}`);
    const existing = await this.locations.binsByCode(
      rows.flatMap((row) => {
        const warehouse = warehouseOf(row);
        const code = textField(row, 'code');
        return warehouse && code ? [{ warehouseId: warehouse.id, code }] : [];
      }),
    );
    const bins: BulkBin[] = [];
    for (const row of rows) {
      const key = keyOf(row);
      if (key && existing.has(key)) {
        issues.addError(row.row, 'code', LocationErrors.binCodeTaken({ code: String(row.record.code) }));
      }
      const r = row.record;
      bins.push({
        warehouseId: warehouseOf(row)?.id ?? '',
        code: String(r.code ?? ''),
        type: r.type as string | undefined,
        capacity: r.capacity as number | undefined,
        isActive: r.is_active as boolean | undefined,
      });
    }
    return bins;
  }

  counts(bins: BulkBin[]) {
    return { bins: bins.length };
  }

  async apply(
    tx: DbOrTx,
    _ctx: RequestCtx,
    bins: BulkBin[],
    _importId: string,
    progress: (done: number) => Promise<void>,
  ): Promise<void> {
    await this.locations.insertBins(tx, bins);
    await progress(bins.length);
  }
}
