import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/module-context.js';
import type { CatalogBulk } from '../catalog/index.js';
import type { BinsService, LocationsBulk, WarehousesService } from '../locations/index.js';
import type { StockService } from '../stock/index.js';
import { dispatchReportsRoutes } from './dispatch-reports.routes.js';
import { DispatchReportsService } from './dispatch-reports.service.js';
import { dispatchesRoutes } from './dispatches.routes.js';
import { DispatchesService } from './dispatches.service.js';
import { trayInventoryRoutes } from './inventory.routes.js';
import { TrayInventoryService } from './inventory.service.js';
import { companiesRoutes, drillholesRoutes, projectsRoutes } from './master-data.routes.js';
import { MasterDataService } from './master-data.service.js';
import { SamplesBulk } from './samples.bulk.js';
import { samplesRoutes } from './samples.routes.js';
import { SamplesService } from './samples.service.js';
import { TraySetup } from './tray-setup.js';

export { DispatchErrors } from './dispatch.errors.js';
export { SAMPLE_TYPES } from './dispatch.tables.js';
export type { SampleFileRow, SampleRowProblem, SamplesBulk } from './samples.bulk.js';
export type { SampleCreate } from './samples.schemas.js';

export interface DispatchModule {
  /** Samples many at a time (imports). */
  samplesBulk: SamplesBulk;
}

/**
 * Drill-core tray dispatch (seed 002): companies, projects and drillholes; dispatches of trays
 * and their returns, posted through the stock ledger; samples; the dispatch reports.
 */
export async function register(
  app: FastifyInstance,
  { db, config }: ModuleContext,
  deps: {
    stock: StockService;
    warehouses: WarehousesService;
    bins: BinsService;
    locationsBulk: LocationsBulk;
    catalogBulk: CatalogBulk;
  },
): Promise<DispatchModule> {
  const trays = new TraySetup(db, config.dispatch, deps);
  const master = new MasterDataService(db, config.phoneDefaultRegion);
  const dispatches = new DispatchesService(
    db,
    deps.stock,
    trays,
    config.timezone,
    config.dispatch.overdueAfterDays,
  );
  const samples = new SamplesService(db);
  const inventory = new TrayInventoryService(db, deps.stock, trays, config.timezone);
  const reports = new DispatchReportsService(db, inventory, dispatches);
  await app.register(companiesRoutes, { prefix: '/api/v1/companies', master });
  await app.register(projectsRoutes, { prefix: '/api/v1/projects', master });
  await app.register(drillholesRoutes, { prefix: '/api/v1/drillholes', master });
  await app.register(dispatchesRoutes, { prefix: '/api/v1/dispatches', dispatches, samples });
  await app.register(samplesRoutes, { prefix: '/api/v1/samples', samples });
  await app.register(trayInventoryRoutes, { prefix: '/api/v1/dispatch/inventory', inventory });
  await app.register(dispatchReportsRoutes, { prefix: '/api/v1/dispatch/reports', reports, dispatches });
  return { samplesBulk: new SamplesBulk(db, samples) };
}
