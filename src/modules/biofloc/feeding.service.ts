import type { SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { decimal, sumDecimals } from '../../platform/decimal.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import type { ProductsService } from '../catalog/index.js';
import type { StockService } from '../stock/index.js';
import { type BatchRow, lockActiveBatchIn, plus, updateBatch } from './batches.repo.js';
import { BioflocErrors } from './biofloc.errors.js';
import { bioflocBatches } from './biofloc.tables.js';
import {
  type FeedingItemRow,
  type FeedingRow,
  feedingsExportQuery,
  findFeeding,
  insertFeeding,
  insertFeedingItems,
  itemsOfFeedings,
  listFeedings,
  type RecordFilter,
} from './consumption.repo.js';
import type { FeedingCreate } from './consumption.schemas.js';
import { biomassKg, feedingRatePct } from './figures.js';
import { issueFromStock, productOf } from './stock-issue.js';
import type { TanksService } from './tanks.service.js';

const num = (value: string | null) => (value == null ? null : Number(value));

function toFeedingPublic(row: FeedingRow & { batchCode: string }, items: FeedingItemRow[]) {
  return {
    id: row.id,
    batch_id: row.batchId,
    batch_code: row.batchCode,
    tank_id: row.tankId,
    feeding_date: row.feedingDate,
    session_number: row.sessionNumber,
    feed_time: row.feedTime,
    total_kg: Number(row.totalKg),
    cost: Number(row.cost),
    biomass_kg: Number(row.biomassKg),
    feeding_rate_pct: num(row.feedingRatePct),
    posting_id: row.postingId,
    items: items.map((item) => ({
      product_id: item.productId,
      sku: item.sku,
      quantity_kg: Number(item.quantityKg),
      unit_cost: num(item.unitCost),
      cost: Number(item.cost),
    })),
    notes: row.notes,
    created_at: row.createdAt.toISOString(),
  };
}

/** The active batch in a tank, locked for the record about to change it; none → 409. */
export async function activeBatchOf(db: DbOrTx, tanks: TanksService, tankId: string): Promise<BatchRow> {
  const tank = await tanks.find(db, tankId);
  const batch = await lockActiveBatchIn(db, tankId);
  if (!batch) throw BioflocErrors.tankEmpty({ code: tank.tankCode });
  return batch;
}

/**
 * A feeding issues every feed item FEFO from the farm's warehouse in the same transaction as its
 * record: one short item refuses the whole feeding (409 INSUFFICIENT_STOCK) and nothing moves.
 */
export class FeedingService {
  constructor(
    private readonly db: Db,
    private readonly tanks: TanksService,
    private readonly products: ProductsService,
    private readonly stock: StockService,
  ) {}

  async create(ctx: RequestCtx, input: FeedingCreate) {
    return this.db.transaction(async (tx) => {
      const batch = await activeBatchOf(tx, this.tanks, input.tank_id);
      const tank = await this.tanks.find(tx, input.tank_id);
      const items = [];
      for (const item of input.feed_items) {
        const product = await productOf(tx, this.products, item);
        items.push({ productId: product.id, quantity: decimal(item.quantity_kg) });
      }
      const id = uuidv7();
      const issued = await issueFromStock(tx, ctx, this.stock, this.tanks.warehouseOf(tank), items, {
        referenceType: 'biofloc_feeding',
        referenceId: id,
        referenceNumber: batch.batchCode,
      });
      const totalKg = sumDecimals(items.map((item) => item.quantity));
      const biomass = biomassKg(batch.currentCount, batch.currentAvgWeightG);
      await insertFeeding(tx, {
        id,
        batchId: batch.id,
        tankId: tank.id,
        feedingDate: input.feeding_date,
        sessionNumber: input.session_number,
        feedTime: input.feed_time ?? null,
        totalKg,
        cost: issued.cost,
        biomassKg: biomass,
        feedingRatePct: feedingRatePct(totalKg, biomass),
        postingId: issued.postingId,
        notes: input.notes ?? '',
        createdBy: ctx.actor?.id ?? null,
      });
      await insertFeedingItems(
        tx,
        issued.items.map((item) => ({
          feedingId: id,
          productId: item.productId,
          quantityKg: item.quantity,
          unitCost: item.unitCost,
          cost: item.cost,
        })),
      );
      await updateBatch(tx, batch.id, {
        totalFeedKg: plus(bioflocBatches.totalFeedKg, totalKg),
        feedCost: plus(bioflocBatches.feedCost, issued.cost),
      });
      await recordAudit(tx, ctx, {
        action: 'biofloc_feeding.create',
        entityType: 'biofloc_feeding',
        entityId: id,
        after: { batch_id: batch.id, total_kg: totalKg, cost: issued.cost, posting_id: issued.postingId },
      });
      return this.view(tx, id);
    });
  }

  private async view(db: DbOrTx, id: string) {
    const row = await findFeeding(db, id);
    if (!row) throw new Error(`feeding ${id} vanished`);
    return toFeedingPublic(row, (await itemsOfFeedings(db, [id])).get(id) ?? []);
  }

  async list(filter: RecordFilter, page: PageRequest) {
    const { rows, total } = await listFeedings(this.db, filter, page);
    const items = await itemsOfFeedings(
      this.db,
      rows.map((row) => row.id),
    );
    return toPage(
      rows.map((row) => toFeedingPublic(row, items.get(row.id) ?? [])),
      total,
      page,
    );
  }

  exportQuery(filter: RecordFilter): SQL {
    return feedingsExportQuery(filter);
  }
}
