import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Scheduler } from './scheduler.js';

/** What every module's `register(app, deps)` is given, beside the services of the modules it uses. */
export interface ModuleContext {
  db: Db;
  config: Config;
  scheduler: Scheduler;
  log: FastifyBaseLogger;
}
