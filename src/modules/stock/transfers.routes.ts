import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { createRoute, getRoute, listRoute } from '../../platform/route-helpers.js';
import { IdParams } from './stock.schemas.js';
import { TransferCreate, TransferList, TransferPublic, TransferQuery } from './transfers.schemas.js';
import type { TransfersService } from './transfers.service.js';

const tags = ['stock transfers'];
const { read, staff } = moduleAccess('inventory');

export const transfersRoutes: FastifyPluginAsyncTypebox<{ transfers: TransfersService }> = async (
  app,
  { transfers },
) => {
  createRoute(app, {
    config: staff,
    tags,
    summary: 'Create a pending transfer (TR-000001…), reserving the stock at the source',
    body: TransferCreate,
    response: TransferPublic,
    create: (ctx, body) => transfers.create(ctx, body),
  });
  listRoute(app, {
    config: read,
    tags,
    summary: 'List transfers',
    querystring: TransferQuery,
    response: TransferList,
    list: (q) => transfers.list({ status: q.status, warehouseId: q.warehouse_id }, pageRequest(q)),
  });
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a transfer with its lines',
    params: IdParams,
    response: TransferPublic,
    get: ({ id }) => transfers.get(id),
  });
  // Every document action is `POST …/{action}`; `PUT` stays as it was first published.
  for (const method of ['post', 'put'] as const) {
    app[method](
      '/:id/complete',
      {
        config: staff,
        schema: {
          tags,
          summary: 'Post transfer_out and transfer_in in one transaction',
          params: IdParams,
          response: { 200: TransferPublic },
        },
      },
      (request) => transfers.complete(ctxOf(request), request.params.id),
    );
    app[method](
      '/:id/cancel',
      {
        config: staff,
        schema: {
          tags,
          summary: 'Cancel a pending transfer, releasing its reservation',
          params: IdParams,
          response: { 200: TransferPublic },
        },
      },
      (request) => transfers.cancel(ctxOf(request), request.params.id),
    );
  }
};
