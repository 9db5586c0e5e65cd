import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { IdParams } from './stock.schemas.js';
import { TransferCreate, TransferList, TransferPublic, TransferQuery } from './transfers.schemas.js';
import type { TransfersService } from './transfers.service.js';

const tags = ['stock transfers'];
const { read, staff } = moduleAccess('inventory');

export const transfersRoutes: FastifyPluginAsyncTypebox<{ transfers: TransfersService }> = async (
  app,
  { transfers },
) => {
  app.post(
    '/',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Create a pending transfer (TR-000001…), reserving the stock at the source',
        body: TransferCreate,
        response: { 201: TransferPublic },
      },
    },
    async (request, reply) => reply.code(201).send(await transfers.create(ctxOf(request), request.body)),
  );
  app.get(
    '/',
    {
      config: read,
      schema: {
        tags,
        summary: 'List transfers',
        querystring: TransferQuery,
        response: { 200: TransferList },
      },
    },
    (request) =>
      transfers.list(
        { status: request.query.status, warehouseId: request.query.warehouse_id },
        pageRequest(request.query),
      ),
  );
  app.get(
    '/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Get a transfer with its lines',
        params: IdParams,
        response: { 200: TransferPublic },
      },
    },
    (request) => transfers.get(request.params.id),
  );
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
