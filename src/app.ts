import compress from '@fastify/compress';
import cors from '@fastify/cors';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { useNamedStatements } from './db/prepared.js';
import { requestScopedDb, requestScopedPool } from './db/request-transaction.js';
import { rowStreamer } from './db/stream.js';
import * as alerts from './modules/alerts/index.js';
import * as audit from './modules/audit/index.js';
import * as biofloc from './modules/biofloc/index.js';
import * as catalog from './modules/catalog/index.js';
import * as dispatch from './modules/dispatch/index.js';
import * as identity from './modules/identity/index.js';
import * as imports from './modules/imports/index.js';
import * as locations from './modules/locations/index.js';
import { Mailer, scheduleMailRetry } from './modules/mail/index.js';
import * as partners from './modules/partners/index.js';
import * as production from './modules/production/index.js';
import * as purchasing from './modules/purchasing/index.js';
import * as reports from './modules/reports/index.js';
import * as sales from './modules/sales/index.js';
import * as stock from './modules/stock/index.js';
import { scheduleBackups } from './platform/backup-job.js';
import { ChangeFeed } from './platform/change-feed.js';
import { errorHandlerPlugin } from './platform/error-handler.js';
import type { Exporter } from './platform/export/exporter.js';
import { clientErrorHandler, frameworkErrorHandler } from './platform/framework-errors.js';
import { healthPlugin } from './platform/health.js';
import { hstsPlugin } from './platform/hsts.js';
import { idempotencyPlugin } from './platform/idempotency.js';
import { REDACTED_PATHS, safeErrorSerializer } from './platform/log-safety.js';
import { methodNotAllowedPlugin } from './platform/method-not-allowed.js';
import { metricsPlugin } from './platform/metrics.js';
import type { ModuleContext } from './platform/module-context.js';
import { openapiPlugin } from './platform/openapi.js';
import { rateLimitPlugin } from './platform/rate-limit.js';
import { readRoutingPlugin, valkeyWriteMarks } from './platform/read-routing.js';
import { RequestLogController, requestContextPlugin, requestId } from './platform/request-context.js';
import { Scheduler } from './platform/scheduler.js';
import { securityHeadersPlugin } from './platform/security-headers.js';
import { textGuardPlugin } from './platform/text-guard.js';
import { unionAwareSerializer } from './platform/union-serializer.js';
import { validationPlugin } from './platform/validation.js';
import { openValkey } from './platform/valkey.js';
import { hasWebUi, spaFallback, webUiPlugin } from './platform/web-ui.js';
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
    // The request-context plugin answers requests that arrive while closing, in the API's envelope.
    return503OnClosing: false,
    frameworkErrors: frameworkErrorHandler(config.defaultLocale),
    clientErrorHandler: clientErrorHandler(config.defaultLocale),
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: { buildSerializer: unionAwareSerializer } },
    ajv: {
      customOptions: { allErrors: true, coerceTypes: 'array', useDefaults: true, removeAdditional: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // The API speaks JSON: a text/plain body is an unsupported media type (415), not a string to
  // validate (which answered 422).
  app.removeContentTypeParser('text/plain');

  const scheduler = new Scheduler(database, {
    enabled: config.schedulerEnabled,
    timezone: config.timezone,
    logger: app.log,
  });
  useNamedStatements(config.dbPreparedStatements);
  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('scheduler', scheduler);
  // Lists answering ?format=csv|xlsx stream through a cursor and audit each download.
  const exporter: Exporter = {
    streamRows: rowStreamer(() => requestScopedPool(database.pool)),
    timezone: config.timezone,
    audit: (ctx, record) => audit.recordExport(database.db, ctx, record),
  };
  app.decorate('exporter', exporter);

  // Cross-cutting plugins first: they hook every route registered after them.
  await app.register(requestContextPlugin, { defaultLocale: config.defaultLocale });
  await app.register(errorHandlerPlugin);
  await app.register(validationPlugin);
  await app.register(textGuardPlugin);
  const webUi = hasWebUi(config.webDir);
  await app.register(methodNotAllowedPlugin, webUi ? { fallback: spaFallback } : {});
  await app.register(securityHeadersPlugin, { hsts: false });
  await app.register(hstsPlugin);
  await app.register(cors, {
    origin: config.corsOrigins === '*' ? true : config.corsOrigins,
    credentials: false,
  });
  // Before compression: it stores the response body as sent, not a compressed stream.
  await app.register(idempotencyPlugin, { db: database.db, scheduler });
  // Lists, reports and exports on a replica when there are any; writes and one's own reads not.
  await app.register(readRoutingPlugin, { replicas: database.replicas, primarySql: database.executeSql });
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(openapiPlugin, { version: VERSION });
  await app.register(metricsPlugin, { poolStats: database.poolStats, token: config.metricsToken });

  // Modules, in dependency order: this list is the table of contents of the API. Each builds its
  // services, registers its routes, and hands the services others use to the modules after it.
  // Services join the transaction of a request sent with an Idempotency-Key (see idempotency.ts).
  const ctx: ModuleContext = { db: requestScopedDb(database.db), config, scheduler, log: app.log };
  const valkey = await openValkey(config.valkeyUrl);
  if (valkey) database.replicas?.shareMarks(valkeyWriteMarks(valkey, config.valkeyPrefix));
  const mailer = new Mailer(
    database.db,
    { smtpUrl: config.smtpUrl, from: config.mailFrom, maxAttempts: config.mailMaxAttempts },
    app.log,
  );
  scheduleMailRetry(scheduler, mailer, config.mailRetryCron);
  scheduleBackups(
    scheduler,
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir, backupDir: config.backupDir },
    { cron: config.backupCron, keep: config.backupKeep, log: app.log },
  );
  await app.register(healthPlugin, { database, scheduler, version: VERSION, timezone: config.timezone });
  // Before any route, so every API route is counted.
  await app.register(rateLimitPlugin, {
    readMax: config.rateLimitReadMax,
    writeMax: config.rateLimitWriteMax,
    windowSeconds: config.rateLimitWindowSeconds,
    valkey,
    prefix: config.valkeyPrefix,
  });
  // What instances remember of users and logins is forgotten on all of them when it changes.
  const feed = new ChangeFeed(database.pool, database.sessionClient, app.log);
  await feed.start();
  const { users } = await identity.register(app, ctx, { mailer, valkey, feed });
  await audit.register(app, ctx);
  const stockViews = new stock.StockQueries(ctx.db, config.pageCacheSeconds);
  const { products, catalogBulk } = await catalog.register(app, ctx, { productStock: stockViews });
  const { bins, warehouses, locationsBulk } = await locations.register(app, ctx, {
    locationStock: stockViews,
  });
  const { suppliers, customers } = await partners.register(app, ctx);
  const inventory = await stock.register(app, ctx, { products, bins, queries: stockViews });
  await purchasing.register(app, ctx, { suppliers, products, stock: inventory.stock });
  await sales.register(app, ctx, { customers, products, ...inventory });
  await production.register(app, ctx, { products, bins, ...inventory });
  const { samplesBulk } = await dispatch.register(app, ctx, {
    stock: inventory.stock,
    warehouses,
    bins,
    locationsBulk,
    catalogBulk,
  });
  const { reports: reportsService } = await reports.register(app, ctx, { valkey });
  const { alerts: alertsService } = await alerts.register(app, ctx, {
    stock: stockViews,
    users,
    mailer,
    reports: reportsService,
  });
  await biofloc.register(app, ctx, {
    products,
    catalogBulk,
    bins,
    stock: inventory.stock,
    alerts: alertsService,
  });
  await imports.register(app, ctx, {
    catalogBulk,
    locationsBulk,
    suppliers,
    customers,
    stock: inventory.stock,
    queries: stockViews,
    samplesBulk,
  });

  if (webUi) await app.register(webUiPlugin, { root: config.webDir });

  app.addHook('onReady', async () => scheduler.start());
  app.addHook('onClose', async () => {
    await scheduler.stop();
    await mailer.close();
    await valkey?.quit();
    await feed.stop();
  });
  return app;
}
