import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess } from '../../platform/access.js';
import { exportableListRoute } from '../../platform/export/export-route.js';
import { pageRequest } from '../../platform/pagination.js';
import { createRoute } from '../../platform/route-helpers.js';
import { feedingExportColumns, tankInputExportColumns } from './biofloc.exports.js';
import { recordFilterOf } from './common.schemas.js';
import {
  CarbonDose,
  CarbonDoseQuery,
  FeedingCreate,
  FeedingList,
  FeedingPublic,
  RecordQuery,
  TankInputCreate,
  TankInputList,
  TankInputPublic,
} from './consumption.schemas.js';
import type { FeedingService } from './feeding.service.js';
import type { TankInputsService } from './tank-inputs.service.js';

const tags = ['biofloc'];
const { read, staff } = moduleAccess('biofloc');

/** `/feeding`: feed issued from stock with each session. */
export const feedingRoutes: FastifyPluginAsyncTypebox<{ feeding: FeedingService }> = async (
  app,
  { feeding },
) => {
  createRoute(app, {
    config: staff,
    tags,
    summary: 'Feed a tank’s batch: every item issued FEFO from stock, all or nothing',
    body: FeedingCreate,
    response: FeedingPublic,
    create: (ctx, body) => feeding.create(ctx, body),
  });
  exportableListRoute(app, {
    config: read,
    tags,
    summary: 'List feedings, newest first (a file has one row per feed item)',
    querystring: RecordQuery,
    response: FeedingList,
    list: (q) => feeding.list(recordFilterOf(q), pageRequest(q)),
    export: {
      name: 'biofloc-feedings',
      columns: feedingExportColumns,
      rows: (q) => feeding.exportQuery(recordFilterOf(q)),
    },
  });
};

/** `/tank-inputs`: chemicals, probiotics, carbon and minerals issued from stock. */
export const tankInputsRoutes: FastifyPluginAsyncTypebox<{ inputs: TankInputsService }> = async (
  app,
  { inputs },
) => {
  createRoute(app, {
    config: staff,
    tags,
    summary: 'Put an input into a tank, issued from stock in the same transaction',
    body: TankInputCreate,
    response: TankInputPublic,
    create: (ctx, body) => inputs.create(ctx, body),
  });
  app.get(
    '/carbon-dose',
    {
      config: read,
      schema: {
        tags,
        summary: 'The molasses dose for a feeding at a target C:N ratio',
        querystring: CarbonDoseQuery,
        response: { 200: CarbonDose },
      },
    },
    (request) => inputs.carbonDose(request.query),
  );
  exportableListRoute(app, {
    config: read,
    tags,
    summary: 'List tank inputs, newest first',
    querystring: RecordQuery,
    response: TankInputList,
    list: (q) => inputs.list(recordFilterOf(q), pageRequest(q)),
    export: {
      name: 'biofloc-tank-inputs',
      columns: tankInputExportColumns,
      rows: (q) => inputs.exportQuery(recordFilterOf(q)),
    },
  });
};
