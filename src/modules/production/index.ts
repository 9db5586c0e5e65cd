import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/module-context.js';
import type { ProductsService } from '../catalog/index.js';
import type { BinsService } from '../locations/index.js';
import type { ReservationsService, StockService } from '../stock/index.js';
import { workOrdersRoutes } from './production.routes.js';
import { WorkOrdersService } from './work-orders.service.js';

/** Work orders: components reserved on release, consumed and the output received when produced. */
export async function register(
  app: FastifyInstance,
  { db }: ModuleContext,
  deps: {
    products: ProductsService;
    bins: BinsService;
    stock: StockService;
    reservations: ReservationsService;
  },
): Promise<void> {
  const orders = new WorkOrdersService(db, deps.products, deps.bins, deps.stock, deps.reservations);
  await app.register(workOrdersRoutes, { prefix: '/api/v1/work-orders', orders });
}
