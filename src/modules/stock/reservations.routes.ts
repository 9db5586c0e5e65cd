import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { createRoute, deleteRoute, getRoute, listRoute } from '../../platform/route-helpers.js';
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
  createRoute(app, {
    config: staff,
    tags,
    summary: 'Hold available stock until expires_at (or ttl_minutes)',
    body: ReservationCreate,
    response: ReservationPublic,
    create: (ctx, body) => reservations.reserve(ctx, body, defaultTtlMinutes),
  });
  listRoute(app, {
    config: read,
    tags,
    summary: 'List reservations',
    querystring: ReservationQuery,
    response: ReservationList,
    list: (q) =>
      reservations.list(
        {
          status: q.status,
          productId: q.product_id,
          warehouseId: q.warehouse_id,
          referenceType: q.reference_type,
          referenceId: q.reference_id,
        },
        pageRequest(q),
      ),
  });
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a reservation',
    params: IdParams,
    response: ReservationPublic,
    get: ({ id }) => reservations.get(id),
  });
  deleteRoute(app, {
    config: staff,
    tags,
    summary: 'Release a reservation: its stock is available again',
    params: IdParams,
    response: ReservationPublic,
    remove: (ctx, { id }) => reservations.release(ctx, id),
  });
};
