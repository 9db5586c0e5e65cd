import compress from '@fastify/compress';
import cors from '@fastify/cors';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { categoriesRoutes, productsRoutes, unitsRoutes } from './modules/catalog/catalog.routes.js';
import { CategoriesService } from './modules/catalog/categories.service.js';
import { LotsService } from './modules/catalog/lots.service.js';
import { ProductsService } from './modules/catalog/products.service.js';
import { UnitsService } from './modules/catalog/units.service.js';
import { authRoutes } from './modules/identity/auth.routes.js';
import { AuthService } from './modules/identity/auth.service.js';
import { LoginThrottle } from './modules/identity/login-throttle.js';
import { modulesRoutes } from './modules/identity/modules.routes.js';
import { ModulesService } from './modules/identity/modules.service.js';
import { AccessTokens } from './modules/identity/tokens.js';
import { usersRoutes } from './modules/identity/users.routes.js';
import { UsersService } from './modules/identity/users.service.js';
import { BinsService } from './modules/locations/bins.service.js';
import { binsRoutes, warehousesRoutes } from './modules/locations/locations.routes.js';
import { WarehousesService } from './modules/locations/warehouses.service.js';
import { Mailer } from './modules/mail/mail.service.js';
import { partnerRoutes } from './modules/partners/partners.routes.js';
import { PartnersService } from './modules/partners/partners.service.js';
import { customers, suppliers } from './modules/partners/partners.tables.js';
import { workOrdersRoutes } from './modules/production/production.routes.js';
import { WorkOrdersService } from './modules/production/work-orders.service.js';
import { PurchaseOrdersService } from './modules/purchasing/purchase-orders.service.js';
import { purchaseOrdersRoutes } from './modules/purchasing/purchasing.routes.js';
import { salesOrdersRoutes } from './modules/sales/sales.routes.js';
import { SalesOrdersService } from './modules/sales/sales-orders.service.js';
import { StockDocumentsService } from './modules/stock/documents.service.js';
import { PostingBatcher } from './modules/stock/posting-batcher.js';
import { reservationsRoutes } from './modules/stock/reservations.routes.js';
import { ReservationsService } from './modules/stock/reservations.service.js';
import { binStockRoutes, inventoryQueryRoutes, movementsRoutes } from './modules/stock/stock.routes.js';
import { StockService } from './modules/stock/stock.service.js';
import { StockQueries } from './modules/stock/stock-queries.js';
import { transfersRoutes } from './modules/stock/transfers.routes.js';
import { TransfersService } from './modules/stock/transfers.service.js';
import { accessPlugin } from './platform/access.js';
import { errorHandlerPlugin } from './platform/error-handler.js';
import { clientErrorHandler, frameworkErrorHandler } from './platform/framework-errors.js';
import { healthPlugin } from './platform/health.js';
import { hstsPlugin } from './platform/hsts.js';
import { idempotencyPlugin } from './platform/idempotency.js';
import { REDACTED_PATHS, safeErrorSerializer } from './platform/log-safety.js';
import { methodNotAllowedPlugin } from './platform/method-not-allowed.js';
import { metricsPlugin } from './platform/metrics.js';
import { openapiPlugin } from './platform/openapi.js';
import { RequestLogController, requestContextPlugin, requestId } from './platform/request-context.js';
import { Scheduler } from './platform/scheduler.js';
import { securityHeadersPlugin } from './platform/security-headers.js';
import { textGuardPlugin } from './platform/text-guard.js';
import { validationPlugin } from './platform/validation.js';
import { openValkey } from './platform/valkey.js';
import { VERSION } from './version.js';

export interface AppDeps {
  config: Config;
  database: Database;
  /** Pino logger settings (level, stream); `false` for silence. */
  logger?: boolean | object;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    scheduler: Scheduler;
  }
}

