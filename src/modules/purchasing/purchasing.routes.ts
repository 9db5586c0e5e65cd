import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { moduleAccess } from '../../platform/access.js';
import { exportableListRoute } from '../../platform/export/export-route.js';
import { expectedVersion } from '../../platform/if-match.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { createRoute, deleteRoute, getRoute, transitionRoutes } from '../../platform/route-helpers.js';
import type { OrderAction, PurchaseOrdersService } from './purchase-orders.service.js';
import { purchaseOrderExportColumns } from './purchasing.exports.js';
import {
  IdParams,
  OrderCreate,
  OrderList,
  OrderPublic,
  OrderQuery,
  OrderUpdate,
  ReceiveBody,
} from './purchasing.schemas.js';

const tags = ['purchase orders'];
const { read, staff, manage } = moduleAccess('purchasing');

export const purchaseOrdersRoutes: FastifyPluginAsyncTypebox<{ orders: PurchaseOrdersService }> = async (
  app,
  { orders },
) => {
  createRoute(app, {
    config: staff,
    tags,
    summary: 'Create a draft purchase order (PO-000001…), totals computed',
    body: OrderCreate,
    response: OrderPublic,
    create: (ctx, body) => orders.create(ctx, body),
  });
  const filterOf = (q: Static<typeof OrderQuery>) => ({
    status: q.status,
    supplierId: q.supplier_id,
    from: q.date_from,
    to: q.date_to,
    search: q.search,
  });
  exportableListRoute(app, {
    config: read,
    tags,
    summary: 'List purchase orders',
    querystring: OrderQuery,
    response: OrderList,
    list: (q) => orders.list(filterOf(q), pageRequest(q)),
    export: {
      name: 'purchase-orders',
      columns: purchaseOrderExportColumns,
      rows: (q) => orders.exportQuery(filterOf(q)),
    },
  });
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a purchase order with lines and receipts',
    params: IdParams,
    response: OrderPublic,
    get: ({ id }) => orders.get(id),
  });
  app.put(
    '/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Change a draft (lines replaced when given)',
        params: IdParams,
        body: OrderUpdate,
        response: { 200: OrderPublic },
      },
    },
    (request) => {
      const { version, ...changes } = request.body;
      return orders.update(ctxOf(request), request.params.id, changes, expectedVersion(request, version));
    },
  );
  deleteRoute(app, {
    config: staff,
    tags,
    summary: 'Delete a draft (others are cancelled)',
    params: IdParams,
    remove: (ctx, { id }) => orders.remove(ctx, id),
  });
  transitionRoutes<OrderAction>(app, {
    tags,
    params: IdParams,
    response: OrderPublic,
    actions: [
      { action: 'submit', config: staff, summary: 'Submit a draft for approval' },
      { action: 'approve', config: manage, summary: 'Approve a submitted order' },
      { action: 'cancel', config: manage, summary: 'Cancel a draft, submitted or approved order' },
      { action: 'close', config: manage, summary: 'Close a (partially) received order' },
    ],
    transition: (ctx, id, action) => orders.transition(ctx, id, action),
  });
  app.post(
    '/:id/receipts',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Receive goods: posts receipts, creates lots, moves the status',
        params: IdParams,
        body: ReceiveBody,
        response: { 200: OrderPublic },
      },
    },
    (request) => orders.receive(ctxOf(request), request.params.id, request.body),
  );
};
