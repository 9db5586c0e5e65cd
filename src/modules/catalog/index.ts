import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/module-context.js';
import { RememberedPages } from '../../platform/remembered-pages.js';
import { CatalogBulk } from './bulk.service.js';
import { categoriesRoutes, productsRoutes, unitsRoutes } from './catalog.routes.js';
import { CategoriesService } from './categories.service.js';
import { LotsService } from './lots.service.js';
import type { ProductStock } from './product-stock.js';
import { ProductsService } from './products.service.js';
import { UnitsService } from './units.service.js';

export type { BulkProduct, CatalogBulk, ProductRef, UnitRef } from './bulk.service.js';
export { CatalogErrors } from './catalog.errors.js';
export { ProductCreate as ProductCreateSchema } from './catalog.schemas.js';
export type { ProductStock, StockDistribution } from './product-stock.js';
export type { ProductRow } from './products.repo.js';
export type { ProductsService } from './products.service.js';

export interface CatalogModule {
  products: ProductsService;
  /** Many products and categories at once (imports). */
  catalogBulk: CatalogBulk;
}

/** Products, categories, units of measure and lots. Stock figures come from `productStock`. */
export async function register(
  app: FastifyInstance,
  { db, config }: ModuleContext,
  { productStock }: { productStock: ProductStock },
): Promise<CatalogModule> {
  const categories = new CategoriesService(db);
  const units = new UnitsService(db);
  const lots = new LotsService(db);
  const products = new ProductsService(
    db,
    categories,
    units,
    productStock,
    new RememberedPages(config.pageCacheSeconds),
  );
  await app.register(productsRoutes, { prefix: '/api/v1/products', products, lots });
  await app.register(categoriesRoutes, { prefix: '/api/v1/categories', categories });
  await app.register(unitsRoutes, { prefix: '/api/v1/units', units });
  return { products, catalogBulk: new CatalogBulk(db) };
}
