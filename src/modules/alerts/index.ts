import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/module-context.js';
import type { Mailer } from '../mail/index.js';
import type { ReportsService } from '../reports/index.js';
import { alertsRoutes } from './alerts.routes.js';
import { type AlertMailboxes, type AlertStock, AlertsService } from './alerts.service.js';
import { MonthlyReportService } from './monthly-report.service.js';
import { subscriptionsRoutes } from './subscriptions.routes.js';
import { SubscriptionsService } from './subscriptions.service.js';

export type { AlertsService, RaisedAlert } from './alerts.service.js';
export { businessDay } from './business-day.js';

/**
 * Expiry and low-stock alerts: daily checks raise them once per business day, subscribers are
 * mailed the new ones, and users list and acknowledge them. On the 1st, the monthly stock report
 * (an XLSX workbook) is mailed to its subscribers.
 */
export async function register(
  app: FastifyInstance,
  { db, config, scheduler }: ModuleContext,
  {
    stock,
    users,
    mailer,
    reports,
  }: { stock: AlertStock; users: AlertMailboxes; mailer: Mailer; reports: ReportsService },
): Promise<{ alerts: AlertsService }> {
  const alerts = new AlertsService(db, stock, users, mailer, {
    timezone: config.timezone,
    expiryDays: config.alertExpiryDays,
    lowStockPerWarehouse: config.alertLowStockPerWarehouse,
    defaultLocale: config.defaultLocale,
  });
  const monthly = new MonthlyReportService(db, reports, users, mailer, {
    timezone: config.timezone,
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
  scheduler.register({
    name: 'monthly-report',
    cron: config.monthlyReportCron,
    run: async () => {
      await monthly.run();
    },
  });
  await app.register(subscriptionsRoutes, { prefix: '/api/v1/alerts/subscriptions', subscriptions });
  await app.register(alertsRoutes, { prefix: '/api/v1/alerts', alerts, monthly });
  return { alerts };
}
