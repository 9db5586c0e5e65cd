import type { SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { decimal } from '../../platform/decimal.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import type { ProductsService } from '../catalog/index.js';
import type { StockService } from '../stock/index.js';
import { toBatchPublic, toHistoryPublic } from './batches.mapper.js';
import {
  type BatchFilter,
  type BatchRow,
  batchesExportQuery,
  findBatchView,
  historyOf,
  insertBatch,
  insertHistory,
  listBatches,
  lockBatch,
  type NewBatch,
  updateBatch,
} from './batches.repo.js';
import type { BatchCreate, TransferBody } from './batches.schemas.js';
import { BioflocErrors } from './biofloc.errors.js';
import { issueFromStock } from './stock-issue.js';
import type { TankRow } from './tanks.repo.js';
import { setTankStatus } from './tanks.repo.js';
import type { TanksService } from './tanks.service.js';

/** A batch's stocking: the tank must be free, active and available; the unique index settles a race. */
export class BatchesService {
  constructor(
    private readonly db: Db,
    private readonly tanks: TanksService,
    private readonly products: ProductsService,
    private readonly stock: StockService,
  ) {}

  /** The batch, locked; not active → 409 unless `anyStatus`. */
  async lock(db: DbOrTx, id: string, anyStatus = false): Promise<BatchRow> {
    const row = await lockBatch(db, id);
    if (!row) throw BioflocErrors.batchNotFound();
    if (!anyStatus && row.status !== 'active')
      throw BioflocErrors.batchNotActive({ code: row.batchCode, status: row.status });
    return row;
  }

  async view(db: DbOrTx, id: string) {
    const row = await findBatchView(db, id);
    if (!row) throw BioflocErrors.batchNotFound();
    return toBatchPublic(row);
  }

  /** A tank about to receive a batch: active and available (in use → TANK_OCCUPIED). */
  requireFree(tank: TankRow): void {
    if (tank.status === 'in_use') throw BioflocErrors.tankOccupied({ code: tank.tankCode });
    if (!tank.isActive || tank.status !== 'available')
      throw BioflocErrors.tankUnavailable({
        code: tank.tankCode,
        status: tank.isActive ? tank.status : 'decommissioned',
      });
  }

  /** Inserts a batch into a locked free tank, marks the tank in use and starts its tank history. */
  async stockInto(tx: DbOrTx, tank: TankRow, values: NewBatch, reason: string): Promise<BatchRow> {
    this.requireFree(tank);
    let batch: BatchRow;
    try {
      batch = await insertBatch(tx, values);
    } catch (error) {
      if (isUniqueViolation(error, 'biofloc_batches_batch_code_unique'))
        throw BioflocErrors.batchCodeTaken({ code: values.batchCode });
      if (isUniqueViolation(error, 'biofloc_batches_one_active_per_tank'))
        throw BioflocErrors.tankOccupied({ code: tank.tankCode });
      throw error;
    }
    await setTankStatus(tx, tank.id, 'in_use');
    await insertHistory(tx, {
      batchId: batch.id,
      tankId: tank.id,
      transferDate: values.stockingDate,
      reason,
      fishCount: batch.initialCount,
      avgWeightG: batch.initialAvgWeightG,
    });
    return batch;
  }

  async create(ctx: RequestCtx, input: BatchCreate) {
    return this.db.transaction(async (tx) => {
      const tank = await this.tanks.lock(tx, input.tank_id);
      const harvestProduct = input.harvest_product_id
        ? await this.products.requireActive(tx, input.harvest_product_id)
        : input.harvest_sku
          ? await this.products.requireActiveBySku(tx, input.harvest_sku)
          : null;
      const id = uuidv7();
      const batch = await this.stockInto(
        tx,
        tank,
        {
          id,
          batchCode: input.batch_code.trim(),
          species: input.species.trim(),
          source: input.source?.trim() ?? '',
          stockingDate: input.stocking_date,
          initialCount: input.initial_count,
          initialAvgWeightG: decimal(input.initial_avg_weight_g),
          currentCount: input.initial_count,
          currentAvgWeightG: decimal(input.initial_avg_weight_g),
          currentTankId: tank.id,
          harvestProductId: harvestProduct?.id ?? null,
          stockProductId: input.stock_product_id ?? null,
          weighedOn: input.stocking_date,
          notes: input.notes ?? '',
        },
        'initial_stocking',
      );
      if (input.stock_product_id) {
        // Fingerlings bought as stock leave it with the stocking, at their moving average cost.
        const product = await this.products.requireActive(tx, input.stock_product_id);
        const issued = await issueFromStock(
          tx,
          ctx,
          this.stock,
          this.tanks.warehouseOf(tank),
          [{ productId: product.id, quantity: String(input.initial_count) }],
          { referenceType: 'biofloc_batch', referenceId: id, referenceNumber: batch.batchCode },
        );
        await updateBatch(tx, id, { fingerlingCost: issued.cost });
      }
      await recordAudit(tx, ctx, {
        action: 'biofloc_batch.create',
        entityType: 'biofloc_batch',
        entityId: id,
        after: { batch_code: batch.batchCode, tank_id: tank.id, initial_count: batch.initialCount },
      });
      return this.view(tx, id);
    });
  }

  /** Moves an active batch to a free tank: the old one is freed, the move kept in its history. */
  async transfer(ctx: RequestCtx, id: string, input: TransferBody) {
    return this.db.transaction(async (tx) => {
      const batch = await this.lock(tx, id);
      if (batch.currentTankId === input.to_tank_id) {
        const tank = await this.tanks.lock(tx, input.to_tank_id);
        throw BioflocErrors.sameTank({ code: tank.tankCode });
      }
      // Both tanks locked in id order, as every operation on two tanks does.
      const [first, second] = [batch.currentTankId, input.to_tank_id].sort();
      const locked = [
        await this.tanks.lock(tx, first as string),
        await this.tanks.lock(tx, second as string),
      ];
      const to = locked.find((tank) => tank.id === input.to_tank_id) as TankRow;
      this.requireFree(to);
      if (input.fish_count !== undefined && input.fish_count > batch.currentCount)
        throw BioflocErrors.tooManyFish({
          count: input.fish_count,
          alive: batch.currentCount,
          code: batch.batchCode,
        });
      await updateBatch(tx, id, {
        currentTankId: to.id,
        ...(input.fish_count !== undefined ? { currentCount: input.fish_count } : {}),
        ...(input.avg_weight_g !== undefined
          ? { currentAvgWeightG: decimal(input.avg_weight_g), weighedOn: input.transfer_date }
          : {}),
      });
      await setTankStatus(tx, batch.currentTankId, 'available');
      await setTankStatus(tx, to.id, 'in_use');
      await insertHistory(tx, {
        batchId: id,
        tankId: to.id,
        fromTankId: batch.currentTankId,
        transferDate: input.transfer_date,
        reason: input.transfer_reason.replace(' ', '_'),
        fishCount: input.fish_count ?? batch.currentCount,
        avgWeightG: input.avg_weight_g === undefined ? batch.currentAvgWeightG : decimal(input.avg_weight_g),
        notes: input.notes ?? '',
      });
      await recordAudit(tx, ctx, {
        action: 'biofloc_batch.transfer',
        entityType: 'biofloc_batch',
        entityId: id,
        before: { tank_id: batch.currentTankId },
        after: { tank_id: to.id, reason: input.transfer_reason },
      });
      return this.view(tx, id);
    });
  }

  get(id: string) {
    return this.view(this.db, id);
  }

  async history(id: string) {
    await this.view(this.db, id);
    return { items: (await historyOf(this.db, id)).map(toHistoryPublic) };
  }

  async list(filter: BatchFilter, page: PageRequest) {
    const { rows, total } = await listBatches(this.db, filter, page);
    return toPage(rows.map(toBatchPublic), total, page);
  }

  exportQuery(filter: BatchFilter): SQL {
    return batchesExportQuery(filter);
  }
}
