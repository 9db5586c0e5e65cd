import type { Db, DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import type { LocationStock } from './location-stock.js';
import { LocationErrors } from './locations.errors.js';
import {
  activeBinIds,
  binStats,
  findWarehouse,
  insertBin,
  insertWarehouse,
  listWarehouses,
  updateWarehouse,
  type WarehouseRow,
} from './locations.repo.js';
import type { WarehouseChanges, WarehouseCreate } from './locations.schemas.js';

export const DEFAULT_BIN_CODE = 'DEFAULT';

function toWarehousePublic(row: WarehouseRow, defaultBinId: string | null) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    address: row.address,
    is_active: row.isActive,
    default_bin_id: defaultBinId,
    version: row.version,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

function snapshot(row: WarehouseRow) {
  return { code: row.code, name: row.name, address: row.address, is_active: row.isActive };
}

/** Warehouses (seed 000): admins and managers write, everyone with the inventory module reads. */
export class WarehousesService {
  constructor(
    private readonly db: Db,
    private readonly stock: LocationStock,
  ) {}

  async list(filter: { search?: string; isActive?: boolean }, page: PageRequest) {
    const { rows, total } = await listWarehouses(this.db, filter, page);
    return toPage(
      rows.map((r) => toWarehousePublic(r.warehouse, r.defaultBinId)),
      total,
      page,
    );
  }

  async get(id: string) {
    const row = await findWarehouse(this.db, id);
    if (!row) throw LocationErrors.warehouseNotFound();
    return toWarehousePublic(row.warehouse, row.defaultBinId);
  }

  /** Creates the warehouse with its default bin, where stock posted without a bin lands. */
  async create(ctx: RequestCtx, input: WarehouseCreate) {
    return this.db.transaction((tx) => this.createIn(tx, ctx, input));
  }

  /** `create` inside the caller's transaction (a module setting up a warehouse it works in). */
  async createIn(tx: DbOrTx, ctx: RequestCtx, input: WarehouseCreate) {
    let row: WarehouseRow;
    try {
      row = await insertWarehouse(tx, {
        code: input.code.trim(),
        name: input.name.trim(),
        address: input.address?.trim() ?? '',
        isActive: input.is_active ?? true,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'warehouses_code_key'))
        throw LocationErrors.warehouseCodeTaken({ code: input.code });
      throw error;
    }
    const bin = await insertBin(tx, {
      warehouseId: row.id,
      code: DEFAULT_BIN_CODE,
      type: 'storage',
      isDefault: true,
    });
    await recordAudit(tx, ctx, {
      action: 'warehouse.create',
      entityType: 'warehouse',
      entityId: row.id,
      after: snapshot(row),
    });
    return toWarehousePublic(row, bin.id);
  }

  /** Changes the given fields; deactivating a warehouse that holds stock is refused. */
  async update(ctx: RequestCtx, id: string, input: WarehouseChanges, expectedVersion?: number) {
    if (input.is_active === false) await this.assertEmpty(id);
    return this.db.transaction(async (tx) => {
      try {
        const { before, after } = await updateWarehouse(
          tx,
          id,
          expectedVersion,
          {
            ...(input.code !== undefined ? { code: input.code.trim() } : {}),
            ...(input.name !== undefined ? { name: input.name.trim() } : {}),
            ...(input.address !== undefined ? { address: input.address.trim() } : {}),
            ...(input.is_active !== undefined ? { isActive: input.is_active } : {}),
          },
          LocationErrors.warehouseNotFound,
        );
        await recordAudit(tx, ctx, {
          action: input.is_active === false ? 'warehouse.deactivate' : 'warehouse.update',
          entityType: 'warehouse',
          entityId: id,
          before: snapshot(before),
          after: snapshot(after),
        });
        const found = await findWarehouse(tx, id);
        return toWarehousePublic(after, found?.defaultBinId ?? null);
      } catch (error) {
        if (isUniqueViolation(error, 'warehouses_code_key'))
          throw LocationErrors.warehouseCodeTaken({ code: input.code ?? '' });
        throw error;
      }
    });
  }

  /** DELETE deactivates: the warehouse keeps its history. */
  deactivate(ctx: RequestCtx, id: string) {
    return this.update(ctx, id, { is_active: false });
  }

  private async assertEmpty(id: string): Promise<void> {
    if (!(await findWarehouse(this.db, id))) throw LocationErrors.warehouseNotFound();
    const totals = await this.stock.warehouseTotals(id);
    if (totals.totalUnits > 0) throw LocationErrors.warehouseHoldsStock();
  }

  /** Seed 000's warehouse statistics: bins, occupancy, products, units, value and utilization. */
  async statistics(id: string) {
    if (!(await findWarehouse(this.db, id))) throw LocationErrors.warehouseNotFound();
    const [bins, totals, binIds] = await Promise.all([
      binStats(this.db, id),
      this.stock.warehouseTotals(id),
      activeBinIds(this.db, id),
    ]);
    const utilization =
      bins.capacity && bins.capacity > 0
        ? Math.round((totals.totalUnits / bins.capacity) * 10_000) / 100
        : null;
    return {
      warehouse_id: id,
      bins_total: bins.total,
      bins_active: bins.active,
      bins_occupied: totals.occupiedBins,
      bins_empty: binIds.length - totals.occupiedBins,
      distinct_products: totals.distinctProducts,
      total_units: totals.totalUnits,
      on_hand_by_unit: totals.byUnit.map((u) => ({ unit: u.unit, on_hand: u.onHand })),
      stock_value: totals.stockValue,
      total_capacity: bins.capacity,
      utilization_percent: utilization,
    };
  }
}