/** Builds the whole HTTP application on an open database. main.ts and the tests both call this. */
export async function buildApp({ config, database, logger }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Whatever logger settings the caller gives, secrets stay out of the log.
    logger:
      logger === false
        ? false
        : {
            level: config.logLevel,
            ...(typeof logger === 'object' ? logger : {}),
            redact: REDACTED_PATHS,
            serializers: { err: safeErrorSerializer },
          },
    logController: new RequestLogController(),
    genReqId: requestId,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler(config.defaultLocale),
    clientErrorHandler: clientErrorHandler(config.defaultLocale),
    routerOptions: { ignoreTrailingSlash: true },
    ajv: {
      customOptions: { allErrors: true, coerceTypes: 'array', useDefaults: true, removeAdditional: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // The API speaks JSON: a text/plain body is an unsupported media type (415), not a string to
  // validate (which answered 422).
  app.removeContentTypeParser('text/plain');

  if (!config.jwtSecret) throw new Error('buildApp needs config.jwtSecret (main.ts resolves it)');
  const scheduler = new Scheduler(database, {
    enabled: config.schedulerEnabled,
    timezone: config.timezone,
    logger: app.log,
  });
  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('scheduler', scheduler);

  // Cross-cutting plugins first: they hook every route registered after them.
  await app.register(requestContextPlugin, { defaultLocale: config.defaultLocale });
  await app.register(errorHandlerPlugin);
  await app.register(validationPlugin);
  await app.register(textGuardPlugin);
  await app.register(methodNotAllowedPlugin);
  await app.register(securityHeadersPlugin, { hsts: false });
  await app.register(hstsPlugin);
  await app.register(cors, {
    origin: config.corsOrigins === '*' ? true : config.corsOrigins,
    credentials: false,
  });
  // Before compression: it stores the response body as sent, not a compressed stream.
  await app.register(idempotencyPlugin, { db: database.db, scheduler });
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(openapiPlugin, { version: VERSION });
  await app.register(metricsPlugin, { poolStats: database.poolStats, token: config.metricsToken });

  // Services: one instance each, shared by the routes (and by each other through their methods).
  const db = database.db;
  const valkey = await openValkey(config.valkeyUrl);
  const mailer = new Mailer(db, { smtpUrl: config.smtpUrl, from: config.mailFrom }, app.log);
  const users = new UsersService(db, config);
  const throttle = new LoginThrottle({
    maxFailures: config.loginMaxFailures,
    maxFailuresPerIp: config.loginMaxFailuresPerIp,
    windowSeconds: config.loginFailureWindowSeconds,
    valkey,
    prefix: config.valkeyPrefix,
  });
  const tokens = new AccessTokens(config.jwtSecret, config.accessTokenMinutes * 60);
  const auth = new AuthService(db, config, tokens, throttle, mailer, users);
  await app.register(accessPlugin, { authenticate: (request) => auth.authenticate(request) });
  // Catalog and locations see stock through interfaces the stock module fills in.
  const stockQueries = new StockQueries(db);
  const warehouses = new WarehousesService(db, stockQueries);
  const bins = new BinsService(db, stockQueries, config.binBulkMax);
  const categories = new CategoriesService(db);
  const units = new UnitsService(db);
  const lots = new LotsService(db);
  const products = new ProductsService(db, categories, units, stockQueries);
  const stock = new StockService(db, config.timezone);
  const documents = new StockDocumentsService(db, stock);
  // Group commit for POST /stock-movements: queued postings share one call and one commit.
  const batcher = new PostingBatcher(db, stock, {
    maxBatch: config.postingBatchMax,
    maxConcurrent: config.postingBatchesInFlight,
  });
  const reservations = new ReservationsService(db, products, bins, stock);
  const transfers = new TransfersService(db, reservations, bins, stock);
  const workOrders = new WorkOrdersService(db, products, bins, stock, reservations);
  scheduler.register({
    name: 'release-expired-reservations',
    cron: config.reservationSweepCron,
    run: async () => {
      await reservations.releaseExpired();
    },
  });
  const supplierService = new PartnersService(db, suppliers, 'supplier', config.phoneDefaultRegion);
  const customerService = new PartnersService(db, customers, 'customer', config.phoneDefaultRegion);
  const salesOrders = new SalesOrdersService(
    db,
    config.timezone,
    customerService,
    products,
    stock,
    reservations,
  );
  const purchaseOrders = new PurchaseOrdersService(
    db,
    config.overReceiptTolerancePercent,
    supplierService,
    products,
    stock,
  );

  // Modules, one by one: this list is the table of contents of the API.
  await app.register(healthPlugin, { database, scheduler, version: VERSION });
  await app.register(authRoutes, {
    prefix: '/api/v1/auth',
    auth,
    allowRegistration: config.allowRegistration,
  });
  await app.register(usersRoutes, { prefix: '/api/v1/users', users });
  await app.register(modulesRoutes, {
    prefix: '/api/v1/modules',
    modules: new ModulesService(db, users.principals),
  });
  await app.register(auditRoutes, { prefix: '/api/v1/audit-log' });
  await app.register(productsRoutes, { prefix: '/api/v1/products', products, lots });
  await app.register(categoriesRoutes, { prefix: '/api/v1/categories', categories });
  await app.register(unitsRoutes, { prefix: '/api/v1/units', units });
  await app.register(warehousesRoutes, { prefix: '/api/v1/warehouses', warehouses, bins });
  await app.register(binsRoutes, { prefix: '/api/v1/bins', bins });
  await app.register(binStockRoutes, { prefix: '/api/v1/bins', stock, queries: stockQueries });
  await app.register(movementsRoutes, {
    prefix: '/api/v1/stock-movements',
    stock,
    queries: stockQueries,
    batcher,
  });
  await app.register(reservationsRoutes, {
    prefix: '/api/v1/reservations',
    reservations,
    defaultTtlMinutes: config.reservationTtlMinutes,
  });
  await app.register(transfersRoutes, { prefix: '/api/v1/stock-transfers', transfers });
  await app.register(purchaseOrdersRoutes, { prefix: '/api/v1/purchase-orders', orders: purchaseOrders });
  await app.register(salesOrdersRoutes, { prefix: '/api/v1/sales-orders', orders: salesOrders });
  await app.register(workOrdersRoutes, { prefix: '/api/v1/work-orders', orders: workOrders });
  await app.register(inventoryQueryRoutes, {
    prefix: '/api/v1/inventory',
    stock,
    queries: stockQueries,
    documents,
  });
  await app.register(partnerRoutes, {
    prefix: '/api/v1/suppliers',
    partners: supplierService,
    noun: 'supplier',
    tag: 'suppliers',
  });
  await app.register(partnerRoutes, {
    prefix: '/api/v1/customers',
    partners: customerService,
    noun: 'customer',
    tag: 'customers',
  });

  app.addHook('onReady', async () => scheduler.start());
  app.addHook('onClose', async () => {
    await scheduler.stop();
    await mailer.close();
    await valkey?.quit();
  });
  return app;
}
