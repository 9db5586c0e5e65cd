import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/module-context.js';
import type { Mailer } from '../mail/index.js';
import { alertsRoutes } from './alerts.routes.js';
import { type AlertMailboxes, type AlertStock, AlertsService } from './alerts.service.js';
import { subscriptionsRoutes } from './subscriptions.routes.js';
import { SubscriptionsService } from './subscriptions.service.js';

export type { AlertsService } from './alerts.service.js';
export { businessDay } from './business-day.js';

/**
 * Expiry and low-stock alerts: daily checks raise them once per business day, subscribers are
 * mailed the new ones, and users list and acknowledge them.
 */
export async function register(
  app: FastifyInstance,
  { db, config, scheduler }: ModuleContext,
  { stock, users, mailer }: { stock: AlertStock; users: AlertMailboxes; mailer: Mailer },
): Promise<{ alerts: AlertsService }> {
  const alerts = new AlertsService(db, stock, users, mailer, {
    timezone: config.timezone,
    expiryDays: config.alertExpiryDays,
    lowStockPerWarehouse: config.alertLowStockPerWarehouse,
    defaultLocale: config.defaultLocale,
  });
  const subscriptions = new SubscriptionsService(db, users);
  scheduler.register({
    name: 'alerts-expiry',
    cron: config.alertExpiryCron,
    run: async () => {
      await alerts.run('expiry');
    },
  });
  scheduler.register({
    name: 'alerts-low-stock',
    cron: config.alertLowStockCron,
    run: async () => {
      await alerts.run('low_stock');
    },
  });
  await app.register(subscriptionsRoutes, { prefix: '/api/v1/alerts/subscriptions', subscriptions });
  await app.register(alertsRoutes, { prefix: '/api/v1/alerts', alerts });
  return { alerts };
}
