import type { SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/client.js';
import { decimal } from '../../platform/decimal.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import type { ProductsService } from '../catalog/index.js';
import type { StockService } from '../stock/index.js';
import { lockActiveBatchIn, plus, updateBatch } from './batches.repo.js';
import { bioflocBatches } from './biofloc.tables.js';
import {
  findTankInput,
  insertTankInput,
  listTankInputs,
  type RecordFilter,
  type TankInputRow,
  tankInputsExportQuery,
} from './consumption.repo.js';
import type { TankInputCreate } from './consumption.schemas.js';
import { carbonDose } from './figures.js';
import { issueFromStock, productOf } from './stock-issue.js';
import type { TanksService } from './tanks.service.js';

const num = (value: string | null) => (value == null ? null : Number(value));

function toTankInputPublic(row: TankInputRow) {
  return {
    id: row.id,
    tank_id: row.tankId,
    batch_id: row.batchId,
    input_date: row.inputDate,
    input_time: row.inputTime,
    input_type: row.inputType,
    product_id: row.productId,
    sku: row.sku,
    quantity: Number(row.quantity),
    unit: row.unit,
    unit_cost: num(row.unitCost),
    cost: Number(row.cost),
    reason: row.reason,
    posting_id: row.postingId,
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * What is put into a tank (chemicals, probiotics, carbon, minerals) leaves stock in the same
 * transaction as its record, and its cost goes to the batch in the tank, if any.
 */
export class TankInputsService {
  constructor(
    private readonly db: Db,
    private readonly tanks: TanksService,
    private readonly products: ProductsService,
    private readonly stock: StockService,
  ) {}

  async create(ctx: RequestCtx, input: TankInputCreate) {
    return this.db.transaction(async (tx) => {
      const tank = await this.tanks.find(tx, input.tank_id);
      const batch = await lockActiveBatchIn(tx, tank.id);
      const product = await productOf(tx, this.products, {
        sku: input.item_sku,
        product_id: input.product_id,
      });
      const id = uuidv7();
      const quantity = decimal(input.quantity);
      const issued = await issueFromStock(
        tx,
        ctx,
        this.stock,
        this.tanks.warehouseOf(tank),
        [{ productId: product.id, quantity }],
        { referenceType: 'biofloc_tank_input', referenceId: id, referenceNumber: tank.tankCode },
      );
      const [item] = issued.items;
      await insertTankInput(tx, {
        id,
        tankId: tank.id,
        batchId: batch?.id ?? null,
        inputDate: input.input_date,
        inputTime: input.input_time ?? null,
        inputType: input.input_type,
        productId: product.id,
        quantity,
        unit: input.unit,
        unitCost: item?.unitCost ?? null,
        cost: issued.cost,
        reason: input.reason ?? '',
        postingId: issued.postingId,
        createdBy: ctx.actor?.id ?? null,
      });
      if (batch) await updateBatch(tx, batch.id, { inputCost: plus(bioflocBatches.inputCost, issued.cost) });
      await recordAudit(tx, ctx, {
        action: 'biofloc_tank_input.create',
        entityType: 'biofloc_tank_input',
        entityId: id,
        after: { tank_id: tank.id, sku: product.sku, quantity, posting_id: issued.postingId },
      });
      return toTankInputPublic((await findTankInput(tx, id)) as TankInputRow);
    });
  }

  async list(filter: RecordFilter, page: PageRequest) {
    const { rows, total } = await listTankInputs(this.db, filter, page);
    return toPage(rows.map(toTankInputPublic), total, page);
  }

  exportQuery(filter: RecordFilter): SQL {
    return tankInputsExportQuery(filter);
  }

  /** The molasses to add with a feeding for a target C:N ratio. */
  carbonDose(query: { feed_kg: number; protein_pct: number; target_cn?: number; carbon_pct?: number }) {
    const targetCn = query.target_cn ?? 15;
    const carbonPct = query.carbon_pct ?? 40;
    const dose = carbonDose({ feedKg: query.feed_kg, proteinPct: query.protein_pct, targetCn, carbonPct });
    return {
      feed_kg: query.feed_kg,
      protein_pct: query.protein_pct,
      target_cn: targetCn,
      carbon_pct: carbonPct,
      nitrogen_kg: Number(dose.nitrogenKg),
      feed_carbon_kg: Number(dose.feedCarbonKg),
      carbon_needed_kg: Number(dose.carbonNeededKg),
      molasses_kg: Number(dose.doseKg),
    };
  }
}
