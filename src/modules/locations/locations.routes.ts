import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { createRoute, deleteRoute, getRoute, listRoute, updateRoute } from '../../platform/route-helpers.js';
import type { BinsService } from './bins.service.js';
import {
  BinBulkBody,
  BinBulkQuery,
  BinBulkResult,
  BinCreate,
  BinList,
  BinPublic,
  BinQuery,
  BinUpdate,
  IdParams,
  WarehouseCreate,
  WarehouseList,
  WarehousePublic,
  WarehouseQuery,
  WarehouseStatistics,
  WarehouseUpdate,
} from './locations.schemas.js';
import type { WarehousesService } from './warehouses.service.js';

const { read, staff, manage } = moduleAccess('inventory');

export const warehousesRoutes: FastifyPluginAsyncTypebox<{
  warehouses: WarehousesService;
  bins: BinsService;
}> = async (app, { warehouses, bins }) => {
  const tags = ['warehouses'];
  listRoute(app, {
    config: read,
    tags,
    summary: 'List warehouses',
    querystring: WarehouseQuery,
    response: WarehouseList,
    list: (q) => warehouses.list({ search: q.search, isActive: q.is_active }, pageRequest(q)),
  });
  createRoute(app, {
    config: manage,
    tags,
    summary: 'Create a warehouse (with its default bin)',
    body: WarehouseCreate,
    response: WarehousePublic,
    create: (ctx, body) => warehouses.create(ctx, body),
  });
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a warehouse',
    params: IdParams,
    response: WarehousePublic,
    get: ({ id }) => warehouses.get(id),
  });
  updateRoute(app, {
    config: manage,
    tags,
    summary: 'Update a warehouse (changed fields only; stale version → 412)',
    params: IdParams,
    body: WarehouseUpdate,
    response: WarehousePublic,
    update: (ctx, id, changes, version) => warehouses.update(ctx, id, changes, version),
  });
  deleteRoute(app, {
    config: manage,
    tags,
    summary: 'Deactivate a warehouse (refused while it holds stock)',
    params: IdParams,
    response: WarehousePublic,
    remove: (ctx, { id }) => warehouses.deactivate(ctx, id),
  });
  getRoute(app, {
    url: '/:id/statistics',
    config: read,
    tags,
    summary: 'Bins, occupancy, products, units, stock value and utilization',
    params: IdParams,
    response: WarehouseStatistics,
    get: ({ id }) => warehouses.statistics(id),
  });

  listRoute(app, {
    url: '/:id/bins',
    config: read,
    tags: ['bins'],
    summary: 'List the bins of a warehouse',
    params: IdParams,
    querystring: BinQuery,
    response: BinList,
    list: (q, { id }) =>
      bins.list(id, { search: q.search, type: q.type, isActive: q.is_active }, pageRequest(q)),
  });
  createRoute(app, {
    url: '/:id/bins',
    config: staff,
    tags: ['bins'],
    summary: 'Create a bin in a warehouse',
    params: IdParams,
    body: BinCreate,
    response: BinPublic,
    create: (ctx, body, { id }) => bins.create(ctx, id, body),
  });
  app.post(
    '/:id/bins/bulk',
    {
      config: staff,
      schema: {
        tags: ['bins'],
        summary: 'Generate bins from a code pattern, all or nothing (?dry_run=true only lists the codes)',
        params: IdParams,
        querystring: BinBulkQuery,
        body: BinBulkBody,
        response: { 200: BinBulkResult, 201: BinBulkResult },
      },
    },
    async (request, reply) => {
      const dryRun = request.query.dry_run ?? false;
      const result = await bins.bulkCreate(ctxOf(request), request.params.id, request.body, dryRun);
      return reply.code(dryRun ? 200 : 201).send(result);
    },
  );
};

export const binsRoutes: FastifyPluginAsyncTypebox<{ bins: BinsService }> = async (app, { bins }) => {
  const tags = ['bins'];
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a bin',
    params: IdParams,
    response: BinPublic,
    get: ({ id }) => bins.get(id),
  });
  updateRoute(app, {
    config: staff,
    tags,
    summary: 'Update a bin (stale version → 412)',
    params: IdParams,
    body: BinUpdate,
    response: BinPublic,
    update: (ctx, id, changes, version) => bins.update(ctx, id, changes, version),
  });
  deleteRoute(app, {
    config: staff,
    tags,
    summary: 'Delete a bin that never held stock',
    params: IdParams,
    remove: (ctx, { id }) => bins.remove(ctx, id),
  });
};
