import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { moduleAccess } from '../../platform/access.js';
import { expectedVersion } from '../../platform/if-match.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { transitionRoutes } from '../../platform/route-helpers.js';
import type { OrderAction, PurchaseOrdersService } from './purchase-orders.service.js';
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
  app.post(
    '/',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Create a draft purchase order (PO-000001…), totals computed',
        body: OrderCreate,
        response: { 201: OrderPublic },
      },
    },
    async (request, reply) => reply.code(201).send(await orders.create(ctxOf(request), request.body)),
  );
  app.get(
    '/',
    {
      config: read,
      schema: {
        tags,
        summary: 'List purchase orders',
        querystring: OrderQuery,
        response: { 200: OrderList },
      },
    },
    (request) => {
      const q = request.query;
      return orders.list(
        { status: q.status, supplierId: q.supplier_id, from: q.date_from, to: q.date_to, search: q.search },
        pageRequest(q),
      );
    },
  );
  app.get(
    '/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Get a purchase order with lines and receipts',
        params: IdParams,
        response: { 200: OrderPublic },
      },
    },
    (request) => orders.get(request.params.id),
  );
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
  app.delete(
    '/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Delete a draft (others are cancelled)',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await orders.remove(ctxOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
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
