import { sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Db } from '../../db/client.js';
import { invalidFields } from '../../platform/errors.js';
import { pageRequest, toPage } from '../../platform/pagination.js';
import { balancesSource } from '../stock/index.js';
import { AGE_BUCKETS } from './age-buckets.js';
import { abc, turnover, valuation } from './analysis.repo.js';
import { type BusinessPeriod, businessPeriod } from './business-days.js';
import { dashboardFigures, ledgerMark } from './dashboard.repo.js';
import type { DashboardCache } from './dashboard-cache.js';
import { movementHistory } from './history.repo.js';
import { documentReconciliation, warehouseReconciliation } from './reconciliation.repo.js';
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

  /** Dashboards being computed, by key and ledger mark: readers of the same state share one. */
  private readonly computing = new Map<string, Promise<unknown>>();

  /**
   * The dashboard, reused while nothing has been posted since it was computed. Readers that miss
   * the cache at the same ledger state wait for one computation instead of each running their own.
   */
  async dashboard(query: Static<typeof DashboardQuery>) {
    const key = `dashboard:${query.warehouse_id ?? 'all'}`;
    const mark = await ledgerMark(this.db);
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

  /** Lots on hand by expiry. */
  async fefo(query: Static<typeof FefoQuery>) {
    const page = pageRequest(query);
    const filter = {
      warehouseId: query.warehouse_id,
      productId: query.product_id,
      expiringWithinDays: query.expiring_within_days,
      includeExpired: query.include_expired ?? true,
      at: query.as_of ? new Date(query.as_of) : undefined,
    };
    const { rows, total } = await fefo(this.db, this.timezone, filter, page);
    return toPage(rows, total, page);
  }

  /** Stock on hand now or at a past moment, by product, warehouse, bin or lot. */
  async stockOnHand(query: Static<typeof StockOnHandQuery>) {
    const page = pageRequest(query);
    const at = query.as_of ? new Date(query.as_of) : undefined;
    const source = await balancesSource(this.db, at);
    const filter = { warehouseId: query.warehouse_id, productId: query.product_id };
    const { rows, total } = await stockOnHand(this.db, source, query.group_by ?? 'warehouse', filter, page);
    return {
      ...toPage(rows, total, page),
      as_of: at?.toISOString() ?? null,
      total_quantity: await sourceTotal(this.db, source, filter),
    };
  }

  /** The ledger with the running balance per product and warehouse. */
  async movementHistory(query: Static<typeof HistoryQuery>) {
    const page = pageRequest(query);
    if (query.date_from && query.date_to) businessPeriod(this.timezone, query.date_from, query.date_to);
    const filter = {
      productId: query.product_id,
      warehouseId: query.warehouse_id,
      movementType: query.movement_type,
      dateFrom: query.date_from,
      dateTo: query.date_to,
    };
    const { rows, total } = await movementHistory(this.db, this.timezone, filter, page);
    return toPage(rows, total, page);
  }

  /** Stock value at moving average and at FIFO, per warehouse or category. */
  async valuation(query: Static<typeof ValuationQuery>) {
    const groupBy = query.group_by ?? 'warehouse';
    const items = await valuation(this.db, groupBy, query.warehouse_id);
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
  async aging(query: Static<typeof AgingQuery>) {
    const page = pageRequest(query);
    const filter = {
      warehouseId: query.warehouse_id,
      productId: query.product_id,
      at: query.as_of ? new Date(query.as_of) : undefined,
    };
    const { rows, total } = await aging(this.db, this.timezone, filter, page);
    return { ...toPage(rows, total, page), buckets: [...AGE_BUCKETS] };
  }

  /** Turnover and days of supply per product over a period. */
  async turnover(query: Static<typeof TurnoverQuery>) {
    const page = pageRequest(query);
    const period = businessPeriod(this.timezone, query.date_from, query.date_to);
    const filter = { warehouseId: query.warehouse_id, categoryId: query.category_id };
    const { rows, total } = await turnover(this.db, this.timezone, asPeriod(period), filter, page);
    return { ...toPage(rows, total, page), date_from: period.from, date_to: period.to, days: period.days };
  }

  /** Products at or below their reorder point, with a suggested order. */
  async lowStock(query: Static<typeof LowStockQuery>) {
    const page = pageRequest(query);
    const filter = {
      warehouseId: query.warehouse_id,
      lookbackDays: query.lookback_days ?? 30,
      coverDays: query.cover_days ?? 30,
    };
    const { rows, total } = await lowStock(this.db, filter, page);
    return toPage(rows, total, page);
  }

  /** The ledger against the balances per warehouse, and against each order line. */
  async reconciliation(query: Static<typeof ReconciliationQuery>) {
    const page = pageRequest(query);
    const warehouses = await warehouseReconciliation(this.db);
    const documents = await documentReconciliation(this.db, query.mismatched_only ?? false, page);
    const mismatched = query.mismatched_only
      ? documents.total
      : (await documentReconciliation(this.db, true, { page: 1, pageSize: 1, offset: 0 })).total;
    return {
      ok: mismatched === 0 && warehouses.every((row) => row.difference === 0),
      warehouses,
      documents: toPage(documents.rows, documents.total, page),
      mismatched_documents: mismatched,
    };
  }

  /** ABC classes by consumed value over a period. */
  async abc(query: Static<typeof AbcQuery>) {
    const page = pageRequest(query);
    const shares = { a: query.a_percent ?? 80, b: query.b_percent ?? 95 };
    if (shares.a >= shares.b)
      throw invalidFields({ field: 'a_percent', messages: ReportReasons.sharesReversed });
    const period = businessPeriod(this.timezone, query.date_from, query.date_to);
    const { rows, total } = await abc(this.db, this.timezone, asPeriod(period), shares, page);
    return { ...toPage(rows, total, page), date_from: period.from, date_to: period.to };
  }
}
