import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/module-context.js';
import type { ProductsService } from '../catalog/index.js';
import type { PartnersService } from '../partners/index.js';
import type { ReservationsService, StockService } from '../stock/index.js';
import { salesOrdersRoutes } from './sales.routes.js';
import { SalesOrdersService } from './sales-orders.service.js';

/** Sales orders: confirmed orders reserve stock, shipments post out of those reservations. */
export async function register(
  app: FastifyInstance,
  { db, config }: ModuleContext,
  deps: {
    customers: PartnersService;
    products: ProductsService;
    stock: StockService;
    reservations: ReservationsService;
  },
): Promise<void> {
  const orders = new SalesOrdersService(
    db,
    config.timezone,
    deps.customers,
    deps.products,
    deps.stock,
    deps.reservations,
  );
  await app.register(salesOrdersRoutes, { prefix: '/api/v1/sales-orders', orders });
}
