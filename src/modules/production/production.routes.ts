import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { moduleAccess } from '../../platform/access.js';
import { exportableListRoute } from '../../platform/export/export-route.js';
import { bodyOptional } from '../../platform/optional-body.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { createRoute, getRoute, transitionRoutes } from '../../platform/route-helpers.js';
import { workOrderExportColumns } from './production.exports.js';
import {
  IdParams,
  ProduceBody,
  ProductionResult,
  ProgressBody,
  WorkOrderCreate,
  WorkOrderList,
  WorkOrderPublic,
  WorkOrderQuery,
} from './production.schemas.js';
import type { WorkOrdersService } from './work-orders.service.js';

const tags = ['work orders'];
const { read, staff, manage } = moduleAccess('production');

export const workOrdersRoutes: FastifyPluginAsyncTypebox<{ orders: WorkOrdersService }> = async (
  app,
  { orders },
) => {
  createRoute(app, {
    config: staff,
    tags,
    summary: 'Plan a work order (WO-000001…)',
    body: WorkOrderCreate,
    response: WorkOrderPublic,
    create: (ctx, body) => orders.create(ctx, body),
  });
  const filterOf = (q: Static<typeof WorkOrderQuery>) => ({
    status: q.status,
    priority: q.priority,
    productId: q.product_id,
  });
  exportableListRoute(app, {
    config: read,
    tags,
    summary: 'List work orders',
    querystring: WorkOrderQuery,
    response: WorkOrderList,
    list: (q) => orders.list(filterOf(q), pageRequest(q)),
    export: {
      name: 'work-orders',
      columns: workOrderExportColumns,
      rows: (q) => orders.exportQuery(filterOf(q)),
    },
  });
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a work order with its components',
    params: IdParams,
    response: WorkOrderPublic,
    get: ({ id }) => orders.get(id),
  });
  app.patch(
    '/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Report progress (0–100) while in progress',
        params: IdParams,
        body: ProgressBody,
        response: { 200: WorkOrderPublic },
      },
    },
    (request) => orders.setProgress(ctxOf(request), request.params.id, request.body.progress),
  );
  app.post(
    '/:id/release',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Release: reserve every component',
        params: IdParams,
        response: { 200: WorkOrderPublic },
      },
    },
    (request) => orders.release(ctxOf(request), request.params.id),
  );
  transitionRoutes(app, {
    tags,
    params: IdParams,
    response: WorkOrderPublic,
    actions: [
      { action: 'start', config: staff, summary: 'Start a released order' },
      { action: 'cancel', config: manage, summary: 'Cancel, releasing component reservations' },
    ],
    transition: (ctx, id, action) => orders.transition(ctx, id, action),
  });
  app.post(
    '/:id/produce',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Produce part: consume components (FEFO) and receive the output',
        params: IdParams,
        body: ProduceBody,
        response: { 200: ProductionResult },
      },
    },
    (request) => orders.produce(ctxOf(request), request.params.id, request.body),
  );
  app.post(
    '/:id/complete',
    {
      config: staff,
      preValidation: bodyOptional,
      schema: {
        tags,
        summary: 'Produce all that is left and complete the order (the body is optional)',
        params: IdParams,
        body: ProduceBody,
        response: { 200: ProductionResult },
      },
    },
    (request) => orders.produce(ctxOf(request), request.params.id, { ...request.body, quantity: undefined }),
  );
};
