import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/module-context.js';
import type { ProductsService } from '../catalog/index.js';
import type { PartnersService } from '../partners/index.js';
import type { StockService } from '../stock/index.js';
import { PurchaseOrdersService } from './purchase-orders.service.js';
import { purchaseOrdersRoutes } from './purchasing.routes.js';

/** Purchase orders: draft → approved → received in part or in full, each receipt one posting. */
export async function register(
  app: FastifyInstance,
  { db, config }: ModuleContext,
  deps: { suppliers: PartnersService; products: ProductsService; stock: StockService },
): Promise<void> {
  const orders = new PurchaseOrdersService(
    db,
    config.overReceiptTolerancePercent,
    deps.suppliers,
    deps.products,
    deps.stock,
  );
  await app.register(purchaseOrdersRoutes, { prefix: '/api/v1/purchase-orders', orders });
}
