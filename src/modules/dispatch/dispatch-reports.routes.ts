import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { moduleAccess } from '../../platform/access.js';
import { exportableListRoute } from '../../platform/export/export-route.js';
import { pageRequest } from '../../platform/pagination.js';
import {
  analyticsExportColumns,
  dashboardExportColumns,
  discrepancyExportColumns,
  dispatchExportColumns,
} from './dispatch.exports.js';
import { filterOf } from './dispatch.mapper.js';
import {
  DispatchAnalytics,
  DispatchDashboard,
  DispatchQuery,
  DispatchReconciliation,
  NoQuery,
  RangeQuery,
} from './dispatch-reports.schemas.js';
import type { DispatchReportsService } from './dispatch-reports.service.js';
import { DispatchList } from './dispatches.schemas.js';
import type { DispatchesService } from './dispatches.service.js';

const tags = ['dispatch reports'];
const { read } = moduleAccess('dispatch');

export const dispatchReportsRoutes: FastifyPluginAsyncTypebox<{
  reports: DispatchReportsService;
  dispatches: DispatchesService;
}> = async (app, { reports, dispatches }) => {
  exportableListRoute(app, {
    config: read,
    tags,
    url: '/dashboard',
    summary: 'Trays (base, out, available), dispatches with the match rate, and samples',
    querystring: NoQuery,
    response: DispatchDashboard,
    list: (_q, _p, ctx) => reports.dashboard(ctx),
    export: {
      name: 'dispatch-dashboard',
      columns: dashboardExportColumns,
      rows: (_q, _p, ctx) => reports.dashboardExport(ctx),
    },
  });
  exportableListRoute(app, {
    config: read,
    tags,
    url: '/reconciliation',
    summary:
      'Outstanding dispatches and the discrepancies of returned ones (the file lists the discrepancies)',
    querystring: NoQuery,
    response: DispatchReconciliation,
    list: () => reports.reconciliation(),
    export: {
      name: 'dispatch-reconciliation',
      columns: discrepancyExportColumns,
      rows: () => reports.reconciliationExport(),
    },
  });
  exportableListRoute(app, {
    config: read,
    tags,
    url: '/analytics',
    summary: 'Dispatches by company, project, sample type and month, with the average turnaround',
    querystring: RangeQuery,
    response: DispatchAnalytics,
    list: (q) => reports.analytics(q.date_from, q.date_to),
    export: {
      name: 'dispatch-analytics',
      columns: analyticsExportColumns,
      rows: (q) => reports.analyticsExport(q.date_from, q.date_to),
    },
  });
  // The seed's export answers a CSV file when no format is asked for.
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const query = request.query as Record<string, unknown>;
    if (request.routeOptions.url?.endsWith('/export') && query.format === undefined) query.format = 'csv';
  });
  exportableListRoute(app, {
    config: read,
    tags,
    url: '/export',
    summary: 'Every dispatch with the seed’s columns: CSV by default, XLSX with format=xlsx (json: a page)',
    querystring: DispatchQuery,
    response: DispatchList,
    list: (q) => dispatches.list(filterOf(q), pageRequest(q)),
    export: {
      name: 'dispatches',
      columns: dispatchExportColumns,
      rows: (q) => dispatches.exportQuery(filterOf(q)),
    },
  });
};
