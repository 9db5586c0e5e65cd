import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import { expandBinPattern } from './bin-pattern.js';
import type { LocationStock } from './location-stock.js';
import { LocationErrors } from './locations.errors.js';
import {
  type BinFilter,
  type BinRow,
  deleteBin,
  existingBinCodes,
  findBin,
  findWarehouse,
  insertBin,
  insertBinsBulk,
  listBins,
  updateBin,
} from './locations.repo.js';
import type { BinBulkBody, BinChanges, BinCreate } from './locations.schemas.js';

function toBinPublic(row: BinRow) {
  return {
    id: row.id,
    warehouse_id: row.warehouseId,
    code: row.code,
    type: row.type,
    capacity: row.capacity,
    is_default: row.isDefault,
    is_active: row.isActive,
    version: row.version,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

function snapshot(row: BinRow) {
  return { code: row.code, type: row.type, capacity: row.capacity, is_active: row.isActive };
}

/** Bins: storage locations inside a warehouse, one by one or generated from a pattern. */
export class BinsService {
  constructor(
    private readonly db: Db,
    private readonly stock: LocationStock,
    private readonly bulkMax: number,
  ) {}

  private async warehouseOrThrow(db: DbOrTx, warehouseId: string) {
    const found = await findWarehouse(db, warehouseId);
    if (!found) throw LocationErrors.warehouseNotFound();
    return found.warehouse;
  }

  private async binOrThrow(db: DbOrTx, id: string): Promise<BinRow> {
    const bin = await findBin(db, id);
    if (!bin) throw LocationErrors.binNotFound();
    return bin;
  }

  async list(warehouseId: string, filter: BinFilter, page: PageRequest) {
    await this.warehouseOrThrow(this.db, warehouseId);
    const { rows, total } = await listBins(this.db, warehouseId, filter, page);
    return toPage(rows.map(toBinPublic), total, page);
  }

  async get(id: string) {
    return toBinPublic(await this.binOrThrow(this.db, id));
  }

  /**
   * The bin stock goes to or comes from: the given one (which must belong to the warehouse and be
   * active) or the warehouse's default bin. For documents posting stock.
   */
  async resolve(db: DbOrTx, warehouseId: string, binId?: string | null): Promise<BinRow> {
    const warehouse = await this.warehouseOrThrow(db, warehouseId);
    if (!warehouse.isActive) throw LocationErrors.inactiveWarehouse();
    if (!binId) {
      const found = await findWarehouse(db, warehouseId);
      return this.binOrThrow(db, found?.defaultBinId ?? '');
    }
    const bin = await this.binOrThrow(db, binId);
    if (bin.warehouseId !== warehouseId) throw LocationErrors.binNotFound();
    return bin;
  }

  async create(ctx: RequestCtx, warehouseId: string, input: BinCreate) {
    return this.db.transaction((tx) => this.createIn(tx, ctx, warehouseId, input));
  }

  /** `create` inside the caller's transaction (a module setting up a bin it works with). */
  async createIn(tx: DbOrTx, ctx: RequestCtx, warehouseId: string, input: BinCreate) {
    await this.warehouseOrThrow(tx, warehouseId);
    let row: BinRow;
    try {
      row = await insertBin(tx, {
        warehouseId,
        code: input.code.trim(),
        type: input.type ?? 'storage',
        capacity: input.capacity ?? null,
        isActive: input.is_active ?? true,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'bins_warehouse_code_key'))
        throw LocationErrors.binCodeTaken({ code: input.code });
      throw error;
    }
    await recordAudit(tx, ctx, {
      action: 'bin.create',
      entityType: 'bin',
      entityId: row.id,
      after: snapshot(row),
    });
    return toBinPublic(row);
  }

  async update(ctx: RequestCtx, id: string, input: BinChanges, expectedVersion?: number) {
    const current = await this.binOrThrow(this.db, id);
    if (input.is_active === false) await this.assertRemovable(current);
    return this.db.transaction(async (tx) => {
      try {
        const { before, after } = await updateBin(
          tx,
          id,
          expectedVersion,
          {
            ...(input.code !== undefined ? { code: input.code.trim() } : {}),
            ...(input.type !== undefined ? { type: input.type } : {}),
            ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
            ...(input.is_active !== undefined ? { isActive: input.is_active } : {}),
          },
          LocationErrors.binNotFound,
        );
        await recordAudit(tx, ctx, {
          action: 'bin.update',
          entityType: 'bin',
          entityId: id,
          before: snapshot(before),
          after: snapshot(after),
        });
        return toBinPublic(after);
      } catch (error) {
        if (isUniqueViolation(error, 'bins_warehouse_code_key'))
          throw LocationErrors.binCodeTaken({ code: input.code ?? '' });
        throw error;
      }
    });
  }

  /** Deletes a bin that never held stock; one with history must be deactivated instead. */
  async remove(ctx: RequestCtx, id: string): Promise<void> {
    const bin = await this.binOrThrow(this.db, id);
    await this.assertRemovable(bin);
    if ((await this.stock.binsWithHistory([id])).has(id)) throw LocationErrors.binHasHistory();
    await this.db.transaction(async (tx) => {
      await deleteBin(tx, id);
      await recordAudit(tx, ctx, {
        action: 'bin.delete',
        entityType: 'bin',
        entityId: id,
        before: snapshot(bin),
      });
    });
  }

  private async assertRemovable(bin: BinRow): Promise<void> {
    if (bin.isDefault) throw LocationErrors.defaultBin();
    if ((await this.stock.binsHoldingStock([bin.id])).has(bin.id)) throw LocationErrors.binHoldsStock();
  }

  /**
   * Generates bins from a code pattern (seed 000 phase 2), all or nothing: when any code exists,
   * nothing is created and the 409 lists the clashes. A dry run only returns the codes.
   */
  async bulkCreate(ctx: RequestCtx, warehouseId: string, input: BinBulkBody, dryRun: boolean) {
    const codes = expandBinPattern(input.pattern, input.ranges, this.bulkMax);
    const clashError = (clashes: string[]) =>
      LocationErrors.binCodesTaken({ count: clashes.length }, { clashes: clashes.slice(0, 100) });
    try {
      return await this.db.transaction(async (tx) => {
        await this.warehouseOrThrow(tx, warehouseId);
        const clashes = await existingBinCodes(tx, warehouseId, codes);
        if (clashes.length > 0) throw clashError(clashes);
        if (dryRun) return { dry_run: true, count: codes.length, codes };
        await insertBinsBulk(
          tx,
          codes.map((code) => ({
            id: uuidv7(),
            warehouseId,
            code,
            type: input.type ?? 'storage',
            capacity: input.capacity ?? null,
          })),
        );
        await recordAudit(tx, ctx, {
          action: 'bin.bulk_create',
          entityType: 'warehouse',
          entityId: warehouseId,
          after: { pattern: input.pattern, count: codes.length, first: codes[0], last: codes.at(-1) },
        });
        return { dry_run: false, count: codes.length, codes };
      });
    } catch (error) {
      // Another request created some of the same codes in the meantime (checked after rollback).
      if (isUniqueViolation(error, 'bins_warehouse_code_key'))
        throw clashError(await existingBinCodes(this.db, warehouseId, codes));
      throw error;
    }
  }
}
