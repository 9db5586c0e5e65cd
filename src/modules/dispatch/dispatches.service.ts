import type { SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Errors } from '../../platform/errors.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { nextDocumentNumber } from '../../platform/sequences.js';
import { recordAudit } from '../audit/index.js';
import type { StockService } from '../stock/index.js';
import { DispatchErrors } from './dispatch.errors.js';
import { bandOf, toDispatchPublic } from './dispatch.mapper.js';
import {
  type DispatchFilter,
  type DispatchRow,
  type DispatchTrayRow,
  deleteDispatch,
  dispatchesQuery,
  findDispatch,
  hasSamples,
  insertDispatch,
  listDispatches,
  lockTrayStock,
  saveTrays,
  traysOf,
  updateDispatch,
} from './dispatch.repo.js';
import type { DispatchChanges, DispatchCreate, ReturnBody } from './dispatches.schemas.js';
import { drillholeByIdOrCode, projectByIdOrCode } from './master-data.repo.js';
import { type Counts, countsOf, noneAvailable, postTrays, totalOf } from './tray-postings.js';
import type { TraySetup, TrayStore } from './tray-setup.js';

const REFERENCE = 'dispatch';

/**
 * Dispatches of core trays (seed 002): trays leave the trays warehouse as `dispatch` movements
 * and come back as `dispatch_return` ones, damaged ones into quarantine, all through the stock
 * posting in the dispatch's own transaction.
 */
export class DispatchesService {
  constructor(
    private readonly db: Db,
    private readonly stock: StockService,
    private readonly trays: TraySetup,
    private readonly timezone: string,
    private readonly overdueAfterDays: number,
  ) {}

  private async view(db: DbOrTx, id: string) {
    const { rows } = await listDispatches(db, this.timezone, { id });
    const [row] = rows;
    if (!row) throw DispatchErrors.dispatchNotFound();
    return toDispatchPublic(row);
  }

  private async load(tx: DbOrTx, id: string): Promise<DispatchRow> {
    const row = await findDispatch(tx, id, true);
    if (!row) throw DispatchErrors.dispatchNotFound();
    return row;
  }

  private post(
    tx: DbOrTx,
    ctx: RequestCtx,
    store: TrayStore,
    changes: Counts,
    dispatch: DispatchRow,
    intoBinId?: string,
    reason?: string,
  ) {
    return postTrays(
      tx,
      ctx,
      { stock: this.stock, store, timezone: this.timezone },
      changes,
      { outType: 'dispatch', inType: 'dispatch_return', intoBinId },
      {
        referenceType: REFERENCE,
        referenceId: dispatch.id,
        referenceNumber: dispatch.dispatchNumber,
        reason,
      },
    );
  }

  /** The project, drillhole and company of a dispatch, checked to belong together. */
  private async placeOf(tx: DbOrTx, projectRef: string, drillholeRef: string, companyId?: string) {
    const project = await projectByIdOrCode(tx, projectRef);
    if (!project) throw DispatchErrors.projectNotFound();
    const drillhole = await drillholeByIdOrCode(tx, drillholeRef, project.id);
    if (!drillhole) throw DispatchErrors.drillholeNotFound();
    if (drillhole.projectId !== project.id) throw DispatchErrors.drillholeNotInProject();
    if (companyId && companyId !== project.companyId) throw DispatchErrors.companyNotOfProject();
    return { projectId: project.id, drillholeId: drillhole.id, companyId: project.companyId };
  }

