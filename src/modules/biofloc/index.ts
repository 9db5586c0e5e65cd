import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/module-context.js';
import type { AlertsService } from '../alerts/index.js';
import type { CatalogBulk, ProductsService } from '../catalog/index.js';
import type { BinsService } from '../locations/index.js';
import type { StockService } from '../stock/index.js';
import { batchesRoutes } from './batches.routes.js';
import { BatchesService } from './batches.service.js';
import { blankAsAbsent } from './common.schemas.js';
import { FeedingService } from './feeding.service.js';
import { GradingService } from './grading.service.js';
import { GrowthService } from './growth.service.js';
import { dashboardRoutes, harvestsRoutes } from './harvests.routes.js';
import { HarvestsService } from './harvests.service.js';
import { growthRoutes, profilesRoutes, waterTestsRoutes } from './measurements.routes.js';
import { feedingRoutes, tankInputsRoutes } from './operations.routes.js';
import { BioflocReportsService } from './reporting.service.js';
import { TankInputsService } from './tank-inputs.service.js';
import { tanksRoutes } from './tanks.routes.js';
import { TanksService } from './tanks.service.js';
import { WaterTestsService } from './water-tests.service.js';

/**
 * Biofloc aquaculture (seed 001): tanks and batches; feedings and tank inputs issued from stock
 * and harvests received into it, each in the transaction of its record; water tests checked
 * against per-species profiles, breaches and overdue tests raised as alerts.
 */
export async function register(
  app: FastifyInstance,
  { db, config, scheduler }: ModuleContext,
  deps: {
    products: ProductsService;
    catalogBulk: CatalogBulk;
    bins: BinsService;
    stock: StockService;
    alerts: AlertsService;
  },
): Promise<void> {
  const tanks = new TanksService(db, deps.bins, config.bioflocWarehouseId);
  const batches = new BatchesService(db, tanks, deps.products, deps.stock);
  const grading = new GradingService(db, batches, tanks);
  const feeding = new FeedingService(db, tanks, deps.products, deps.stock);
  const inputs = new TankInputsService(db, tanks, deps.products, deps.stock);
  const water = new WaterTestsService(db, tanks, deps.alerts);
  const growth = new GrowthService(db, batches);
  const harvests = new HarvestsService(db, batches, tanks, deps.products, deps.catalogBulk, deps.stock);
  const reports = new BioflocReportsService(db, deps.alerts, config.timezone);
  scheduler.register({
    name: 'biofloc-water-test-overdue',
    cron: config.bioflocWaterCheckCron,
    run: async () => {
      await water.checkOverdue();
    },
  });
  await app.register(
    async (biofloc) => {
      biofloc.addHook('preValidation', blankAsAbsent);
      await biofloc.register(tanksRoutes, { prefix: '/tanks', tanks });
      await biofloc.register(batchesRoutes, { prefix: '/batches', batches, grading, reports });
      await biofloc.register(feedingRoutes, { prefix: '/feeding', feeding });
      await biofloc.register(tankInputsRoutes, { prefix: '/tank-inputs', inputs });
      await biofloc.register(waterTestsRoutes, { prefix: '/water-tests', water });
      await biofloc.register(profilesRoutes, { prefix: '/water-quality-profiles', water });
      await biofloc.register(growthRoutes, { growth });
      await biofloc.register(harvestsRoutes, { prefix: '/harvests', harvests });
      await biofloc.register(dashboardRoutes, { prefix: '/dashboard', reports });
    },
    { prefix: '/api/v1/biofloc' },
  );
}
