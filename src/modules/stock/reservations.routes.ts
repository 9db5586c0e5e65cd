import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import {
  ReservationCreate,
  ReservationList,
  ReservationPublic,
  ReservationQuery,
} from './reservations.schemas.js';
import type { ReservationsService } from './reservations.service.js';
import { IdParams } from './stock.schemas.js';

const tags = ['reservations'];
const { read, staff } = moduleAccess('inventory');

export const reservationsRoutes: FastifyPluginAsyncTypebox<{
  reservations: ReservationsService;
  defaultTtlMinutes: number;
}> = async (app, { reservations, defaultTtlMinutes }) => {
  app.post(
    '/',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Hold available stock until expires_at (or ttl_minutes)',
        body: ReservationCreate,
        response: { 201: ReservationPublic },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await reservations.reserve(ctxOf(request), request.body, defaultTtlMinutes)),
  );
  app.get(
    '/',
    {
      config: read,
      schema: {
        tags,
        summary: 'List reservations',
        querystring: ReservationQuery,
        response: { 200: ReservationList },
      },
    },
    (request) => {
      const q = request.query;
      return reservations.list(
        { status: q.status, productId: q.product_id, warehouseId: q.warehouse_id },
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
        summary: 'Get a reservation',
        params: IdParams,
        response: { 200: ReservationPublic },
      },
    },
    (request) => reservations.get(request.params.id),
  );
  app.delete(
    '/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Release a reservation: its stock is available again',
        params: IdParams,
        response: { 200: ReservationPublic },
      },
    },
    (request) => reservations.release(ctxOf(request), request.params.id),
  );
};
