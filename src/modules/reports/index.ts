import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/module-context.js';
import type { ValkeyClient } from '../../platform/valkey.js';
import { DashboardCache } from './dashboard-cache.js';
import { dashboardAliasRoutes, reportsRoutes } from './reports.routes.js';
import { ReportsService } from './reports.service.js';

export type { ReportsService } from './reports.service.js';

/**
 * Reports over the ledger and the balances it maintains (a read model: it writes nothing), so a
 * report's totals are the ledger's.
 */
export async function register(
  app: FastifyInstance,
  { db, config }: ModuleContext,
  { valkey }: { valkey: ValkeyClient | undefined },
): Promise<{ reports: ReportsService }> {
  const cache = new DashboardCache(config.reportCacheSeconds, valkey, config.valkeyPrefix);
  const reports = new ReportsService(db, config.timezone, cache);
  await app.register(reportsRoutes, { prefix: '/api/v1/reports', reports });
  await app.register(dashboardAliasRoutes, { prefix: '/api/v1/dashboard', reports });
  return { reports };
}
export { stockOnHandExportColumns, valuationExportColumns } from './reports.exports.js';
