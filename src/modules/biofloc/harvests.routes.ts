import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess } from '../../platform/access.js';
import { exportableListRoute } from '../../platform/export/export-route.js';
import { pageRequest } from '../../platform/pagination.js';
import { createRoute } from '../../platform/route-helpers.js';
import { harvestExportColumns } from './biofloc.exports.js';
import { recordFilterOf } from './common.schemas.js';
import { HarvestCreate, HarvestList, HarvestQuery, HarvestResult } from './harvests.schemas.js';
import type { HarvestsService } from './harvests.service.js';
import { Dashboard, DashboardQuery } from './reporting.schemas.js';
import type { BioflocReportsService } from './reporting.service.js';

const tags = ['biofloc'];
const { read, staff } = moduleAccess('biofloc');

/** `/harvests`: the fish received into stock; a complete harvest closes the batch. */
export const harvestsRoutes: FastifyPluginAsyncTypebox<{ harvests: HarvestsService }> = async (
  app,
  { harvests },
) => {
  createRoute(app, {
    config: staff,
    tags,
    summary: 'Harvest: the harvest product (kg) into stock as a lot; complete closes the batch',
    body: HarvestCreate,
    response: HarvestResult,
    create: (ctx, body) => harvests.create(ctx, body),
  });
  exportableListRoute(app, {
    config: read,
    tags,
    summary: 'List harvests, newest first',
    querystring: HarvestQuery,
    response: HarvestList,
    list: (q) => harvests.list(recordFilterOf(q), pageRequest(q)),
    export: {
      name: 'biofloc-harvests',
      columns: harvestExportColumns,
      rows: (q) => harvests.exportQuery(recordFilterOf(q)),
    },
  });
};

/** `/dashboard`: the farm at a glance. */
export const dashboardRoutes: FastifyPluginAsyncTypebox<{ reports: BioflocReportsService }> = async (
  app,
  { reports },
) => {
  app.get(
    '/',
    {
      config: read,
      schema: {
        tags,
        summary: 'Tanks, batches, fish, biomass, open water alerts, recent deaths',
        querystring: DashboardQuery,
        response: { 200: Dashboard },
      },
    },
    (request) => reports.dashboard(request.query.harvest_after_days),
  );
};
