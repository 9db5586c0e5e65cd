import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/module-context.js';
import { BinsService } from './bins.service.js';
import { LocationsBulk } from './bulk.service.js';
import type { LocationStock } from './location-stock.js';
import { binsRoutes, warehousesRoutes } from './locations.routes.js';
import { WarehousesService } from './warehouses.service.js';

export type { BinsService } from './bins.service.js';
export {
  type BinRef,
  type BulkBin,
  binKey,
  type LocationsBulk,
  type WarehouseRef,
} from './bulk.service.js';
export type { LocationStock } from './location-stock.js';
export { LocationErrors } from './locations.errors.js';
export { BinCreate as BinCreateSchema } from './locations.schemas.js';
export type { WarehousesService } from './warehouses.service.js';

export interface LocationsModule {
  bins: BinsService;
  warehouses: WarehousesService;
  /** Many warehouses' bins at once (imports). */
  locationsBulk: LocationsBulk;
}

/** Warehouses and their bins. Stock figures come from `locationStock`. */
export async function register(
  app: FastifyInstance,
  { db, config }: ModuleContext,
  { locationStock }: { locationStock: LocationStock },
): Promise<LocationsModule> {
  const warehouses = new WarehousesService(db, locationStock);
  const bins = new BinsService(db, locationStock, config.binBulkMax);
  await app.register(warehousesRoutes, { prefix: '/api/v1/warehouses', warehouses, bins });
  await app.register(binsRoutes, { prefix: '/api/v1/bins', bins });
  return { bins, warehouses, locationsBulk: new LocationsBulk(db) };
}
