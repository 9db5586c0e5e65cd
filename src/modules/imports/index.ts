import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/module-context.js';
import type { CatalogBulk } from '../catalog/index.js';
import type { SamplesBulk } from '../dispatch/index.js';
import type { LocationsBulk } from '../locations/index.js';
import type { PartnersService } from '../partners/index.js';
import type { StockQueries, StockService } from '../stock/index.js';
import { BinsImporter } from './bins.importer.js';
import { importsRoutes } from './imports.routes.js';
import { ImportsService } from './imports.service.js';
import { OpeningStockImporter } from './opening-stock.importer.js';
import { PartnersImporter } from './partners.importer.js';
import { ProductsImporter } from './products.importer.js';
import { SamplesImporter } from './samples.importer.js';

export interface ImportsDeps {
  catalogBulk: CatalogBulk;
  locationsBulk: LocationsBulk;
  suppliers: PartnersService;
  customers: PartnersService;
  stock: StockService;
  queries: StockQueries;
  samplesBulk: SamplesBulk;
}

/**
 * CSV and XLSX imports of products, opening stock, bins and partners. Rows are checked and
 * written many at a time through the owning modules' bulk functions; opening stock posts through
 * the stock service.
 */
export async function register(
  app: FastifyInstance,
  { db, config, scheduler, log }: ModuleContext,
  deps: ImportsDeps,
) {
  const importers = {
    products: new ProductsImporter(deps.catalogBulk),
    opening_stock: new OpeningStockImporter(deps.catalogBulk, deps.locationsBulk, deps.queries, deps.stock),
    bins: new BinsImporter(deps.locationsBulk),
    partners: new PartnersImporter(
      { supplier: deps.suppliers, customer: deps.customers },
      config.phoneDefaultRegion,
    ),
    samples: new SamplesImporter(deps.samplesBulk),
  };
  const imports = new ImportsService(
    db,
    importers,
    scheduler,
    { asyncRows: config.importAsyncRows, maxRows: config.importMaxRows },
    log,
  );
  app.addHook('onReady', async () => imports.sweepWhileLone());
  app.addHook('onClose', () => imports.settle());
  await app.register(importsRoutes, { prefix: '/api/v1/imports', imports, maxBytes: config.importMaxBytes });
}
