import { subtractDecimal, sumDecimals } from '../../platform/decimal.js';
import type { BatchView, HistoryRow } from './batches.repo.js';
import { biomassKg, daysBetween, divideOrNull, fcr, percentOf, sgr } from './figures.js';

const n = (value: string | null) => (value == null ? null : Number(value));

/** What a batch cost so far: feed, tank inputs, fingerlings and (a graded group) its share of the parent. */
export function totalCostOf(
  batch: BatchView | Omit<BatchView, 'currentTankName' | 'currentTankCode'>,
): string {
  return sumDecimals([batch.feedCost, batch.inputCost, batch.fingerlingCost, batch.inheritedCost]);
}

/** The figures a batch's results are made of, computed from what is kept on it. */
export function batchFigures(batch: Omit<BatchView, 'currentTankName' | 'currentTankCode'>) {
  const initialKg = biomassKg(batch.initialCount, batch.initialAvgWeightG);
  const standingKg = biomassKg(batch.currentCount, batch.currentAvgWeightG);
  const totalCost = totalCostOf(batch);
  return {
    initialKg,
    standingKg,
    totalCost,
    survivalPct: percentOf(batch.currentCount + batch.harvestedCount, batch.initialCount),
    mortalityPct: percentOf(batch.totalMortality, batch.initialCount) ?? '0',
    fcr: fcr({
      feedKg: batch.totalFeedKg,
      harvestedKg: batch.harvestedKg,
      deadKg: batch.deadBiomassKg,
      standingKg,
      initialKg,
    }),
    sgr: sgr(
      batch.initialAvgWeightG,
      batch.currentAvgWeightG,
      daysBetween(batch.stockingDate, batch.weighedOn),
    ),
    costPerKg: divideOrNull(totalCost, batch.harvestedKg),
    margin: subtractDecimal(batch.revenue, totalCost),
  };
}

export function toBatchPublic(batch: BatchView) {
  const figures = batchFigures(batch);
  return {
    id: batch.id,
    batch_code: batch.batchCode,
    species: batch.species,
    source: batch.source,
    stocking_date: batch.stockingDate,
    initial_count: batch.initialCount,
    initial_avg_weight_g: Number(batch.initialAvgWeightG),
    initial_biomass_kg: Number(figures.initialKg),
    current_count: batch.currentCount,
    current_avg_weight_g: Number(batch.currentAvgWeightG),
    current_biomass_kg: Number(figures.standingKg),
    total_mortality: batch.totalMortality,
    mortality_pct: Number(figures.mortalityPct),
    total_feed_kg: Number(batch.totalFeedKg),
    feed_cost: Number(batch.feedCost),
    input_cost: Number(batch.inputCost),
    fingerling_cost: Number(batch.fingerlingCost),
    inherited_cost: Number(batch.inheritedCost),
    total_cost: Number(figures.totalCost),
    harvested_count: batch.harvestedCount,
    harvested_kg: Number(batch.harvestedKg),
    revenue: Number(batch.revenue),
    survival_pct: n(figures.survivalPct),
    fcr: n(figures.fcr),
    sgr: n(figures.sgr),
    cost_per_kg: n(figures.costPerKg),
    status: batch.status,
    current_tank_id: batch.currentTankId,
    current_tank_name: batch.currentTankName,
    harvest_product_id: batch.harvestProductId,
    stock_product_id: batch.stockProductId,
    parent_batch_id: batch.parentBatchId,
    weighed_on: batch.weighedOn,
    end_date: batch.endDate,
    notes: batch.notes,
    version: batch.version,
    created_at: batch.createdAt.toISOString(),
    updated_at: batch.updatedAt.toISOString(),
  };
}

export function toHistoryPublic(row: HistoryRow & { tankCode: string; tankName: string }) {
  return {
    id: row.id,
    batch_id: row.batchId,
    tank_id: row.tankId,
    tank_code: row.tankCode,
    tank_name: row.tankName,
    from_tank_id: row.fromTankId,
    transfer_date: row.transferDate,
    transfer_reason: row.reason,
    fish_count: row.fishCount,
    avg_weight_g: Number(row.avgWeightG),
    notes: row.notes,
    created_at: row.createdAt.toISOString(),
  };
}
