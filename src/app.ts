import compress from '@fastify/compress';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { errorHandlerPlugin } from './platform/error-handler.js';
import { healthPlugin } from './platform/health.js';
import { methodNotAllowedPlugin } from './platform/method-not-allowed.js';
import { metricsPlugin } from './platform/metrics.js';
import { openapiPlugin } from './platform/openapi.js';
import { RequestLogController, requestContextPlugin, requestId } from './platform/request-context.js';
import { Scheduler } from './platform/scheduler.js';
import { VERSION } from './version.js';

export interface AppDeps {
  config: Config;
  database: Database;
  /** A pino logger configuration or instance; tests pass `false` for silence. */
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
    logger: logger ?? {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    logController: new RequestLogController(),
    genReqId: requestId,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: {
      customOptions: { allErrors: true, coerceTypes: 'array', useDefaults: true, removeAdditional: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

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
  await app.register(methodNotAllowedPlugin);
  await app.register(helmet, { global: true });
  await app.register(cors, {
    origin: config.corsOrigins === '*' ? true : config.corsOrigins,
    credentials: false,
  });
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(openapiPlugin, { version: VERSION });
  await app.register(metricsPlugin, { poolStats: database.poolStats });

  // Modules, one by one: this list is the table of contents of the API.
  await app.register(healthPlugin, { database, scheduler, version: VERSION });

  app.addHook('onReady', async () => scheduler.start());
  app.addHook('onClose', async () => scheduler.stop());
  return app;
}
