import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { moduleAccess } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { updateRoute } from '../../platform/route-helpers.js';
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
  app.get(
    '/',
    {
      config: read,
      schema: {
        tags,
        summary: 'List warehouses',
        querystring: WarehouseQuery,
        response: { 200: WarehouseList },
      },
    },
    (request) =>
      warehouses.list(
        { search: request.query.search, isActive: request.query.is_active },
        pageRequest(request.query),
      ),
  );
  app.post(
    '/',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a warehouse (with its default bin)',
        body: WarehouseCreate,
        response: { 201: WarehousePublic },
      },
    },
    async (request, reply) => reply.code(201).send(await warehouses.create(ctxOf(request), request.body)),
  );
  app.get(
    '/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Get a warehouse',
        params: IdParams,
        response: { 200: WarehousePublic },
      },
    },
    (request) => warehouses.get(request.params.id),
  );
  updateRoute(app, {
    config: manage,
    tags,
    summary: 'Update a warehouse (changed fields only; stale version → 412)',
    params: IdParams,
    body: WarehouseUpdate,
    response: WarehousePublic,
    update: (ctx, id, changes, version) => warehouses.update(ctx, id, changes, version),
  });
  app.delete(
    '/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Deactivate a warehouse (refused while it holds stock)',
        params: IdParams,
        response: { 200: WarehousePublic },
      },
    },
    (request) => warehouses.deactivate(ctxOf(request), request.params.id),
  );
  app.get(
    '/:id/statistics',
    {
      config: read,
      schema: {
        tags,
        summary: 'Bins, occupancy, products, units, stock value and utilization',
        params: IdParams,
        response: { 200: WarehouseStatistics },
      },
    },
    (request) => warehouses.statistics(request.params.id),
  );

  app.get(
    '/:id/bins',
    {
      config: read,
      schema: {
        tags: ['bins'],
        summary: 'List the bins of a warehouse',
        params: IdParams,
        querystring: BinQuery,
        response: { 200: BinList },
      },
    },
    (request) => {
      const { search, type, is_active } = request.query;
      return bins.list(request.params.id, { search, type, isActive: is_active }, pageRequest(request.query));
    },
  );
  app.post(
    '/:id/bins',
    {
      config: staff,
      schema: {
        tags: ['bins'],
        summary: 'Create a bin in a warehouse',
        params: IdParams,
        body: BinCreate,
        response: { 201: BinPublic },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await bins.create(ctxOf(request), request.params.id, request.body)),
  );
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
  app.get(
    '/:id',
    {
      config: read,
      schema: { tags, summary: 'Get a bin', params: IdParams, response: { 200: BinPublic } },
    },
    (request) => bins.get(request.params.id),
  );
  updateRoute(app, {
    config: staff,
    tags,
    summary: 'Update a bin (stale version → 412)',
    params: IdParams,
    body: BinUpdate,
    response: BinPublic,
    update: (ctx, id, changes, version) => bins.update(ctx, id, changes, version),
  });
  app.delete(
    '/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Delete a bin that never held stock',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await bins.remove(ctxOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
