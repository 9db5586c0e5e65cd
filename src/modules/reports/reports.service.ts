import { type SQL, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Db } from '../../db/client.js';
import { snapshotMark } from '../../db/snapshot-mark.js';
import { invalidFields } from '../../platform/errors.js';
import { type PageQuery, pageRequest, toPage } from '../../platform/pagination.js';
import { balancesSource } from '../stock/index.js';
import { AGE_BUCKETS } from './age-buckets.js';
import { abc, turnover, valuation, valuationQuery } from './analysis.repo.js';
import { type BusinessPeriod, businessPeriod } from './business-days.js';
import { dashboardFigures, dashboardWarehouses } from './dashboard.repo.js';
import type { DashboardCache } from './dashboard-cache.js';
import { movementHistory } from './history.repo.js';
import { documentReconciliation, warehouseReconciliation } from './reconciliation.repo.js';
import { ordered, paged } from './report-sql.js';
import { ReportReasons } from './reports.errors.js';
import type {
  AbcQuery,
  AgingQuery,
  DashboardQuery,
  FefoQuery,
  HistoryQuery,
  LowStockQuery,
  ReconciliationQuery,
  StockOnHandQuery,
  TurnoverQuery,
  ValuationQuery,
} from './reports.schemas.js';
import { aging, fefo, lowStock, sourceTotal, stockOnHand } from './stock-reports.repo.js';

const asPeriod = (period: BusinessPeriod) => ({
  from: sql`${period.from}::date`,
  to: sql`${period.to}::date`,
  days: period.days,
});

/** Every report, computed from the ledger and the balances it maintains. */
export class ReportsService {
  constructor(
    private readonly db: Db,
    private readonly timezone: string,
    private readonly cache: DashboardCache,
  ) {}

  /** Dashboards being computed, by key and state mark: readers of the same state share one. */
  private readonly computing = new Map<string, Promise<unknown>>();

  /**
   * The dashboard, reused while nothing has been committed since it was computed. Readers that miss
   * the cache at the same database state wait for one computation instead of each running their own.
   */
  async dashboard(query: Static<typeof DashboardQuery>) {
    const key = `dashboard:${query.warehouse_id ?? 'all'}`;
    const mark = await snapshotMark(this.db);
    const cached = await this.cache.get(key, mark);
    if (cached) return cached;
    const flight = `${key}@${mark}`;
    let pending = this.computing.get(flight);
    if (!pending) {
      pending = this.computeDashboard(key, mark, query.warehouse_id).finally(() =>
        this.computing.delete(flight),
      );
      this.computing.set(flight, pending);
    }
    return pending;
  }

  private async computeDashboard(key: string, mark: string, warehouseId: string | undefined) {
    const { totals, units, warehouses } = await dashboardFigures(this.db, this.timezone, warehouseId);
    const answer = {
      generated_at: new Date().toISOString(),
      ...totals,
      units,
      warehouses,
      total_items: totals.distinct_skus,
      low_stock_items: totals.low_stock_count,
      expiring_soon_items: totals.expiring_30_days,
      total_stock_value: totals.stock_value,
      pending_pos: totals.open_purchase_orders,
    };
    await this.cache.set(key, mark, answer);
    return answer;
  }

  /** A page of a report's rows and how many there are. */
  private async page(query: SQL, request: PageQuery) {
    const page = pageRequest(request);
    const { rows, total } = await paged(this.db, query, page);
    return toPage(rows, total, page);
  }

  /** Lots on hand by expiry. */
  private fefoQuery(query: Static<typeof FefoQuery>): SQL {
    return fefo(this.timezone, {
      warehouseId: query.warehouse_id,
      productId: query.product_id,
      expiringWithinDays: query.expiring_within_days,
      includeExpired: query.include_expired ?? true,
      at: query.as_of ? new Date(query.as_of) : undefined,
    });
  }

  fefo(query: Static<typeof FefoQuery>) {
    return this.page(this.fefoQuery(query), query);
  }

  /** Stock on hand now or at a past moment, by product, warehouse, bin or lot. */
  private async stockOnHandQuery(query: Static<typeof StockOnHandQuery>): Promise<SQL> {
    const source = await balancesSource(this.db, query.as_of ? new Date(query.as_of) : undefined);
    const filter = { warehouseId: query.warehouse_id, productId: query.product_id };
    return stockOnHand(source, query.group_by ?? 'warehouse', filter);
  }

  async stockOnHand(query: Static<typeof StockOnHandQuery>) {
    const at = query.as_of ? new Date(query.as_of) : undefined;
    const source = await balancesSource(this.db, at);
    const filter = { warehouseId: query.warehouse_id, productId: query.product_id };
    return {
      ...(await this.page(stockOnHand(source, query.group_by ?? 'warehouse', filter), query)),
      as_of: at?.toISOString() ?? null,
      total_quantity: await sourceTotal(this.db, source, filter),
    };
  }

  /** The ledger with the running balance per product and warehouse. */
  private movementHistoryQuery(query: Static<typeof HistoryQuery>): SQL {
    if (query.date_from && query.date_to) businessPeriod(this.timezone, query.date_from, query.date_to);
    return movementHistory(this.timezone, {
      productId: query.product_id,
      warehouseId: query.warehouse_id,
      movementType: query.movement_type,
      dateFrom: query.date_from,
      dateTo: query.date_to,
    });
  }

  movementHistory(query: Static<typeof HistoryQuery>) {
    return this.page(this.movementHistoryQuery(query), query);
  }

