import type { SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { updateVersioned } from '../../db/versioned.js';
import { decimal } from '../../platform/decimal.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import type { BinsService } from '../locations/index.js';
import { BioflocErrors } from './biofloc.errors.js';
import { bioflocTanks } from './biofloc.tables.js';
import {
  findTankView,
  insertTank,
  listTanks,
  lockTank,
  type NewTank,
  type TankFilter,
  type TankRow,
  type TankView,
  tanksExportQuery,
} from './tanks.repo.js';
import type { TankChanges, TankCreate } from './tanks.schemas.js';

export function toTankPublic(row: TankView) {
  return {
    id: row.id,
    tank_code: row.tankCode,
    tank_name: row.tankName,
    capacity_liters: Number(row.capacityLiters),
    location: row.location,
    tank_type: row.tankType,
    status: row.status,
    warehouse_id: row.warehouseId,
    notes: row.notes,
    is_active: row.isActive,
    current_batch_id: row.currentBatchId,
    current_batch_code: row.currentBatchCode,
    current_batch_count: row.currentBatchCount,
    version: row.version,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** Culture tanks: created, edited, put in maintenance, deactivated (never while stocked). */
export class TanksService {
  constructor(
    private readonly db: Db,
    private readonly bins: BinsService,
    private readonly defaultWarehouseId: string | null,
  ) {}

  /** The tank, locked for the operation about to change it or its batch. */
  async lock(db: DbOrTx, id: string): Promise<TankRow> {
    const row = await lockTank(db, id);
    if (!row) throw BioflocErrors.tankNotFound();
    return row;
  }

  /** The tank as it is (unlocked). */
  async find(db: DbOrTx, id: string): Promise<TankView> {
    const row = await findTankView(db, id);
    if (!row) throw BioflocErrors.tankNotFound();
    return row;
  }

  /** The warehouse a tank's stock operations use: its own, or the farm's default. */
  warehouseOf(tank: TankRow): string {
    const id = tank.warehouseId ?? this.defaultWarehouseId;
    if (!id) throw BioflocErrors.noWarehouse({ code: tank.tankCode });
    return id;
  }

  private async view(db: DbOrTx, id: string) {
    const row = await findTankView(db, id);
    if (!row) throw BioflocErrors.tankNotFound();
    return toTankPublic(row);
  }

  private columns(input: TankChanges): Partial<NewTank> {
    const out: Partial<NewTank> = {
      tankCode: input.tank_code?.trim(),
      tankName: input.tank_name?.trim(),
      capacityLiters: input.capacity_liters === undefined ? undefined : decimal(input.capacity_liters),
      location: input.location?.trim(),
      tankType: input.tank_type,
      status: input.status,
      warehouseId: input.warehouse_id,
      notes: input.notes,
    };
    return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
  }

  private rethrow(error: unknown, code: string | undefined): never {
    if (isUniqueViolation(error, 'biofloc_tanks_tank_code_unique'))
      throw BioflocErrors.tankCodeTaken({ code: code?.trim() ?? '' });
    throw error;
  }

  async create(ctx: RequestCtx, input: TankCreate) {
    try {
      return await this.db.transaction(async (tx) => {
        if (input.warehouse_id) await this.bins.resolve(tx, input.warehouse_id, null);
        const row = await insertTank(tx, this.columns(input) as NewTank);
        await recordAudit(tx, ctx, {
          action: 'biofloc_tank.create',
          entityType: 'biofloc_tank',
          entityId: row.id,
          after: { tank_code: row.tankCode, status: row.status },
        });
        return this.view(tx, row.id);
      });
    } catch (error) {
      this.rethrow(error, input.tank_code);
    }
  }

  /** A stocked tank stays `in_use` until its batch leaves. */
  async update(ctx: RequestCtx, id: string, changes: TankChanges, version?: number) {
    try {
      return await this.db.transaction(async (tx) => {
        const tank = await this.lock(tx, id);
        const current = await findTankView(tx, id);
        if (changes.status && current?.currentBatchId)
          throw BioflocErrors.tankOccupied({ code: tank.tankCode });
        if (changes.warehouse_id) await this.bins.resolve(tx, changes.warehouse_id, null);
        const { before, after } = await updateVersioned(
          tx,
          bioflocTanks,
          id,
          version,
          this.columns(changes),
          BioflocErrors.tankNotFound,
        );
        await recordAudit(tx, ctx, {
          action: 'biofloc_tank.update',
          entityType: 'biofloc_tank',
          entityId: id,
          before: { ...before, createdAt: undefined, updatedAt: undefined },
          after: { ...after, createdAt: undefined, updatedAt: undefined },
        });
        return this.view(tx, id);
      });
    } catch (error) {
      this.rethrow(error, changes.tank_code);
    }
  }

  /** Deactivates a tank that holds no batch. */
  async remove(ctx: RequestCtx, id: string) {
    return this.db.transaction(async (tx) => {
      const tank = await this.lock(tx, id);
      if ((await findTankView(tx, id))?.currentBatchId)
        throw BioflocErrors.tankOccupied({ code: tank.tankCode });
      await updateVersioned(tx, bioflocTanks, id, undefined, { isActive: false }, BioflocErrors.tankNotFound);
      await recordAudit(tx, ctx, {
        action: 'biofloc_tank.deactivate',
        entityType: 'biofloc_tank',
        entityId: id,
        before: { is_active: tank.isActive },
        after: { is_active: false },
      });
      return this.view(tx, id);
    });
  }

  get(id: string) {
    return this.view(this.db, id);
  }

  async list(filter: TankFilter, page: PageRequest) {
    const { rows, total } = await listTanks(this.db, filter, page);
    return toPage(rows.map(toTankPublic), total, page);
  }

  exportQuery(filter: TankFilter): SQL {
    return tanksExportQuery(filter);
  }
}
