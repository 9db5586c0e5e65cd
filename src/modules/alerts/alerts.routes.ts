import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess, Roles } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { listRoute } from '../../platform/route-helpers.js';
import { AlertList, AlertPublic, AlertQuery, AlertRun, AlertRunResult, IdParams } from './alerts.schemas.js';
import type { AlertsService } from './alerts.service.js';

const tags = ['alerts'];
const { read, staff } = moduleAccess('inventory');

/** Raised alerts: list, acknowledge, and run a check now. */
export const alertsRoutes: FastifyPluginAsyncTypebox<{ alerts: AlertsService }> = async (app, { alerts }) => {
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
        summary: 'Run the expiry or low-stock check now, as the daily job does',
        description:
          'Raises what is new for today (in the business time zone) and mails it to subscribers. ' +
          'Alerts already raised today are not raised or mailed again.',
        body: AlertRun,
        response: { 200: AlertRunResult },
      },
    },
    (request) => alerts.run(request.body.kind),
  );
};
