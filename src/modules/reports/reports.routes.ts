import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SQL } from 'drizzle-orm';
import type { FastifyContextConfig } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { moduleAccess } from '../../platform/access.js';
import type { ExportColumn } from '../../platform/export/export-formats.js';
import { exportableListRoute } from '../../platform/export/export-route.js';
import type { Api } from '../../platform/route-helpers.js';
import {
  abcExportColumns,
  agingExportColumns,
  dashboardExportColumns,
  fefoExportColumns,
  historyExportColumns,
  lowStockExportColumns,
  reconciliationExportColumns,
  stockOnHandExportColumns,
  turnoverExportColumns,
  valuationExportColumns,
} from './reports.exports.js';
import {
  AbcQuery,
  AbcReport,
  AgingQuery,
  AgingReport,
  Dashboard,
  DashboardQuery,
  FefoQuery,
  FefoReport,
  HistoryQuery,
  HistoryReport,
  LowStockQuery,
  LowStockReport,
  ReconciliationQuery,
  ReconciliationReport,
  StockOnHandQuery,
  StockOnHandReport,
  TurnoverQuery,
  TurnoverReport,
  ValuationQuery,
  ValuationReport,
} from './reports.schemas.js';
import type { ReportsService } from './reports.service.js';

const tags = ['reports'];
const { read, manage } = moduleAccess('reports');

/**
 * A report's route: a page of JSON, or with `?format=csv|xlsx` every row as a file named
 * `report-<url>`.
 */
function report<Q extends TSchema>(
  app: Api,
  route: {
    url: string;
    config: FastifyContextConfig;
    summary: string;
    querystring: Q;
    response: TSchema;
    list: (query: Static<Q>) => unknown;
    columns: ExportColumn[];
    rows: (query: Static<Q>) => SQL | Promise<SQL>;
  },
): void {
  exportableListRoute(app, {
    config: route.config,
    tags,
    url: `/${route.url}`,
    summary: route.summary,
    querystring: route.querystring,
    response: route.response,
    list: (query) => route.list(query),
    export: { name: `report-${route.url}`, columns: route.columns, rows: (query) => route.rows(query) },
  });
}

/** `/api/v1/reports/*`: operational reports for everyone with the module, money and analysis for managers. */
export const reportsRoutes: FastifyPluginAsyncTypebox<{ reports: ReportsService }> = async (
  app,
  { reports },
) => {
  report(app, {
    url: 'dashboard',
    config: read,
    summary: 'Stock value, low stock, expiring lots, open documents and today’s movements, per warehouse',
    querystring: DashboardQuery,
    response: Dashboard,
    list: (q) => reports.dashboard(q),
    columns: dashboardExportColumns,
    rows: (q) => reports.dashboardExport(q),
  });
  report(app, {
    url: 'fefo',
    config: read,
    summary: 'Every lot on hand by expiry, with days to expiry in the business time zone',
    querystring: FefoQuery,
    response: FefoReport,
    list: (q) => reports.fefo(q),
    columns: fefoExportColumns,
    rows: (q) => reports.fefoExport(q),
  });
  report(app, {
    url: 'stock-on-hand',
    config: read,
    summary: 'Stock on hand now or as of a past moment, by product, warehouse, bin or lot',
    querystring: StockOnHandQuery,
    response: StockOnHandReport,
    list: (q) => reports.stockOnHand(q),
    columns: stockOnHandExportColumns,
    rows: (q) => reports.stockOnHandExport(q),
  });
  report(app, {
    url: 'movement-history',
    config: read,
    summary: 'The ledger, oldest first, with the running balance per product and warehouse',
    querystring: HistoryQuery,
    response: HistoryReport,
    list: (q) => reports.movementHistory(q),
    columns: historyExportColumns,
    rows: (q) => reports.movementHistoryExport(q),
  });
  report(app, {
    url: 'low-stock',
    config: read,
    summary: 'Products at or below their reorder point, with a suggested order from the daily use',
    querystring: LowStockQuery,
    response: LowStockReport,
    list: (q) => reports.lowStock(q),
    columns: lowStockExportColumns,
    rows: (q) => reports.lowStockExport(q),
  });
  report(app, {
    url: 'valuation',
    config: manage,
    summary: 'Stock value per warehouse or category at moving average and at FIFO',
    querystring: ValuationQuery,
    response: ValuationReport,
    list: (q) => reports.valuation(q),
    columns: valuationExportColumns,
    rows: (q) => reports.valuationExport(q),
  });
  report(app, {
    url: 'aging',
    config: manage,
    summary: 'How long stock on hand has sat: 0–30, 31–90, 91–180 and over 180 days',
    querystring: AgingQuery,
    response: AgingReport,
    list: (q) => reports.aging(q),
    columns: agingExportColumns,
    rows: (q) => reports.agingExport(q),
  });
  report(app, {
    url: 'turnover',
    config: manage,
    summary: 'Inventory turnover and days of supply per product over a period',
    querystring: TurnoverQuery,
    response: TurnoverReport,
    list: (q) => reports.turnover(q),
    columns: turnoverExportColumns,
    rows: (q) => reports.turnoverExport(q),
  });
  report(app, {
    url: 'reconciliation',
    config: manage,
    summary: 'The ledger against the balances per warehouse, and against each order line',
    querystring: ReconciliationQuery,
    response: ReconciliationReport,
    list: (q) => reports.reconciliation(q),
    columns: reconciliationExportColumns,
    rows: (q) => reports.reconciliationExport(q),
  });
  report(app, {
    url: 'abc',
    config: manage,
    summary: 'ABC classes by the value consumed over a period',
    querystring: AbcQuery,
    response: AbcReport,
    list: (q) => reports.abc(q),
    columns: abcExportColumns,
    rows: (q) => reports.abcExport(q),
  });
};

/** `GET /api/v1/dashboard`, the path farm-ERP clients call: the same dashboard. */
export const dashboardAliasRoutes: FastifyPluginAsyncTypebox<{ reports: ReportsService }> = async (
  app,
  { reports },
) => {
  exportableListRoute(app, {
    config: read,
    tags,
    summary: 'The dashboard (the same as /api/v1/reports/dashboard)',
    querystring: DashboardQuery,
    response: Dashboard,
    list: (q) => reports.dashboard(q),
    export: {
      name: 'report-dashboard',
      columns: dashboardExportColumns,
      rows: (q) => reports.dashboardExport(q),
    },
  });
};
