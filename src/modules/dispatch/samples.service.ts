import type { Db, DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { Errors } from '../../platform/errors.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import { DispatchErrors } from './dispatch.errors.js';
import { findDispatch } from './dispatch.repo.js';
import { SAMPLE_STATUSES } from './dispatch.tables.js';
import {
  findSample,
  insertSample,
  listSamples,
  lockDrillhole,
  overlapping,
  type SampleFilter,
  type SampleView,
  updateSample,
} from './samples.repo.js';
import type { SampleChanges, SampleCreate, SampleQuery } from './samples.schemas.js';

function toSamplePublic(row: SampleView) {
  return {
    ...row,
    from_depth: Number(row.from_depth),
    to_depth: Number(row.to_depth),
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

export function sampleFilterOf(q: SampleQuery): SampleFilter {
  return {
    dispatchId: q.dispatch_id,
    drillholeId: q.drillhole_id,
    sampleType: q.sample_type,
    status: q.status ?? q.status_filter,
  };
}

/** The action that leads to each status, as error messages name it. */
const ACTION_TO: Record<(typeof SAMPLE_STATUSES)[number], string> = {
  collected: 'collect',
  processing: 'process',
  completed: 'complete',
};

/**
 * Samples sent with a dispatch: unique ids, depth intervals from < to that do not overlap on one
 * drillhole (duplicates excepted), and a status that only moves forward, collected → processing →
 * completed.
 */
export class SamplesService {
  constructor(private readonly db: Db) {}

  private async view(db: DbOrTx, id: string) {
    const { rows } = await listSamples(db, { id }, { page: 1, pageSize: 1, offset: 0 });
    const [row] = rows;
    if (!row) throw DispatchErrors.sampleNotFound();
    return toSamplePublic(row);
  }

  /** Writes one sample inside `tx`, checking its interval against the drillhole's others. */
  private async insert(tx: DbOrTx, ctx: RequestCtx, input: SampleCreate): Promise<string> {
    if (input.from_depth >= input.to_depth)
      throw DispatchErrors.depthOrder({ from: input.from_depth, to: input.to_depth });
    const dispatch = await findDispatch(tx, input.dispatch_id);
    if (!dispatch) throw DispatchErrors.dispatchNotFound();
    if (input.drillhole_id && input.drillhole_id !== dispatch.drillholeId)
      throw DispatchErrors.sampleDrillholeMismatch();
    const from = String(input.from_depth);
    const to = String(input.to_depth);
    const type = input.sample_type ?? 'core';
    await lockDrillhole(tx, dispatch.drillholeId);
    if (type !== 'duplicate') {
      const clash = await overlapping(tx, dispatch.drillholeId, from, to);
      if (clash) throw DispatchErrors.intervalOverlap({ from, to, code: clash.sample_id });
    }
    const row = await insertSample(tx, {
      sampleCode: input.sample_id.trim(),
      dispatchId: dispatch.id,
      drillholeId: dispatch.drillholeId,
      fromDepth: from,
      toDepth: to,
      sampleType: type,
      status: input.status ?? 'collected',
      notes: input.notes ?? '',
    });
    await recordAudit(tx, ctx, {
      action: 'sample.create',
      entityType: 'sample',
      entityId: row.id,
      after: { sample_id: row.sampleCode, from_depth: from, to_depth: to, sample_type: type },
    });
    return row.id;
  }

  /** Runs `work`, answering a taken sample id with 409 SAMPLE_ID_TAKEN. */
  private async write<T>(code: () => string, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'samples_code_key')) throw DispatchErrors.sampleIdTaken({ code: code() });
      throw error;
    }
  }

  async create(ctx: RequestCtx, input: SampleCreate) {
    return this.write(
      () => input.sample_id,
      async (tx) => this.view(tx, await this.insert(tx, ctx, input)),
    );
  }

  /** Many samples inside the caller's transaction (an import): each held to the rules of `create`. */
  async insertMany(tx: DbOrTx, ctx: RequestCtx, inputs: SampleCreate[]): Promise<void> {
    for (const input of inputs) {
      try {
        await this.insert(tx, ctx, input);
      } catch (error) {
        if (isUniqueViolation(error, 'samples_code_key'))
          throw DispatchErrors.sampleIdTaken({ code: input.sample_id });
        throw error;
      }
    }
  }

  /** Notes, and the status one step forward (or unchanged); stale version → 412. */
  async update(ctx: RequestCtx, id: string, input: SampleChanges, version?: number) {
    return this.db.transaction(async (tx) => {
      const sample = await findSample(tx, id, true);
      if (!sample) throw DispatchErrors.sampleNotFound();
      if (version !== undefined && version !== sample.version) throw Errors.stale();
      if (input.status && input.status !== sample.status) {
        const next =
          SAMPLE_STATUSES[SAMPLE_STATUSES.indexOf(sample.status as (typeof SAMPLE_STATUSES)[number]) + 1];
        if (input.status !== next)
          throw DispatchErrors.illegalTransition({
            action: ACTION_TO[input.status],
            entity: 'sample',
            status: sample.status,
          });
      }
      await updateSample(tx, id, { status: input.status, notes: input.notes });
      await recordAudit(tx, ctx, {
        action: 'sample.update',
        entityType: 'sample',
        entityId: id,
        before: { status: sample.status },
        after: input,
      });
      return this.view(tx, id);
    });
  }

  async get(id: string) {
    return this.view(this.db, id);
  }

  async list(filter: SampleFilter, page: PageRequest) {
    const { rows, total } = await listSamples(this.db, filter, page);
    return toPage(rows.map(toSamplePublic), total, page);
  }

  /** The samples of one dispatch (404 for an unknown dispatch). */
  async ofDispatch(dispatchId: string, page: PageRequest) {
    if (!(await findDispatch(this.db, dispatchId))) throw DispatchErrors.dispatchNotFound();
    return this.list({ dispatchId }, page);
  }
}