  /** The business date of `value` (a date as it is, a moment in the business time zone), or today's. */
  private dateOf(value?: string): string {
    if (value && value.length === 10) return value;
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.timezone }).format(
      value ? new Date(value) : new Date(),
    );
  }

  /** Creates a dispatch (DSP-000001…) and takes its trays out; short → 409 and nothing posted. */
  async create(ctx: RequestCtx, input: DispatchCreate) {
    const counts = countsOf(this.trays.types, input.trays, input.hq_boxes, input.nq_boxes);
    if (totalOf(counts) === 0) throw DispatchErrors.noTrays();
    await this.placeOf(this.db, input.project_id, input.drillhole_id, input.company_id);
    // Without the trays warehouse no tray was ever counted in: refused, and nothing created.
    const store = await this.trays.peek();
    if (!store) throw noneAvailable(this.trays.types, counts);
    return this.db.transaction(async (tx) => {
      await lockTrayStock(tx, false);
      const place = await this.placeOf(tx, input.project_id, input.drillhole_id, input.company_id);
      const dispatch = await insertDispatch(tx, {
        dispatchNumber: await nextDocumentNumber(tx, 'DSP'),
        ...place,
        warehouseId: store.warehouseId,
        dispatchDate: this.dateOf(input.dispatch_date),
        driver: input.driver ?? '',
        technician: input.technician ?? '',
        samplesCollected: input.samples_collected ?? 0,
        sampleType: input.sample_type ?? '',
        notes: input.notes ?? '',
        createdBy: ctx.actor?.id ?? null,
      });
      await saveTrays(
        tx,
        store.types
          .filter((tray) => (counts.get(tray.type) ?? 0) > 0)
          .map((tray) => ({
            dispatchId: dispatch.id,
            trayType: tray.type,
            productId: tray.productId,
            dispatched: counts.get(tray.type) ?? 0,
            returned: 0,
            writtenOff: 0,
          })),
      );
      await this.post(tx, ctx, store, counts, dispatch);
      await recordAudit(tx, ctx, {
        action: 'dispatch.create',
        entityType: REFERENCE,
        entityId: dispatch.id,
        after: { dispatch_number: dispatch.dispatchNumber, trays: Object.fromEntries(counts) },
      });
      return this.view(tx, dispatch.id);
    });
  }

  /**
   * Changes the given fields of a dispatch whose version the caller read (stale → 412). New tray
   * counts post only the difference, and only while nothing has come back (else 409).
   */
  async update(ctx: RequestCtx, id: string, input: DispatchChanges, version?: number) {
    const wanted = countsOf(this.trays.types, input.trays, input.hq_boxes, input.nq_boxes);
    // A dispatch that exists means the setup does: an unknown one is refused before anything is made.
    await this.load(this.db, id);
    const store = await this.trays.ensure(ctx);
    return this.db.transaction(async (tx) => {
      await lockTrayStock(tx, false);
      const dispatch = await this.load(tx, id);
      if (version !== undefined && version !== dispatch.version) throw Errors.stale();
      const place =
        input.project_id || input.drillhole_id || input.company_id
          ? await this.placeOf(
              tx,
              input.project_id ?? dispatch.projectId,
              input.drillhole_id ?? dispatch.drillholeId,
              input.company_id,
            )
          : {};
      if (wanted.size > 0) await this.changeCounts(tx, ctx, store, dispatch, wanted);
      await updateDispatch(tx, id, {
        ...place,
        dispatchDate: input.dispatch_date && this.dateOf(input.dispatch_date),
        driver: input.driver,
        technician: input.technician,
        samplesCollected: input.samples_collected,
        sampleType: input.sample_type,
        notes: input.notes,
      });
      await recordAudit(tx, ctx, {
        action: 'dispatch.update',
        entityType: REFERENCE,
        entityId: id,
        before: { version: dispatch.version },
        after: input,
      });
      return this.view(tx, id);
    });
  }

  private async changeCounts(
    tx: DbOrTx,
    ctx: RequestCtx,
    store: TrayStore,
    dispatch: DispatchRow,
    wanted: Counts,
  ) {
    const current = await traysOf(tx, dispatch.id);
    if (current.some((tray) => tray.returned > 0 || tray.writtenOff > 0)) throw DispatchErrors.countsFrozen();
    const was = new Map(current.map((tray) => [tray.trayType, tray.dispatched]));
    const next = new Map([...was, ...wanted]);
    if (totalOf(next) === 0) throw DispatchErrors.noTrays();
    const changes: Counts = new Map([...next].map(([type, n]) => [type, n - (was.get(type) ?? 0)]));
    await saveTrays(
      tx,
      store.types
        .filter((tray) => next.has(tray.type))
        .map((tray) => ({
          dispatchId: dispatch.id,
          trayType: tray.type,
          productId: tray.productId,
          dispatched: next.get(tray.type) ?? 0,
          returned: 0,
          writtenOff: 0,
        })),
    );
    await this.post(tx, ctx, store, changes, dispatch, undefined, 'dispatch corrected');
  }

  /**
   * Takes trays back: good and fair ones into the dispatch bin, damaged ones into quarantine.
   * More than is still out → 409; fewer leaves the dispatch partially returned.
   */
  async returnTrays(ctx: RequestCtx, id: string, input: ReturnBody) {
    const back = countsOf(this.trays.types, input.trays, input.returned_hq, input.returned_nq);
    if (totalOf(back) === 0) throw DispatchErrors.noTrays();
    await this.load(this.db, id);
    const store = await this.trays.ensure(ctx);
    const condition = input.return_condition.toLowerCase();
    return this.db.transaction(async (tx) => {
      await lockTrayStock(tx, false);
      const dispatch = await this.load(tx, id);
      if (dispatch.status === 'returned') throw DispatchErrors.alreadyReturned();
      const trays = await traysOf(tx, id);
      const updated = trays.map((tray) => ({
        ...tray,
        returned: tray.returned + (back.get(tray.trayType) ?? 0),
      }));
      for (const [type, n] of back) {
        const tray = trays.find((t) => t.trayType === type);
        const open = tray ? tray.dispatched - tray.returned - tray.writtenOff : 0;
        if (n > open)
          throw DispatchErrors.overReturn({ type, returned: n, dispatched: tray?.dispatched ?? 0, open });
      }
      await saveTrays(tx, updated);
      const negative: Counts = new Map([...back].map(([type, n]) => [type, -n]));
      const intoBin = condition === 'damaged' ? store.quarantineBinId : store.defaultBinId;
      await this.post(tx, ctx, store, negative, dispatch, intoBin, `return (${condition})`);
      const status = closed(updated) ? 'returned' : 'partially_returned';
      await updateDispatch(tx, id, {
        status,
        returnDate: this.dateOf(input.return_date),
        returnCondition: condition,
        returnNotes: input.return_notes ?? dispatch.returnNotes,
        returnDriver: input.return_driver ?? dispatch.returnDriver,
        returnTechnician: input.return_technician ?? dispatch.returnTechnician,
      });
      await recordAudit(tx, ctx, {
        action: 'dispatch.return',
        entityType: REFERENCE,
        entityId: id,
        before: { status: dispatch.status },
        after: { status, condition, trays: Object.fromEntries(back) },
      });
      return this.view(tx, id);
    });
  }

  /** A manager closes a dispatch whose trays will not come back: the rest is written off, with a reason. */
  async writeOff(ctx: RequestCtx, id: string, reason: string) {
    return this.db.transaction(async (tx) => {
      const dispatch = await this.load(tx, id);
      if (dispatch.status === 'returned') throw DispatchErrors.alreadyReturned();
      const trays = await traysOf(tx, id);
      const updated = trays.map((tray) => ({ ...tray, writtenOff: tray.dispatched - tray.returned }));
      await saveTrays(tx, updated);
      await updateDispatch(tx, id, { status: 'returned', writeOffReason: reason });
      await recordAudit(tx, ctx, {
        action: 'dispatch.write_off',
        entityType: REFERENCE,
        entityId: id,
        before: { status: dispatch.status },
        after: {
          status: 'returned',
          reason,
          written_off: Object.fromEntries(updated.map((tray) => [tray.trayType, tray.writtenOff])),
        },
      });
      return this.view(tx, id);
    });
  }

  /** Deletes a dispatch nothing came back on, putting its trays back (the reversal). */
  async remove(ctx: RequestCtx, id: string): Promise<void> {
    await this.load(this.db, id);
    const store = await this.trays.ensure(ctx);
    await this.db.transaction(async (tx) => {
      await lockTrayStock(tx, false);
      const dispatch = await this.load(tx, id);
      const trays = await traysOf(tx, id);
      if (trays.some((tray) => tray.returned > 0 || tray.writtenOff > 0)) throw DispatchErrors.hasReturns();
      if (await hasSamples(tx, id)) throw DispatchErrors.hasSamples();
      const back: Counts = new Map(trays.map((tray) => [tray.trayType, -tray.dispatched]));
      await this.post(tx, ctx, store, back, dispatch, undefined, 'dispatch deleted');
      await deleteDispatch(tx, id);
      await recordAudit(tx, ctx, {
        action: 'dispatch.delete',
        entityType: REFERENCE,
        entityId: id,
        before: { dispatch_number: dispatch.dispatchNumber, trays: Object.fromEntries(back) },
      });
    });
  }

  async get(id: string) {
    return this.view(this.db, id);
  }

  async list(filter: DispatchFilter, page: PageRequest) {
    const { rows, total } = await listDispatches(this.db, this.timezone, filter, page);
    return toPage(rows.map(toDispatchPublic), total, page);
  }

  /** Dispatches with trays still out, oldest first, each with its band of days out. */
  async outstanding() {
    const { rows, total } = await listDispatches(
      this.db,
      this.timezone,
      { statuses: ['outstanding', 'partially_returned'] },
      undefined,
      true,
    );
    return {
      overdue_after_days: this.overdueAfterDays,
      total,
      items: rows.map((row) => ({
        ...toDispatchPublic(row),
        band: bandOf(row.days_out),
        is_overdue: row.days_out > this.overdueAfterDays,
      })),
    };
  }

  /** Every dispatch the filter matches, newest first: the query an export streams. */
  exportQuery(filter: DispatchFilter): SQL {
    return dispatchesQuery(this.timezone, filter);
  }
}

/** Whether every tray of a dispatch is back or written off. */
function closed(trays: DispatchTrayRow[]): boolean {
  return trays.every((tray) => tray.returned + tray.writtenOff === tray.dispatched);
}
