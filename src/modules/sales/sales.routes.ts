import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { transitionRoutes } from '../../platform/route-helpers.js';
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
  app.post(
    '/',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Create a draft sales order (SO-000001…), totals computed',
        body: SalesOrderCreate,
        response: { 201: SalesOrderPublic },
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
        summary: 'List sales orders',
        querystring: SalesOrderQuery,
        response: { 200: SalesOrderList },
      },
    },
    (request) => {
      const q = request.query;
      return orders.list(
        { status: q.status, customerId: q.customer_id, from: q.date_from, to: q.date_to, search: q.search },
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
        summary: 'Get a sales order with reserved and shipped quantities',
        params: IdParams,
        response: { 200: SalesOrderPublic },
      },
    },
    (request) => orders.get(request.params.id),
  );
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
