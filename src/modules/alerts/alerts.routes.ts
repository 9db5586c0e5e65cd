import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess, Roles } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { listRoute } from '../../platform/route-helpers.js';
import { AlertList, AlertPublic, AlertQuery, AlertRun, AlertRunResult, IdParams } from './alerts.schemas.js';
import type { AlertsService } from './alerts.service.js';
import type { MonthlyReportService } from './monthly-report.service.js';

const tags = ['alerts'];
const { read, staff } = moduleAccess('inventory');

/** Raised alerts: list, acknowledge, and run a check now. */
export const alertsRoutes: FastifyPluginAsyncTypebox<{
  alerts: AlertsService;
  monthly: MonthlyReportService;
}> = async (app, { alerts, monthly }) => {
  listRoute(app, {
    config: read,
    tags,
    summary: 'Alerts, newest first (filter by kind, acknowledged, warehouse)',
    querystring: AlertQuery,
    response: AlertList,
    list: (q) =>
      alerts.list(
        { kind: q.kind, acknowledged: q.acknowledged, warehouseId: q.warehouse_id },
        pageRequest(q),
      ),
  });
  app.post(
    '/:id/acknowledge',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Acknowledge an alert (once: again is 409 ALERT_ALREADY_ACKNOWLEDGED)',
        params: IdParams,
        response: { 200: AlertPublic },
      },
    },
    (request) => alerts.acknowledge(ctxOf(request), request.params.id),
  );
  app.post(
    '/run',
    {
      config: { access: { roles: Roles.admin, module: 'inventory' } },
      schema: {
        tags,
        summary: 'Run the expiry or low-stock check, or the monthly report, now, as the scheduled job does',
        description:
          'expiry, low_stock: raises what is new for today (in the business time zone) and mails it to ' +
          'subscribers; alerts already raised today are not raised or mailed again. monthly_report: ' +
          'mails the previous month’s workbook to monthly_report subscribers not yet mailed it.',
        body: AlertRun,
        response: { 200: AlertRunResult },
      },
    },
    (request) => {
      const { kind } = request.body;
      return kind === 'monthly_report' ? monthly.run() : alerts.run(kind);
    },
  );
};
