import type { Db } from '../../db/client.js';
import type { AlertsService } from '../alerts/index.js';
import { businessDay } from '../alerts/index.js';
import { batchFigures } from './batches.mapper.js';
import { findBatchView } from './batches.repo.js';
import { BioflocErrors } from './biofloc.errors.js';
import { biomassKg, daysBetween, percentOf } from './figures.js';
import { farmFigures, feedingSessions, weightCurve } from './reporting.repo.js';

const DAY_MS = 86_400_000;
const num = (value: string | null) => (value == null ? null : Number(value));

/** The farm at a glance, and one batch's performance from stocking to harvest. */
export class BioflocReportsService {
  constructor(
    private readonly db: Db,
    private readonly alerts: AlertsService,
    private readonly timezone: string,
  ) {}

  async dashboard(harvestAfterDays = 150, now = new Date()) {
    const since = businessDay(new Date(now.getTime() - 7 * DAY_MS), this.timezone);
    const stockedBefore = businessDay(new Date(now.getTime() - harvestAfterDays * DAY_MS), this.timezone);
    const [figures, lowDo, highAmmonia] = await Promise.all([
      farmFigures(this.db, since, stockedBefore),
      this.alerts.countOpen('water_quality', 'dissolved_oxygen_mgl'),
      this.alerts.countOpen('water_quality', 'ammonia_nh3_mgl'),
    ]);
    return {
      active_tanks: figures.active_tanks,
      available_tanks: figures.available_tanks,
      maintenance_tanks: figures.maintenance_tanks,
      active_batches: figures.active_batches,
      total_fish_count: figures.total_fish_count,
      total_biomass_kg: Number(figures.total_biomass_kg),
      avg_tank_utilization: num(percentOf(figures.in_use_tanks, figures.active_tanks)),
      low_do_alerts: lowDo,
      high_ammonia_alerts: highAmmonia,
      recent_mortalities_7d: figures.recent_mortalities,
      upcoming_harvests: figures.upcoming_harvests,
    };
  }

  async performance(batchId: string) {
    const batch = await findBatchView(this.db, batchId);
    if (!batch) throw BioflocErrors.batchNotFound();
    const figures = batchFigures(batch);
    const [curve, sessions] = await Promise.all([
      weightCurve(this.db, batchId),
      feedingSessions(this.db, batchId),
    ]);
    return {
      batch_id: batch.id,
      batch_code: batch.batchCode,
      status: batch.status,
      days: daysBetween(batch.stockingDate, batch.weighedOn),
      biomass_curve: curve.map((point) => ({
        date: point.day,
        source: point.source,
        avg_weight_g: Number(point.avg_weight_g),
        fish_count: point.fish_count,
        biomass_kg: Number(biomassKg(point.fish_count, point.avg_weight_g)),
      })),
      feed: { total_kg: Number(batch.totalFeedKg), sessions, cost: Number(batch.feedCost) },
      initial_biomass_kg: Number(figures.initialKg),
      current_biomass_kg: Number(figures.standingKg),
      harvested_kg: Number(batch.harvestedKg),
      dead_biomass_kg: Number(batch.deadBiomassKg),
      fcr: num(figures.fcr),
      sgr: num(figures.sgr),
      survival_pct: num(figures.survivalPct),
      costs: {
        feed: Number(batch.feedCost),
        inputs: Number(batch.inputCost),
        fingerlings: Number(batch.fingerlingCost),
        inherited: Number(batch.inheritedCost),
        total: Number(figures.totalCost),
      },
      cost_per_kg: num(figures.costPerKg),
      revenue: Number(batch.revenue),
      margin: Number(figures.margin),
    };
  }
}
