import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { moduleAccess } from '../../platform/access.js';
import { exportableListRoute } from '../../platform/export/export-route.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { createRoute, getRoute, transitionRoutes } from '../../platform/route-helpers.js';
import { salesOrderExportColumns } from './sales.exports.js';
import {
  ConfirmQuery,
  IdParams,
  SalesOrderCreate,
  SalesOrderList,
  SalesOrderPublic,
  SalesOrderQuery,
  ShipmentBody,
  ShipmentResult,
} from './sales.schemas.js';
import type { SalesOrdersService } from './sales-orders.service.js';

const tags = ['sales orders'];
const { read, staff, manage } = moduleAccess('sales');

export const salesOrdersRoutes: FastifyPluginAsyncTypebox<{ orders: SalesOrdersService }> = async (
  app,
  { orders },
) => {
  createRoute(app, {
    config: staff,
    tags,
    summary: 'Create a draft sales order (SO-000001…), totals computed',
    body: SalesOrderCreate,
    response: SalesOrderPublic,
    create: (ctx, body) => orders.create(ctx, body),
  });
  const filterOf = (q: Static<typeof SalesOrderQuery>) => ({
    status: q.status,
    customerId: q.customer_id,
    from: q.date_from,
    to: q.date_to,
    search: q.search,
  });
  exportableListRoute(app, {
    config: read,
    tags,
    summary: 'List sales orders',
    querystring: SalesOrderQuery,
    response: SalesOrderList,
    list: (q) => orders.list(filterOf(q), pageRequest(q)),
    export: {
      name: 'sales-orders',
      columns: salesOrderExportColumns,
      rows: (q) => orders.exportQuery(filterOf(q)),
    },
  });
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a sales order with reserved and shipped quantities',
    params: IdParams,
    response: SalesOrderPublic,
    get: ({ id }) => orders.get(id),
  });
  app.post(
    '/:id/confirm',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Confirm: reserve every line (409 listing short lines, or backorder)',
        params: IdParams,
        querystring: ConfirmQuery,
        response: { 200: SalesOrderPublic },
      },
    },
    (request) => orders.confirm(ctxOf(request), request.params.id, request.query.allow_backorder ?? false),
  );
  app.post(
    '/:id/shipments',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Ship reserved quantities, FEFO across lots and bins',
        params: IdParams,
        body: ShipmentBody,
        response: { 200: ShipmentResult },
      },
    },
    (request) => orders.ship(ctxOf(request), request.params.id, request.body.lines),
  );
  transitionRoutes(app, {
    tags,
    params: IdParams,
    response: SalesOrderPublic,
    actions: [
      { action: 'cancel', config: manage, summary: 'Cancel, releasing every open reservation' },
      {
        action: 'close',
        config: manage,
        summary: 'Close a (partially) shipped order, releasing what was not shipped',
      },
    ],
    transition: (ctx, id, action) => orders.transition(ctx, id, action),
  });
};
