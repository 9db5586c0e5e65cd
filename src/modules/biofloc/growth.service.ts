import { type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/client.js';
import { decimal } from '../../platform/decimal.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import { plus, updateBatch } from './batches.repo.js';
import type { BatchesService } from './batches.service.js';
import { BioflocErrors } from './biofloc.errors.js';
import { bioflocBatches } from './biofloc.tables.js';
import type { RecordFilter } from './consumption.repo.js';
import { biomassKg, conditionFactor } from './figures.js';
import {
  datedExportQuery,
  insertMortality,
  insertSampling,
  listDated,
  MORTALITIES,
  type MortalityRow,
  SAMPLINGS,
  type SamplingRow,
} from './measurements.repo.js';
import type { MortalityCreate, SamplingCreate } from './measurements.schemas.js';

const num = (value: string | null) => (value == null ? null : Number(value));

function toSamplingPublic(row: SamplingRow) {
  return {
    id: row.id,
    batch_id: row.batchId,
    sample_date: row.sampleDate,
    sample_size: row.sampleSize,
    avg_weight_g: Number(row.avgWeightG),
    min_weight_g: num(row.minWeightG),
    max_weight_g: num(row.maxWeightG),
    avg_length_cm: num(row.avgLengthCm),
    condition_factor: num(row.conditionFactor),
    fish_count: row.fishCount,
    biomass_kg: Number(row.biomassKg),
    created_at: row.createdAt.toISOString(),
  };
}

function toMortalityPublic(row: MortalityRow) {
  return {
    id: row.id,
    batch_id: row.batchId,
    mortality_date: row.mortalityDate,
    count: row.count,
    cause: row.cause,
    avg_weight_g: Number(row.avgWeightG),
    biomass_kg: Number(row.biomassKg),
    created_at: row.createdAt.toISOString(),
  };
}

const optional = (value: number | undefined) => (value === undefined ? null : decimal(value));

/** Samplings set a batch's average weight (and so its biomass); mortalities lower its count. */
export class GrowthService {
  constructor(
    private readonly db: Db,
    private readonly batches: BatchesService,
  ) {}

  async sample(ctx: RequestCtx, input: SamplingCreate) {
    return this.db.transaction(async (tx) => {
      const batch = await this.batches.lock(tx, input.batch_id);
      const weight = decimal(input.avg_weight_g);
      const row = await insertSampling(tx, {
        id: uuidv7(),
        batchId: batch.id,
        sampleDate: input.sample_date,
        sampleSize: input.sample_size,
        avgWeightG: weight,
        minWeightG: optional(input.min_weight_g),
        maxWeightG: optional(input.max_weight_g),
        avgLengthCm: optional(input.avg_length_cm),
        conditionFactor: conditionFactor(input.avg_weight_g, input.avg_length_cm),
        fishCount: batch.currentCount,
        biomassKg: biomassKg(batch.currentCount, weight),
        createdBy: ctx.actor?.id ?? null,
      });
      await updateBatch(tx, batch.id, { currentAvgWeightG: weight, weighedOn: input.sample_date });
      await recordAudit(tx, ctx, {
        action: 'biofloc_sampling.create',
        entityType: 'biofloc_batch',
        entityId: batch.id,
        before: { avg_weight_g: batch.currentAvgWeightG },
        after: { avg_weight_g: weight },
      });
      return toSamplingPublic(row);
    });
  }

  /** More dead than alive is 409; the dead count at the weight given, or the batch's then. */
  async recordMortality(ctx: RequestCtx, input: MortalityCreate) {
    return this.db.transaction(async (tx) => {
      const batch = await this.batches.lock(tx, input.batch_id);
      if (input.count > batch.currentCount)
        throw BioflocErrors.tooManyFish({
          count: input.count,
          alive: batch.currentCount,
          code: batch.batchCode,
        });
      const weight = input.avg_weight_g === undefined ? batch.currentAvgWeightG : decimal(input.avg_weight_g);
      const dead = biomassKg(input.count, weight);
      const row = await insertMortality(tx, {
        id: uuidv7(),
        batchId: batch.id,
        mortalityDate: input.mortality_date,
        count: input.count,
        cause: input.cause ?? '',
        avgWeightG: weight,
        biomassKg: dead,
        createdBy: ctx.actor?.id ?? null,
      });
      await updateBatch(tx, batch.id, {
        currentCount: sql`${bioflocBatches.currentCount} - ${input.count}`,
        totalMortality: sql`${bioflocBatches.totalMortality} + ${input.count}`,
        deadBiomassKg: plus(bioflocBatches.deadBiomassKg, dead),
      });
      await recordAudit(tx, ctx, {
        action: 'biofloc_mortality.create',
        entityType: 'biofloc_batch',
        entityId: batch.id,
        before: { current_count: batch.currentCount },
        after: { current_count: batch.currentCount - input.count },
      });
      return toMortalityPublic(row);
    });
  }

  async listSamplings(filter: RecordFilter, page: PageRequest) {
    const { rows, total } = await listDated<SamplingRow>(this.db, SAMPLINGS, filter, page);
    return toPage(rows.map(toSamplingPublic), total, page);
  }

  async listMortalities(filter: RecordFilter, page: PageRequest) {
    const { rows, total } = await listDated<MortalityRow>(this.db, MORTALITIES, filter, page);
    return toPage(rows.map(toMortalityPublic), total, page);
  }

  samplingsExport(filter: RecordFilter): SQL {
    return datedExportQuery(
      SAMPLINGS,
      filter,
      sql`sample_date::text as sample_date, (select batch_code from biofloc_batches b where b.id = batch_id) as batch_code,
        sample_size, avg_weight_g, min_weight_g, max_weight_g, avg_length_cm, condition_factor, fish_count, biomass_kg, id`,
    );
  }

  mortalitiesExport(filter: RecordFilter): SQL {
    return datedExportQuery(
      MORTALITIES,
      filter,
      sql`mortality_date::text as mortality_date, (select batch_code from biofloc_batches b where b.id = batch_id) as batch_code,
        count, cause, avg_weight_g, biomass_kg, id`,
    );
  }
}
