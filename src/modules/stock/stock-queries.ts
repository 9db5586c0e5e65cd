import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { hasChangedSince, type ReferenceChange } from '../../db/reference-changes.js';
import { readsCommittedPrimary } from '../../db/request-transaction.js';
import { snapshotMark } from '../../db/snapshot-mark.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import { RememberedPages } from '../../platform/remembered-pages.js';
import type { ProductStock, StockDistribution } from '../catalog/index.js';
import type { LocationStock } from '../locations/index.js';
import type { LedgerRow } from './ledger.repo.js';
import { latestSnapshot, markVerified, snapshotDifferences, snapshotsAround } from './snapshots.repo.js';
import { StockErrors } from './stock.errors.js';
import {
  type BalanceFilter,
  balanceMismatches,
  balancesPostedTo,
  binsHoldingStock,
  binsWithHistory,
  countBalances,
  type ExpiringLotRow,
  expiringLots,
  findMovement,
  type LowStockRow,
  listBalances,
  listBalancesAsOf,
  listMovements,
  lowStock,
  type MovementDetails,
  type MovementFilter,
  movementDetails,
  movementExportQuery,
  movementsBefore,
  onHandOf,
  productStockByWarehouse,
  productStockTotals,
  warehouseOnHandByUnit,
  warehouseTotals,
} from './stock-queries.repo.js';

/**
 * A ledger row as the API shows it, with what `details` names (the names it points at, and the
 * movement that reversed it). Built field by field: a spread of the driver's rows was most of a
 * history page's cost.
 */
export function toMovementPublic(m: LedgerRow, details?: MovementDetails) {
  return {
    id: m.id,
    posting_id: m.postingId,
    movement_type: m.movementType,
    product_id: m.productId,
    warehouse_id: m.warehouseId,
    bin_id: m.binId,
    lot_id: m.lotId,
    quantity: Number(m.quantity),
    unit_cost: m.unitCost == null ? null : Number(m.unitCost),
    reference_type: m.referenceType,
    reference_id: m.referenceId,
    reference_number: m.referenceNumber,
    reason: m.reason,
    notes: m.notes,
    reverses_id: m.reversesId,
    reversed_by_id: details?.reversed_by_id ?? null,
    sku: details?.sku,
    product_name: details?.product_name,
    warehouse_code: details?.warehouse_code,
    bin_code: details?.bin_code,
    lot_number: details?.lot_number,
    expiry_date: details?.expiry_date,
    actor_id: m.actorId,
    request_id: m.requestId,
    occurred_at: m.occurredAt.toISOString(),
    created_at: m.occurredAt.toISOString(),
  };
}

/**
 * What a page of balances takes its names and order from. A row added changes no page at a settled
 * moment: it has no stock there.
 */
const SHOWN_BY: ReferenceChange[] = ['products', 'warehouses', 'bins', 'lots'].flatMap((table) =>
  (['update', 'delete', 'truncate'] as const).map((kind) => `${table}:${kind}` as ReferenceChange),
);

type PastBalance = Awaited<ReturnType<typeof listBalancesAsOf>>['rows'][number];

/** Reads of the ledger and balances; also what the catalog and locations show of stock. */
export class StockQueries implements ProductStock, LocationStock {
  /** Pages of balances at settled moments (see `balancesAsOf`). */
  private readonly pastPages: RememberedPages<ReturnType<typeof toPage<PastBalance>>>;

  constructor(
    private readonly db: Db,
    pageCacheSeconds = 0,
  ) {
    this.pastPages = new RememberedPages(pageCacheSeconds);
  }

  /** Ledger rows as a read shows them: with product, place and lot by name, and their reversal (one query for all). */
  private async withDetails(rows: LedgerRow[]) {
    const details = await movementDetails(
      this.db,
      rows.map((row) => row.id),
    );
    return rows.map((row) => toMovementPublic(row, details.get(row.id)));
  }

  /** Newest first, by page. */
  async listMovements(filter: MovementFilter, page: PageRequest) {
    const { rows, total } = await listMovements(this.db, filter, page);
    return toPage(await this.withDetails(rows), total, page);
  }

