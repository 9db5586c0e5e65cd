import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError } from '../../platform/errors.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import {
  databaseNow,
  insertSnapshot,
  isFuture,
  latestSnapshot,
  listSnapshots,
  nextSnapshot,
  nthMovementAt,
  type SnapshotRow,
  snapshotAt,
  startOfMonth,
  writersOpenSince,
} from './snapshots.repo.js';
import { StockErrors } from './stock.errors.js';

/** How long a snapshot waits for postings that began before its cut to finish. */
const WAIT_FOR_POSTINGS_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function toSnapshotPublic(row: SnapshotRow) {
  return {
    id: row.id,
    cut_at: row.cutAt.toISOString(),
    movements: row.movements,
    balances: row.balances,
    based_on: row.basedOn,
    taken_by: row.takenBy,
    verified_at: row.verifiedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * Balance snapshots: every balance as of a moment, built from the snapshot before it and the
 * ledger between (or the ledger alone for the first), so history questions add only the ledger
 * since the nearest snapshot. Taken monthly by the scheduler and on demand.
 */
export class SnapshotsService {
  constructor(
    private readonly db: Db,
    private readonly timezone: string,
    /** A busy stretch of ledger gets a snapshot every this many movements (0: monthly only). */
    private readonly everyMovements = 0,
  ) {}

  /** The snapshot up to which `fill` has checked every gap in this process. */
  private filledThrough: Date | undefined;

  /** The snapshot at `cutAt` (default: now). Waits for postings begun before the cut to finish. */
  async take(ctx: RequestCtx, cutAt?: Date) {
    const cut = cutAt ?? (await databaseNow(this.db));
    if (cutAt !== undefined && (await isFuture(this.db, cutAt))) throw StockErrors.snapshotInFuture();
    const params = { cut_at: cut.toISOString() };
    // A posting's rows are dated when its transaction began: one still open from before the cut
    // could yet add rows the snapshot must hold.
    const deadline = Date.now() + WAIT_FOR_POSTINGS_MS;
    while (await writersOpenSince(this.db, cut)) {
      if (Date.now() > deadline) throw StockErrors.snapshotInFlight(params);
      await sleep(50);
    }
    if (await snapshotAt(this.db, cut)) throw StockErrors.snapshotExists(params);
    try {
      const row = await this.db.transaction(async (tx) => {
        const base = await latestSnapshot(tx, { at: cut });
        const written = await insertSnapshot(tx, {
          id: uuidv7(),
          cut,
          base,
          takenBy: ctx.actor?.id ?? null,
          // A recount of the ledger, or a verified snapshot plus the (append-only) ledger since.
          verified: !base || base.verifiedAt !== null,
        });
        await recordAudit(tx, ctx, {
          action: 'stock.snapshot',
          entityType: 'stock_snapshot',
          entityId: written.id,
          after: { cut_at: params.cut_at, balances: written.balances, movements: written.movements },
        });
        return written;
      });
      return toSnapshotPublic(row);
    } catch (error) {
      if (isUniqueViolation(error, 'stock_snapshots_cut_key')) throw StockErrors.snapshotExists(params);
      throw error;
    }
  }

  /** The monthly snapshot: the start of this month in the configured time zone, once. */
  async takeMonthly(ctx: RequestCtx): Promise<void> {
    const cut = await startOfMonth(this.db, this.timezone);
    if (await snapshotAt(this.db, cut)) return;
    await this.take(ctx, cut);
  }

  /**
   * The snapshots a busy ledger is due, oldest first: wherever more movements than
   * `everyMovements`, or than the balances the snapshot before holds, lie between two snapshots
   * (or since the last), one at each such count. A snapshot every calendar month bounds `as_of`
   * by a month of ledger, which grows with the site's activity; this bounds it by a count, so
   * `as_of` reads at most about as many ledger rows as a snapshot holds balances. Cuts taken
   * meanwhile (by another instance) or still in flight are left for the next run.
   *
   * A gap closed by a snapshot never grows again (a cut waits for every transaction that could
   * still write before it), so after its first run a process starts where it last reached.
   */
  async fill(ctx: RequestCtx) {
    const taken: ReturnType<typeof toSnapshotPublic>[] = [];
    if (this.everyMovements <= 0) return taken;
    const now = await databaseNow(this.db);
    let from = this.filledThrough ? await snapshotAt(this.db, this.filledThrough) : undefined;
    for (;;) {
      this.filledThrough = from?.cutAt;
      const next = await nextSnapshot(this.db, from?.cutAt);
      const until = next?.cutAt ?? now;
      const every = Math.max(this.everyMovements, from?.balances ?? 0);
      const cut = await nthMovementAt(this.db, { after: from?.cutAt, until }, every);
      if (cut && cut < until) {
        try {
          taken.push(await this.take(ctx, cut));
        } catch (error) {
          if (error instanceof AppError && error.code === 'SNAPSHOT_CUT_IN_FLIGHT') break;
          if (!(error instanceof AppError && error.code === 'SNAPSHOT_EXISTS')) throw error;
        }
        from = await snapshotAt(this.db, cut);
        if (!from) break;
        continue;
      }
      if (!next) break;
      from = next;
    }
    return taken;
  }

  async list(page: PageRequest) {
    const { rows, total } = await listSnapshots(this.db, page);
    return toPage(rows.map(toSnapshotPublic), total, page);
  }
}
