import type { Db, DbOrTx } from '../../db/client.js';
import {
  answerInTransaction,
  claimInTransaction,
  type IdempotencyClaim,
  type StoredResponse,
  storedResponse,
} from '../../platform/idempotency.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import type { PostLine } from './post-lines.js';
import type { MovementInput, PostedMovement, StockService } from './stock.service.js';

/** What a request gets back: its response, stored with its Idempotency-Key if it had one. */
export interface BatchOutcome {
  response: StoredResponse;
  /** The response of an earlier request with the same key. */
  replayed: boolean;
}

interface Pending {
  ctx: RequestCtx;
  line: PostLine;
  claim: IdempotencyClaim | null;
  render: (posted: PostedMovement) => StoredResponse;
  resolve: (outcome: BatchOutcome) => void;
  reject: (error: unknown) => void;
}

type Settled = { item: Pending; outcome?: BatchOutcome; error?: unknown; duplicate?: boolean };

/**
 * Group commit for `POST /stock-movements`. Requests that arrive while earlier batches are being
 * posted wait in a queue; when one of the `maxConcurrent` slots frees up, everything queued (up
 * to `maxBatch`) becomes the next batch: one transaction, one `stock_post` call, one commit. No
 * timer: under light load a batch is a single request, under heavy load batches grow by
 * themselves. Each request is its own group there, so a refused one changes nothing and never
 * affects its neighbours. Its Idempotency-Key is claimed and answered in the same transaction,
 * so a crash leaves either the posting with its stored response, or neither.
 */
export class PostingBatcher {
  private queue: Pending[] = [];
  private running = 0;

  constructor(
    private readonly db: Db,
    private readonly stock: StockService,
    private readonly options: { maxBatch: number; maxConcurrent: number },
  ) {}

  submit(
    ctx: RequestCtx,
    input: MovementInput,
    claim: IdempotencyClaim | null,
    render: (posted: PostedMovement) => StoredResponse,
  ): Promise<BatchOutcome> {
    // Bad input is refused here, before it can take a place in a batch.
    const line = this.stock.lineOf(ctx, input);
    return new Promise((resolve, reject) => {
      this.queue.push({ ctx, line, claim, render, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && this.running < this.options.maxConcurrent) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.running += 1;
      void this.run(batch).then((answer) => {
        this.running -= 1;
        this.pump();
        // The next batch is on its way to the database before this one's requests are answered
        // (their responses rendered and written): the answers wait for the next turn of the
        // event loop, so the database posts while this process writes, instead of the two
        // taking turns.
        setImmediate(answer);
      });
    }
  }

  /** Posts `batch`; what it resolves to answers the batch's requests. */
  private async run(batch: Pending[]): Promise<() => void> {
    let settled: Settled[];
    try {
      // `stock_post` is one statement, atomic on its own: without keys to claim or a forced issue
      // to audit, the batch needs no transaction around it (one round trip instead of three).
      const alone = batch.every((item) => !item.claim && !(item.line.kind === 'take' && item.line.forced));
      settled = alone
        ? await this.post(this.db, batch)
        : await this.db.transaction((tx) => this.post(tx, batch));
    } catch (error) {
      // The database failed the batch as a whole (nothing committed): retry each request alone,
      // so one request that breaks a statement never fails its neighbours.
      if (batch.length === 1) return () => batch[0]?.reject(error);
      const answers: (() => void)[] = [];
      for (const item of batch) answers.push(await this.run([item]));
      return () => {
        for (const answer of answers) answer();
      };
    }
    return () => this.answer(settled);
  }

  private answer(settled: Settled[]): void {
    const freed = new Set(settled.filter((s) => s.error && s.item.claim).map((s) => claimId(s.item.claim)));
    for (const { item, outcome, error, duplicate } of settled) {
      if (outcome) item.resolve(outcome);
      else if (!duplicate) item.reject(error);
      else if (freed.has(claimId(item.claim))) {
        // Its twin in this batch was refused and freed the key: this one runs on its own.
        this.queue.push(item);
      } else {
        storedResponse(this.db, item.claim as IdempotencyClaim).then(
          (response) => item.resolve({ response, replayed: true }),
          item.reject,
        );
      }
    }
    this.pump();
  }

  private async post(tx: DbOrTx, batch: Pending[]): Promise<Settled[]> {
    const claimed = batch.filter((item) => item.claim);
    const won = await claimInTransaction(
      tx,
      claimed.map((item) => item.claim as IdempotencyClaim),
    );
    const duplicates = new Set(claimed.filter((_, i) => !won[i]));
    const live = batch.filter((item) => !duplicates.has(item));
    const results = await this.stock.postGroups(
      tx,
      live.map((item) => ({ ctx: item.ctx, lines: [item.line] })),
    );
    const settled: Settled[] = live.map((item, i) => {
      const [result] = results[i] ?? [];
      if (!result?.posted) return { item, error: result?.error };
      return { item, outcome: { response: item.render(result.posted), replayed: false } };
    });
    await answerInTransaction(
      tx,
      settled.flatMap((s) =>
        s.outcome && s.item.claim ? [{ claim: s.item.claim, response: s.outcome.response }] : [],
      ),
      settled.flatMap((s) => (s.error && s.item.claim ? [s.item.claim] : [])),
    );
    return [...settled, ...[...duplicates].map((item) => ({ item, duplicate: true }))];
  }
}

function claimId(claim: IdempotencyClaim | null): string {
  return claim ? `${claim.scope}\u0000${claim.key}` : '';
}