  /** Newest first, by keyset: `cursor` is the last id of the previous page; cost does not grow with depth. */
  async listMovementsAfter(filter: MovementFilter, cursor: string | undefined, limit: number) {
    const items = await movementsBefore(this.db, filter, cursor, limit + 1);
    const page = items.slice(0, limit);
    return {
      items: await this.withDetails(page),
      next_cursor: items.length > limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  /** Every ledger row the filter matches, newest first: the query an export streams. */
  movementsExport(filter: MovementFilter): SQL {
    return movementExportQuery(filter);
  }

  async getMovement(id: string) {
    const row = await findMovement(this.db, id);
    if (!row) throw StockErrors.movementNotFound();
    const [shown] = await this.withDetails([row]);
    return shown as NonNullable<typeof shown>;
  }

  /**
   * Balances per product, warehouse, bin and lot. With `asOf`, the balances of that moment: the
   * nearest snapshot (before or after it) and the ledger between (reserved is not historical and
   * shows 0).
   */
  async balances(filter: BalanceFilter, page: PageRequest) {
    const { asOf } = filter;
    if (asOf) return this.balancesAsOf({ ...filter, asOf }, page);
    const { rows, total } = await listBalances(this.db, filter, page);
    return toPage(rows, total, page);
  }

  /**
   * A page of the balances at a moment. Once the moment is settled (a snapshot's cut lies at or
   * after it) its quantities never change, so the page is remembered, and reused while no
   * product, warehouse, bin or lot has been changed since: those give the page its names and its
   * order. Not remembered: reads that could see uncommitted writes or a replica's state.
   */
  private async balancesAsOf(filter: BalanceFilter & { asOf: Date }, page: PageRequest) {
    const remembering = this.pastPages.enabled && readsCommittedPrimary();
    const key = this.pastPages.key({ filter, page });
    const remembered = remembering ? this.pastPages.get(key) : undefined;
    if (remembered && !(await hasChangedSince(this.db, SHOWN_BY, remembered.mark))) return remembered.value;
    // Taken before the page is read: a change committed in between makes the entry stale, never missed.
    const mark = remembering ? await snapshotMark(this.db) : undefined;
    const { nearest, settled } = await snapshotsAround(this.db, filter.asOf);
    const { rows, total } = await listBalancesAsOf(this.db, filter, page, nearest);
    const answer = toPage(rows, total, page);
    if (mark && settled) this.pastPages.set(key, answer, mark);
    return answer;
  }

  /**
   * Recomputes every balance and compares. `full`: from the whole ledger, and the latest snapshot
   * against a recount up to its cut (marked verified when it matches). `incremental`: from the
   * latest verified snapshot plus the ledger since, so its cost follows the ledger since then;
   * without a verified snapshot it runs in full.
   */
  async verify(mode: 'full' | 'incremental' = 'full') {
    const from = mode === 'incremental' ? await latestSnapshot(this.db, { verifiedOnly: true }) : undefined;
    const mismatches = await balanceMismatches(this.db, from);
    const checked = await countBalances(this.db);
    let snapshot: { cut_at: string; ok: boolean } | null = null;
    if (!from) {
      const latest = await latestSnapshot(this.db);
      if (latest) {
        const ok = (await snapshotDifferences(this.db, latest)) === 0;
        if (ok) await markVerified(this.db, latest.id);
        snapshot = { cut_at: latest.cutAt.toISOString(), ok };
      }
    }
    return {
      ok: mismatches.length === 0 && snapshot?.ok !== false,
      mode: from ? ('incremental' as const) : ('full' as const),
      since: from ? from.cutAt.toISOString() : null,
      balances_checked: checked,
      mismatches,
      snapshot_checked: snapshot,
    };
  }

  async distribution(productId: string): Promise<StockDistribution> {
    const warehouses = await productStockByWarehouse(this.db, productId);
    const totals = await productStockTotals(this.db, productId);
    return {
      on_hand: totals?.on_hand ?? 0,
      reserved: totals?.reserved ?? 0,
      available: totals?.available ?? 0,
      warehouses,
    };
  }

  onHandSql(productId: SQL): SQL<number> {
    return onHandOf(productId);
  }

  async binsHoldingStock(binIds: string[]): Promise<Set<string>> {
    if (binIds.length === 0) return new Set();
    return new Set(await binsHoldingStock(this.db, binIds));
  }

  /** Which of `keys` (by position) the ledger has already posted to: for stock that may only open once. */
  async balancesPostedTo(
    keys: { productId: string; binId: string; lotNumber: string | null }[],
  ): Promise<Set<number>> {
    return new Set(await balancesPostedTo(this.db, keys));
  }

  async binsWithHistory(binIds: string[]): Promise<Set<string>> {
    if (binIds.length === 0) return new Set();
    return new Set(await binsWithHistory(this.db, binIds));
  }

  async warehouseTotals(warehouseId: string) {
    const row = await warehouseTotals(this.db, warehouseId);
    const byUnit = await warehouseOnHandByUnit(this.db, warehouseId);
    return {
      occupiedBins: Number(row?.occupied ?? 0),
      distinctProducts: Number(row?.products ?? 0),
      totalUnits: Number(row?.units ?? 0),
      stockValue: Number(row?.value ?? 0),
      byUnit: byUnit.map((unit) => ({ unit: unit.unit, onHand: Number(unit.on_hand) })),
    };
  }

  /**
   * Lots with stock on hand expiring within `withinDays` of `today` (a date in the business time
   * zone, `YYYY-MM-DD`), and expired ones, per lot and warehouse: what expiry alerts are raised from.
   */
  expiringLots(filter: {
    today: string;
    withinDays: number;
    warehouseId?: string;
  }): Promise<ExpiringLotRow[]> {
    return expiringLots(this.db, filter);
  }

  /** Products at or below their reorder point: over all warehouses, in one, or in each holding them. */
  lowStock(filter: { warehouseId?: string; perWarehouse?: boolean } = {}): Promise<LowStockRow[]> {
    return lowStock(this.db, filter);
  }
}
