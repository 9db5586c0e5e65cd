import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/module-context.js';
import { schedulerCtx } from '../../platform/request-ctx.js';
import type { ProductsService } from '../catalog/index.js';
import type { BinsService } from '../locations/index.js';
import { StockDocumentsService } from './documents.service.js';
import { PostingBatcher } from './posting-batcher.js';
import { reservationsRoutes } from './reservations.routes.js';
import { ReservationsService } from './reservations.service.js';
import { snapshotsRoutes } from './snapshots.routes.js';
import { SnapshotsService } from './snapshots.service.js';
import { binStockRoutes, inventoryQueryRoutes, movementsRoutes } from './stock.routes.js';
import { StockService } from './stock.service.js';
import type { StockQueries } from './stock-queries.js';
import { transfersRoutes } from './transfers.routes.js';
import { TransfersService } from './transfers.service.js';

export { inBalanceOrder } from './balance-order.js';
export type { LedgerRow, TakeScope } from './ledger.repo.js';
/** The balances of a moment, for reports. */
export { balancesSource } from './ledger-views.js';
export type { AddLine, PostLine } from './post-lines.js';
export type { ReservationsService } from './reservations.service.js';
export { reservedIssueLine, stillHeld } from './reserved-issue.js';
export { StockErrors } from './stock.errors.js';
export { toPostedPublic } from './stock.mapper.js';
export { PostedMovement as PostedMovementSchema, postedMovementExample } from './stock.schemas.js';
export type { PostedMovement, StockService } from './stock.service.js';
/** Stock figures for catalog and locations (they define the interfaces, this fills them in). */
export { StockQueries } from './stock-queries.js';
export type { ExpiringLotRow, LowStockRow } from './stock-queries.repo.js';

export interface StockModule {
  stock: StockService;
  reservations: ReservationsService;
}

/**
 * The ledger, balances, reservations, transfers and stock documents. Every change of stock, in
 * this module or any other, posts through `StockService.post`.
 */
export async function register(
  app: FastifyInstance,
  { db, config, scheduler }: ModuleContext,
  { products, bins, queries }: { products: ProductsService; bins: BinsService; queries: StockQueries },
): Promise<StockModule> {
  const stock = new StockService(db, config.timezone);
  const documents = new StockDocumentsService(db, stock);
  // Group commit for POST /stock-movements: queued postings share one call and one commit.
  const batcher = new PostingBatcher(db, stock, {
    maxBatch: config.postingBatchMax,
    maxConcurrent: config.postingBatchesInFlight,
  });
  const reservations = new ReservationsService(db, products, bins, stock);
  const transfers = new TransfersService(db, reservations, bins, stock);
  const snapshots = new SnapshotsService(db, config.timezone, config.snapshotEveryMovements);
  scheduler.register({
    name: 'stock-snapshot-monthly',
    cron: config.snapshotCron,
    run: async () => {
      await snapshots.takeMonthly(schedulerCtx('stock-snapshot-monthly'));
    },
  });
  scheduler.register({
    name: 'stock-snapshot-fill',
    cron: config.snapshotFillCron,
    run: async () => {
      await snapshots.fill(schedulerCtx('stock-snapshot-fill'));
    },
  });
  scheduler.register({
    name: 'release-expired-reservations',
    cron: config.reservationSweepCron,
    run: async () => {
      await reservations.releaseExpired();
    },
  });
  await app.register(binStockRoutes, { prefix: '/api/v1/bins', stock, queries });
  await app.register(movementsRoutes, { prefix: '/api/v1/stock-movements', stock, queries, batcher });
  await app.register(reservationsRoutes, {
    prefix: '/api/v1/reservations',
    reservations,
    defaultTtlMinutes: config.reservationTtlMinutes,
  });
  await app.register(transfersRoutes, { prefix: '/api/v1/stock-transfers', transfers });
  await app.register(inventoryQueryRoutes, { prefix: '/api/v1/inventory', stock, queries, documents });
  await app.register(snapshotsRoutes, { prefix: '/api/v1/inventory', snapshots });
  return { stock, reservations };
}
