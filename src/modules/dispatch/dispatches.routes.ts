import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess, Roles } from '../../platform/access.js';
import { exportableListRoute } from '../../platform/export/export-route.js';
import { PageQuery, pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { createRoute, deleteRoute, getRoute, listRoute, updateRoute } from '../../platform/route-helpers.js';
import { dispatchExportColumns } from './dispatch.exports.js';
import { filterOf } from './dispatch.mapper.js';
import {
  DispatchChanges,
  DispatchCreate,
  DispatchList,
  DispatchPublic,
  DispatchQuery,
  OutstandingList,
  ReturnBody,
  WriteOffBody,
} from './dispatches.schemas.js';
import type { DispatchesService } from './dispatches.service.js';
import { IdParams } from './master-data.schemas.js';
import { SampleList } from './samples.schemas.js';
import type { SamplesService } from './samples.service.js';

const tags = ['dispatches'];
const { read, staff, manage } = moduleAccess('dispatch');
const admin = { access: { roles: Roles.admin, module: 'dispatch' } };

export const dispatchesRoutes: FastifyPluginAsyncTypebox<{
  dispatches: DispatchesService;
  samples: SamplesService;
}> = async (app, { dispatches, samples }) => {
  createRoute(app, {
    config: staff,
    tags,
    summary: 'Dispatch trays (DSP-000001…): hq_boxes/nq_boxes or trays {HQ: n, …}; short → 409',
    body: DispatchCreate,
    response: DispatchPublic,
    create: (ctx, body) => dispatches.create(ctx, body),
  });
  exportableListRoute(app, {
    config: read,
    tags,
    summary: 'List dispatches, newest first, with names, days out and returned counts',
    querystring: DispatchQuery,
    response: DispatchList,
    list: (q) => dispatches.list(filterOf(q), pageRequest(q)),
    export: {
      name: 'dispatches',
      columns: dispatchExportColumns,
      rows: (q) => dispatches.exportQuery(filterOf(q)),
    },
  });
  app.get(
    '/outstanding',
    {
      config: read,
      schema: {
        tags,
        summary: 'Dispatches with trays still out, oldest first, with days out and their band',
        response: { 200: OutstandingList },
      },
    },
    () => dispatches.outstanding(),
  );
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a dispatch',
    params: IdParams,
    response: DispatchPublic,
    get: ({ id }) => dispatches.get(id),
  });
  updateRoute(app, {
    config: staff,
    tags,
    summary: 'Change a dispatch (version or If-Match; stale → 412); new tray counts post the difference',
    params: IdParams,
    body: DispatchChanges,
    response: DispatchPublic,
    update: (ctx, id, changes, version) => dispatches.update(ctx, id, changes, version),
  });
  app.post(
    '/:id/return',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Take trays back (Good/Fair into stock, Damaged into quarantine)',
        params: IdParams,
        body: ReturnBody,
        response: { 200: DispatchPublic },
      },
    },
    (request) => dispatches.returnTrays(ctxOf(request), request.params.id, request.body),
  );
  app.post(
    '/:id/write-off',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Write off the trays that will not come back, with a reason, closing the dispatch',
        params: IdParams,
        body: WriteOffBody,
        response: { 200: DispatchPublic },
      },
    },
    (request) => dispatches.writeOff(ctxOf(request), request.params.id, request.body.reason),
  );
  deleteRoute(app, {
    config: admin,
    tags,
    summary: 'Delete a dispatch nothing came back on, putting its trays back',
    params: IdParams,
    remove: (ctx, { id }) => dispatches.remove(ctx, id),
  });
  listRoute(app, {
    config: read,
    tags,
    url: '/:id/samples',
    params: IdParams,
    summary: 'The samples of a dispatch',
    querystring: PageQuery,
    response: SampleList,
    list: (q, { id }) => samples.ofDispatch(id, pageRequest(q)),
  });
};