  /** Stock value at moving average and at FIFO, per warehouse or category. */
  private async valuationQuery(query: Static<typeof ValuationQuery>): Promise<SQL> {
    const at = query.as_of ? new Date(query.as_of) : undefined;
    const source = await balancesSource(this.db, at);
    return valuationQuery(query.group_by ?? 'warehouse', query.warehouse_id, source, at);
  }

  async valuation(query: Static<typeof ValuationQuery>) {
    const groupBy = query.group_by ?? 'warehouse';
    const items = await valuation(this.db, await this.valuationQuery(query));
    const sum = (pick: (row: (typeof items)[number]) => number) =>
      Math.round(items.reduce((total, row) => total + pick(row) * 100, 0)) / 100;
    return {
      group_by: groupBy,
      items,
      totals: {
        quantity: sum((row) => row.quantity),
        value_average: sum((row) => row.value_average),
        value_fifo: sum((row) => row.value_fifo),
      },
    };
  }

  /** How long stock on hand has sat, in buckets. */
  private agingQuery(query: Static<typeof AgingQuery>): SQL {
    return aging(this.timezone, {
      warehouseId: query.warehouse_id,
      productId: query.product_id,
      at: query.as_of ? new Date(query.as_of) : undefined,
    });
  }

  async aging(query: Static<typeof AgingQuery>) {
    return { ...(await this.page(this.agingQuery(query), query)), buckets: [...AGE_BUCKETS] };
  }

  /** Turnover and days of supply per product over a period. */
  private turnoverQuery(query: Static<typeof TurnoverQuery>): SQL {
    const period = businessPeriod(this.timezone, query.date_from, query.date_to);
    const filter = { warehouseId: query.warehouse_id, categoryId: query.category_id };
    return turnover(this.timezone, asPeriod(period), filter);
  }

  async turnover(query: Static<typeof TurnoverQuery>) {
    const period = businessPeriod(this.timezone, query.date_from, query.date_to);
    const found = await this.page(this.turnoverQuery(query), query);
    return { ...found, date_from: period.from, date_to: period.to, days: period.days };
  }

  /** Products at or below their reorder point, with a suggested order. */
  private lowStockQuery(query: Static<typeof LowStockQuery>): SQL {
    return lowStock({
      warehouseId: query.warehouse_id,
      lookbackDays: query.lookback_days ?? 30,
      coverDays: query.cover_days ?? 30,
    });
  }

  lowStock(query: Static<typeof LowStockQuery>) {
    return this.page(this.lowStockQuery(query), query);
  }

  /** Order lines against their ledger rows (the file form of the reconciliation). */
  private reconciliationQuery(query: Static<typeof ReconciliationQuery>): SQL {
    return documentReconciliation(query.mismatched_only ?? false);
  }

  /** The ledger against the balances per warehouse, and against each order line. */
  async reconciliation(query: Static<typeof ReconciliationQuery>) {
    const warehouses = await warehouseReconciliation(this.db);
    const documents = await this.page(this.reconciliationQuery(query), query);
    const mismatched = query.mismatched_only
      ? documents.total
      : (await paged(this.db, documentReconciliation(true), { page: 1, pageSize: 1, offset: 0 })).total;
    return {
      ok: mismatched === 0 && warehouses.every((row) => row.difference === 0),
      warehouses,
      documents,
      mismatched_documents: mismatched,
    };
  }

  /** ABC classes by consumed value over a period. */
  private abcQuery(query: Static<typeof AbcQuery>): SQL {
    const shares = { a: query.a_percent ?? 80, b: query.b_percent ?? 95 };
    if (shares.a >= shares.b)
      throw invalidFields({ field: 'a_percent', messages: ReportReasons.sharesReversed });
    const period = businessPeriod(this.timezone, query.date_from, query.date_to);
    return abc(this.timezone, asPeriod(period), shares);
  }

  async abc(query: Static<typeof AbcQuery>) {
    const found = await this.page(this.abcQuery(query), query);
    const period = businessPeriod(this.timezone, query.date_from, query.date_to);
    return { ...found, date_from: period.from, date_to: period.to };
  }

  // Every row of a report in its order, for `?format=csv|xlsx`.
  dashboardExport(query: Static<typeof DashboardQuery>): SQL {
    return ordered(dashboardWarehouses(this.timezone, query.warehouse_id));
  }

  fefoExport(query: Static<typeof FefoQuery>): SQL {
    return ordered(this.fefoQuery(query));
  }

  async stockOnHandExport(query: Static<typeof StockOnHandQuery>): Promise<SQL> {
    return ordered(await this.stockOnHandQuery(query));
  }

  movementHistoryExport(query: Static<typeof HistoryQuery>): SQL {
    return ordered(this.movementHistoryQuery(query));
  }

  lowStockExport(query: Static<typeof LowStockQuery>): SQL {
    return ordered(this.lowStockQuery(query));
  }

  agingExport(query: Static<typeof AgingQuery>): SQL {
    return ordered(this.agingQuery(query));
  }

  turnoverExport(query: Static<typeof TurnoverQuery>): SQL {
    return ordered(this.turnoverQuery(query));
  }

  reconciliationExport(query: Static<typeof ReconciliationQuery>): SQL {
    return ordered(this.reconciliationQuery(query));
  }

  abcExport(query: Static<typeof AbcQuery>): SQL {
    return ordered(this.abcQuery(query));
  }

  valuationExport(query: Static<typeof ValuationQuery>): Promise<SQL> {
    return this.valuationQuery(query);
  }
}
