import { type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { decimal, multiplyDecimal } from '../../platform/decimal.js';
import { AppError } from '../../platform/errors.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import type { CatalogBulk, ProductRow, ProductsService } from '../catalog/index.js';
import type { StockService } from '../stock/index.js';
import { type BatchRow, lockSpeciesProduct, plus, updateBatch } from './batches.repo.js';
import type { BatchesService } from './batches.service.js';
import { BioflocErrors } from './biofloc.errors.js';
import { bioflocBatches } from './biofloc.tables.js';
import type { RecordFilter } from './consumption.repo.js';
import { divideOrNull } from './figures.js';
import type { HarvestCreate } from './harvests.schemas.js';
import {
  datedExportQuery,
  HARVESTS,
  type HarvestRow,
  insertHarvest,
  listDated,
} from './measurements.repo.js';
import { setTankStatus } from './tanks.repo.js';
import type { TanksService } from './tanks.service.js';

function toHarvestPublic(row: HarvestRow) {
  return {
    id: row.id,
    batch_id: row.batchId,
    harvest_date: row.harvestDate,
    harvest_type: row.harvestType,
    fish_count: row.fishCount,
    total_weight_kg: Number(row.totalWeightKg),
    avg_weight_g: Number(row.avgWeightG),
    grade: row.grade,
    buyer: row.buyer,
    price_per_kg: row.pricePerKg == null ? null : Number(row.pricePerKg),
    revenue: Number(row.revenue),
    product_id: row.productId,
    lot_number: row.lotNumber,
    posting_id: row.postingId,
    created_at: row.createdAt.toISOString(),
  };
}

/** The SKU of a species' default harvest product: `FISH-TILAPIA`. */
export function speciesSku(species: string): string {
  const slug = species
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `FISH-${slug || 'FISH'}`.slice(0, 64);
}

/**
 * A harvest receives the fish into stock as the batch's harvest product, in kg, in a lot named
 * `<batch>-<date>`, in the same transaction as its record. A complete harvest closes the batch
 * (`harvested`, its results fixed) and frees the tank; a closed batch is harvested no more (409).
 */
export class HarvestsService {
  constructor(
    private readonly db: Db,
    private readonly batches: BatchesService,
    private readonly tanks: TanksService,
    private readonly products: ProductsService,
    private readonly catalog: CatalogBulk,
    private readonly stock: StockService,
  ) {}

  /** The batch's harvest product; by default the species' own, created (kg, lot-tracked) the first time. */
  private async harvestProduct(tx: DbOrTx, batch: BatchRow): Promise<ProductRow> {
    if (batch.harvestProductId) return this.products.requireActive(tx, batch.harvestProductId);
    const sku = speciesSku(batch.species);
    await lockSpeciesProduct(tx, sku);
    try {
      return await this.products.requireActiveBySku(tx, sku);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'PRODUCT_NOT_FOUND')) throw error;
    }
    await this.catalog.insertProducts(tx, [{ sku, name: batch.species, unitCode: 'kg', tracking: 'lot' }]);
    return this.products.requireActiveBySku(tx, sku);
  }

  async create(ctx: RequestCtx, input: HarvestCreate) {
    return this.db.transaction(async (tx) => {
      const batch = await this.batches.lock(tx, input.batch_id);
      if (input.fish_count > batch.currentCount)
        throw BioflocErrors.tooManyFish({
          count: input.fish_count,
          alive: batch.currentCount,
          code: batch.batchCode,
        });
      const tank = await this.tanks.find(tx, batch.currentTankId);
      const product = await this.harvestProduct(tx, batch);
      const id = uuidv7();
      const postingId = uuidv7();
      const kg = decimal(input.total_weight_kg);
      const lotNumber = `${batch.batchCode}-${input.harvest_date}`;
      await this.stock.postAll(tx, ctx, [
        {
          kind: 'add',
          type: 'receipt',
          postingId,
          productId: product.id,
          warehouseId: this.tanks.warehouseOf(tank),
          quantity: kg,
          // A harvest product of the client's choosing may not track lots; it is received all the same.
          lotNumber: product.tracking === 'lot' ? lotNumber : null,
          referenceType: 'biofloc_harvest',
          referenceId: id,
          referenceNumber: batch.batchCode,
        },
      ]);
      const price = input.price_per_kg === undefined ? null : decimal(input.price_per_kg);
      const revenue = price ? multiplyDecimal(kg, price) : '0';
      const avgWeight = divideOrNull(multiplyDecimal(kg, 1000), String(input.fish_count)) as string;
      const row = await insertHarvest(tx, {
        id,
        batchId: batch.id,
        harvestDate: input.harvest_date,
        harvestType: input.harvest_type,
        fishCount: input.fish_count,
        totalWeightKg: kg,
        avgWeightG: avgWeight,
        grade: input.grade ?? '',
        buyer: input.buyer ?? input.buyer_name ?? '',
        pricePerKg: price,
        revenue,
        productId: product.id,
        lotNumber,
        postingId,
        createdBy: ctx.actor?.id ?? null,
      });
      const complete = input.harvest_type === 'complete';
      await updateBatch(tx, batch.id, {
        harvestProductId: product.id,
        harvestedCount: sql`${bioflocBatches.harvestedCount} + ${input.fish_count}`,
        harvestedKg: plus(bioflocBatches.harvestedKg, kg),
        revenue: plus(bioflocBatches.revenue, revenue),
        ...(complete
          ? {
              currentCount: 0,
              currentAvgWeightG: avgWeight,
              weighedOn: input.harvest_date,
              status: 'harvested',
              endDate: input.harvest_date,
            }
          : { currentCount: sql`${bioflocBatches.currentCount} - ${input.fish_count}` }),
      });
      if (complete) await setTankStatus(tx, tank.id, 'available');
      await recordAudit(tx, ctx, {
        action: 'biofloc_harvest.create',
        entityType: 'biofloc_batch',
        entityId: batch.id,
        before: { status: batch.status, current_count: batch.currentCount },
        after: {
          status: complete ? 'harvested' : batch.status,
          current_count: complete ? 0 : batch.currentCount - input.fish_count,
          harvested_kg: kg,
          unaccounted: complete ? batch.currentCount - input.fish_count : 0,
          posting_id: postingId,
        },
      });
      return { ...toHarvestPublic(row), batch: await this.batches.view(tx, batch.id) };
    });
  }

  async list(filter: RecordFilter, page: PageRequest) {
    const { rows, total } = await listDated<HarvestRow>(this.db, HARVESTS, filter, page);
    return toPage(rows.map(toHarvestPublic), total, page);
  }

  exportQuery(filter: RecordFilter): SQL {
    return datedExportQuery(
      HARVESTS,
      filter,
      sql`harvest_date::text as harvest_date, (select batch_code from biofloc_batches b where b.id = batch_id) as batch_code,
        harvest_type, fish_count, total_weight_kg, avg_weight_g, grade, buyer, price_per_kg, revenue, lot_number, id`,
    );
  }
}
