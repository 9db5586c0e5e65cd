import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess } from '../../platform/access.js';
import { exportableListRoute } from '../../platform/export/export-route.js';
import { pageRequest } from '../../platform/pagination.js';
import { createRoute, deleteRoute, getRoute, updateRoute } from '../../platform/route-helpers.js';
import { tankExportColumns } from './biofloc.exports.js';
import { IdParams } from './common.schemas.js';
import {
  TankCreate,
  TankList,
  TankPublic,
  type TankQuery,
  TankQuery as TankQuerySchema,
  TankUpdate,
} from './tanks.schemas.js';
import type { TanksService } from './tanks.service.js';

const tags = ['biofloc'];
const { read, manage } = moduleAccess('biofloc');
const filterOf = (q: TankQuery) => ({
  status: q.status,
  tankType: q.tank_type,
  includeInactive: q.include_inactive,
  search: q.search,
});

export const tanksRoutes: FastifyPluginAsyncTypebox<{ tanks: TanksService }> = async (app, { tanks }) => {
  createRoute(app, {
    config: manage,
    tags,
    summary: 'Create a tank',
    body: TankCreate,
    response: TankPublic,
    create: (ctx, body) => tanks.create(ctx, body),
  });
  exportableListRoute(app, {
    config: read,
    tags,
    summary: 'List tanks with the batch each holds',
    querystring: TankQuerySchema,
    response: TankList,
    list: (q) => tanks.list(filterOf(q), pageRequest(q)),
    export: {
      name: 'biofloc-tanks',
      columns: tankExportColumns,
      rows: (q) => tanks.exportQuery(filterOf(q)),
    },
  });
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a tank',
    params: IdParams,
    response: TankPublic,
    get: ({ id }) => tanks.get(id),
  });
  updateRoute(app, {
    config: manage,
    tags,
    summary: 'Change a tank (a stocked tank keeps its status; stale version → 412)',
    params: IdParams,
    body: TankUpdate,
    response: TankPublic,
    update: (ctx, id, changes, version) => tanks.update(ctx, id, changes, version),
  });
  deleteRoute(app, {
    config: manage,
    tags,
    summary: 'Deactivate a tank (refused while it holds a batch)',
    params: IdParams,
    response: TankPublic,
    remove: (ctx, { id }) => tanks.remove(ctx, id),
  });
};
