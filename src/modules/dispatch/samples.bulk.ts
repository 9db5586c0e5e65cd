import type { Db, DbOrTx } from '../../db/client.js';
import type { AppError } from '../../platform/errors.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { DispatchErrors } from './dispatch.errors.js';
import { dispatchesByRef } from './dispatch.repo.js';
import { overlapping, takenSampleIds } from './samples.repo.js';
import type { SampleCreate } from './samples.schemas.js';
import type { SamplesService } from './samples.service.js';

/** A sample as a file gives it: its dispatch by number (`DSP-000001`) or id. */
export type SampleFileRow = Omit<SampleCreate, 'dispatch_id' | 'drillhole_id'> & { dispatch: string };

/** What is wrong with one row, and in which of its fields. */
export interface SampleRowProblem {
  index: number;
  field: 'sample_id' | 'dispatch' | 'from_depth' | 'to_depth';
  error: AppError;
}

/**
 * Samples many at a time (imports): every row is checked against the database and the rows
 * before it (ids, dispatches, intervals) before any is written; then all are written in one
 * transaction through the same rules as `POST /samples`.
 */
export class SamplesBulk {
  constructor(
    private readonly db: Db,
    private readonly samples: SamplesService,
  ) {}

  async check(rows: SampleFileRow[]): Promise<{ inputs: SampleCreate[]; problems: SampleRowProblem[] }> {
    const problems: SampleRowProblem[] = [];
    const dispatches = await dispatchesByRef(
      this.db,
      rows.map((row) => row.dispatch.trim().toLowerCase()),
    );
    const taken = await takenSampleIds(
      this.db,
      rows.map((row) => row.sample_id.trim().toLowerCase()),
    );
    const inFile: { hole: string; from: number; to: number; code: string }[] = [];
    const inputs: SampleCreate[] = [];
    for (const [index, row] of rows.entries()) {
      const dispatch = dispatches.get(row.dispatch.trim().toLowerCase());
      const problem = (field: SampleRowProblem['field'], error: AppError) =>
        problems.push({ index, field, error });
      if (taken.has(row.sample_id.trim().toLowerCase()))
        problem('sample_id', DispatchErrors.sampleIdTaken({ code: row.sample_id }));
      if (!dispatch) problem('dispatch', DispatchErrors.dispatchNotFound());
      if (row.from_depth >= row.to_depth)
        problem('to_depth', DispatchErrors.depthOrder({ from: row.from_depth, to: row.to_depth }));
      else if (dispatch && row.sample_type !== 'duplicate') {
        const clash =
          inFile.find(
            (s) => s.hole === dispatch.drillhole_id && s.from < row.to_depth && s.to > row.from_depth,
          )?.code ??
          (await overlapping(this.db, dispatch.drillhole_id, String(row.from_depth), String(row.to_depth)))
            ?.sample_id;
        if (clash)
          problem(
            'from_depth',
            DispatchErrors.intervalOverlap({ from: row.from_depth, to: row.to_depth, code: clash }),
          );
        else
          inFile.push({
            hole: dispatch.drillhole_id,
            from: row.from_depth,
            to: row.to_depth,
            code: row.sample_id,
          });
      }
      const { dispatch: _ref, ...fields } = row;
      inputs.push({ ...fields, dispatch_id: dispatch?.id ?? '' });
    }
    return { inputs, problems };
  }

  /** Writes checked samples inside the import's transaction. */
  insert(tx: DbOrTx, ctx: RequestCtx, inputs: SampleCreate[]): Promise<void> {
    return this.samples.insertMany(tx, ctx, inputs);
  }
}
