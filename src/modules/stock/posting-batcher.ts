import type { Db } from '../../db/client.js';
import { AppError } from '../../platform/errors.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import type { MovementInput, PostedMovement, PostOptions, StockService } from './stock.service.js';

interface Pending {
  ctx: RequestCtx;
  input: MovementInput;
  options: PostOptions;
  resolve: (posted: PostedMovement) => void;
  reject: (error: unknown) => void;
}

/**
 * Posting for the single-movement endpoint. A plain FEFO issue is one statement and commits on
 * its own (PostgreSQL groups the WAL flushes of concurrent commits itself). Every other movement
 * needs several statements; for those this is group commit: requests that arrive while a transaction is
 * committing are posted together in the next one, so many postings share one commit (the costly
 * part under load) instead of paying one each. Each request still gets its own result.
 *
 * Safe because `StockService.post` refuses (throws an AppError) only before it writes anything,
 * so a refused posting leaves the shared transaction clean; items run in (product, warehouse)
 * order so concurrent batches lock balances in one global order. Should a statement fail inside
 * the database (which aborts the whole transaction), every item of that batch is retried on its
 * own, so one bad request never fails its neighbours.
 */
export class PostingBatcher {
  private queue: Pending[] = [];
  private running = 0;

  constructor(
    private readonly db: Db,
    private readonly stock: StockService,
    private readonly options: { maxBatch: number; maxConcurrent: number },
  ) {}

  async submit(ctx: RequestCtx, input: MovementInput): Promise<PostedMovement> {
    // A plain issue is one statement: it commits alone, which beats any batch on latency.
    const alone = await this.stock.postAlone(ctx, input);
    if (alone.posted) return alone.posted;
    const options = { tookNothingAlone: alone.tried };
    return new Promise((resolve, reject) => {
      this.queue.push({ ctx, input, options, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && this.running < this.options.maxConcurrent) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.running += 1;
      void this.run(batch).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    const ordered = [...batch].sort((a, b) => {
      const ka = `${a.input.productId}|${a.input.warehouseId}`;
      const kb = `${b.input.productId}|${b.input.warehouseId}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    const outcomes = new Map<Pending, { posted?: PostedMovement; error?: unknown }>();
    try {
      await this.db.transaction(async (tx) => {
        for (const item of ordered) {
          try {
            outcomes.set(item, {
              posted: await this.stock.post(tx, item.ctx, item.input, undefined, item.options),
            });
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            outcomes.set(item, { error });
          }
        }
      });
    } catch {
      // The shared transaction failed as a whole: give every item its own transaction.
      for (const item of ordered) {
        try {
          item.resolve(await this.stock.createMovement(item.ctx, item.input, item.options));
        } catch (error) {
          item.reject(error);
        }
      }
      return;
    }
    for (const item of ordered) {
      const outcome = outcomes.get(item);
      if (outcome?.posted) item.resolve(outcome.posted);
      else item.reject(outcome?.error);
    }
  }
}
