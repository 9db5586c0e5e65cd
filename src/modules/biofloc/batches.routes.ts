import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess } from '../../platform/access.js';
import { exportableListRoute } from '../../platform/export/export-route.js';
import { pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { createRoute, getRoute } from '../../platform/route-helpers.js';
import {
  BatchCreate,
  BatchList,
  BatchPublic,
  BatchQuery,
  GradingBody,
  GradingResult,
  HistoryList,
  TransferBody,
} from './batches.schemas.js';
import type { BatchesService } from './batches.service.js';
import { batchExportColumns } from './biofloc.exports.js';
import { IdParams } from './common.schemas.js';
import type { GradingService } from './grading.service.js';
import { Performance } from './reporting.schemas.js';
import type { BioflocReportsService } from './reporting.service.js';

const tags = ['biofloc'];
const { read, staff } = moduleAccess('biofloc');
const filterOf = (q: { status?: string; species?: string; tank_id?: string; search?: string }) => ({
  status: q.status,
  species: q.species,
  tankId: q.tank_id,
  search: q.search,
});

export const batchesRoutes: FastifyPluginAsyncTypebox<{
  batches: BatchesService;
  grading: GradingService;
  reports: BioflocReportsService;
}> = async (app, { batches, grading, reports }) => {
  createRoute(app, {
    config: staff,
    tags,
    summary: 'Stock a batch into a free tank (one active batch per tank)',
    body: BatchCreate,
    response: BatchPublic,
    create: (ctx, body) => batches.create(ctx, body),
  });
  exportableListRoute(app, {
    config: read,
    tags,
    summary: 'List batches, newest stocking first',
    querystring: BatchQuery,
    response: BatchList,
    list: (q) => batches.list(filterOf(q), pageRequest(q)),
    export: {
      name: 'biofloc-batches',
      columns: batchExportColumns,
      rows: (q) => batches.exportQuery(filterOf(q)),
    },
  });
  app.post(
    '/grading',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Grade a batch into 2–3 size groups: child batches with the cost split by biomass',
        body: GradingBody,
        response: { 201: GradingResult },
      },
    },
    async (request, reply) => reply.code(201).send(await grading.grade(ctxOf(request), request.body)),
  );
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a batch with its figures',
    params: IdParams,
    response: BatchPublic,
    get: ({ id }) => batches.get(id),
  });
  app.post(
    '/:id/transfer',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Move a batch to a free tank; the old tank is freed',
        params: IdParams,
        body: TransferBody,
        response: { 200: BatchPublic },
      },
    },
    (request) => batches.transfer(ctxOf(request), request.params.id, request.body),
  );
  getRoute(app, {
    config: read,
    tags,
    url: '/:id/tank-history',
    summary: 'The tanks a batch has been in',
    params: IdParams,
    response: HistoryList,
    get: ({ id }) => batches.history(id),
  });
  getRoute(app, {
    config: read,
    tags,
    url: '/:id/performance',
    summary: 'Biomass curve, feed, FCR, SGR, survival, costs, revenue and margin',
    params: IdParams,
    response: Performance,
    get: ({ id }) => reports.performance(id),
  });
};
