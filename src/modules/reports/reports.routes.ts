import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess } from '../../platform/access.js';
import { exportableListRoute } from '../../platform/export/export-route.js';
import { listRoute } from '../../platform/route-helpers.js';
import {
  abcExportColumns,
  agingExportColumns,
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

/** `/api/v1/reports/*`: operational reports for everyone with the module, money and analysis for managers. */
export const reportsRoutes: FastifyPluginAsyncTypebox<{ reports: ReportsService }> = async (
  app,
  { reports },
) => {
  listRoute(app, {
    config: read,
    tags,
    url: '/dashboard',
    summary: 'Stock value, low stock, expiring lots, open documents and today’s movements, per warehouse',
    querystring: DashboardQuery,
    response: Dashboard,
    list: (q) => reports.dashboard(q),
  });
  exportableListRoute(app, {
    config: read,
    tags,
    url: '/fefo',
    summary: 'Every lot on hand by expiry, with days to expiry in the business time zone',
    querystring: FefoQuery,
    response: FefoReport,
    list: (q) => reports.fefo(q),
    export: { name: 'report-fefo', columns: fefoExportColumns, rows: (q) => reports.fefoExport(q) },
  });
  exportableListRoute(app, {
    config: read,
    tags,
    url: '/stock-on-hand',
    summary: 'Stock on hand now or as of a past moment, by product, warehouse, bin or lot',
    querystring: StockOnHandQuery,
    response: StockOnHandReport,
    list: (q) => reports.stockOnHand(q),
    export: {
      name: 'report-stock-on-hand',
      columns: stockOnHandExportColumns,
      rows: (q) => reports.stockOnHandExport(q),
    },
  });
  exportableListRoute(app, {
    config: read,
    tags,
    url: '/movement-history',
    summary: 'The ledger, oldest first, with the running balance per product and warehouse',
    querystring: HistoryQuery,
    response: HistoryReport,
    list: (q) => reports.movementHistory(q),
    export: {
      name: 'report-movement-history',
      columns: historyExportColumns,
      rows: (q) => reports.movementHistoryExport(q),
    },
  });
  exportableListRoute(app, {
    config: read,
    tags,
    url: '/low-stock',
    summary: 'Products at or below their reorder point, with a suggested order from the daily use',
    querystring: LowStockQuery,
    response: LowStockReport,
    list: (q) => reports.lowStock(q),
    export: {
      name: 'report-low-stock',
      columns: lowStockExportColumns,
      rows: (q) => reports.lowStockExport(q),
    },
  });
  exportableListRoute(app, {
    config: manage,
    tags,
    url: '/valuation',
    summary: 'Stock value per warehouse or category at moving average and at FIFO',
    querystring: ValuationQuery,
    response: ValuationReport,
    list: (q) => reports.valuation(q),
    export: {
      name: 'report-valuation',
      columns: valuationExportColumns,
      rows: (q) => reports.valuationExport(q),
    },
  });
  exportableListRoute(app, {
    config: manage,
    tags,
    url: '/aging',
    summary: 'How long stock on hand has sat: 0–30, 31–90, 91–180 and over 180 days',
    querystring: AgingQuery,
    response: AgingReport,
    list: (q) => reports.aging(q),
    export: {
      name: 'report-aging',
      columns: agingExportColumns,
      rows: (q) => reports.agingExport(q),
    },
  });
  exportableListRoute(app, {
    config: manage,
    tags,
    url: '/turnover',
    summary: 'Inventory turnover and days of supply per product over a period',
    querystring: TurnoverQuery,
    response: TurnoverReport,
    list: (q) => reports.turnover(q),
    export: {
      name: 'report-turnover',
      columns: turnoverExportColumns,
      rows: (q) => reports.turnoverExport(q),
    },
  });
  exportableListRoute(app, {
    config: manage,
    tags,
    url: '/reconciliation',
    summary: 'The ledger against the balances per warehouse, and against each order line',
    querystring: ReconciliationQuery,
    response: ReconciliationReport,
    list: (q) => reports.reconciliation(q),
    export: {
      name: 'report-reconciliation',
      columns: reconciliationExportColumns,
      rows: (q) => reports.reconciliationExport(q),
    },
  });
  exportableListRoute(app, {
    config: manage,
    tags,
    url: '/abc',
    summary: 'ABC classes by the value consumed over a period',
    querystring: AbcQuery,
    response: AbcReport,
    list: (q) => reports.abc(q),
    export: { name: 'report-abc', columns: abcExportColumns, rows: (q) => reports.abcExport(q) },
  });
};

/** `GET /api/v1/dashboard`, the path farm-ERP clients call: the same dashboard. */
export const dashboardAliasRoutes: FastifyPluginAsyncTypebox<{ reports: ReportsService }> = async (
  app,
  { reports },
) => {
  listRoute(app, {
    config: read,
    tags,
    summary: 'The dashboard (the same as /api/v1/reports/dashboard)',
    querystring: DashboardQuery,
    response: Dashboard,
    list: (q) => reports.dashboard(q),
  });
};
