import type { Formation } from './auto-failover.js';
import { waitFor } from './wait.js';

interface Attempt {
  start: number;
  end: number;
  /** The HTTP status; 0 when no answer came (a reset connection, a timeout). */
  status: number;
  id?: string;
}

export interface FailoverRun {
  /** Ids of the movements the API answered 201 for. */
  acked: string[];
  /** Requests that got no 201 (an error status, a reset connection, a timeout). */
  failed: number;
  /** How many failed requests got each status (0: no answer). */
  failedStatuses: Record<number, number>;
  /**
   * Seconds from the first failed request to the first 201 of a request sent after it: how long
   * writes were refused. 0 when none failed.
   */
  downtimeSeconds: number;
  /** Seconds from the kill to the first 201 of a request sent after it: how long writes stalled. */
  stallSeconds: number;
}

/**
 * Posts receipts of one unit through the API from `workers` loops; once `before` are acknowledged
 * it kills the formation's primary (its host, or its postgres alone), and it goes on until `after`
 * requests sent after the kill were acknowledged.
 */
export async function writeThroughFailover(
  base: string,
  token: string,
  stock: { product_id: string; warehouse_id: string },
  formation: Formation,
  { workers = 4, before = 20, after = 20, timeoutMs = 90_000, kill = 'host' as 'host' | 'postgres' } = {},
): Promise<FailoverRun> {
  const attempts: Attempt[] = [];
  let stopped = false;
  const post = async (): Promise<void> => {
    const start = Date.now();
    try {
      const res = await fetch(`${base}/api/v1/stock-movements`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...stock, movement_type: 'receipt', quantity: 1 }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await res.json().catch(() => ({}))) as { id?: string };
      const id = res.status === 201 ? body.id : undefined;
      attempts.push({ start, end: Date.now(), status: res.status, ...(id ? { id } : {}) });
    } catch {
      attempts.push({ start, end: Date.now(), status: 0 });
    }
  };
  const loops = Array.from({ length: workers }, async () => {
    while (!stopped) await post();
  });
  let killedAt = Number.POSITIVE_INFINITY;
  const ackedSince = (at: number) => attempts.filter((a) => a.id && a.start > at).length;
  try {
    await waitFor(() => ackedSince(0) >= before, `${before} acknowledged movements`, timeoutMs);
    formation.kill(await formation.primary(), kill);
    killedAt = Date.now();
    await waitFor(
      () => ackedSince(killedAt) >= after,
      `${after} movements acknowledged after the kill`,
      timeoutMs,
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}; monitor: ${await formation.state()}`);
    });
  } finally {
    stopped = true;
    await Promise.all(loops);
  }
  const failures = attempts.filter((a) => !a.id).sort((a, b) => a.end - b.end);
  const firstSuccessAfter = (at: number) =>
    Math.min(...attempts.filter((a) => a.id && a.start >= at).map((a) => a.end));
  const firstFailure = failures[0]?.end;
  return {
    acked: attempts.flatMap((a) => (a.id ? [a.id] : [])),
    failed: failures.length,
    failedStatuses: failures.reduce<Record<number, number>>(
      (counts, a) => Object.assign(counts, { [a.status]: (counts[a.status] ?? 0) + 1 }),
      {},
    ),
    downtimeSeconds: firstFailure === undefined ? 0 : (firstSuccessAfter(firstFailure) - firstFailure) / 1000,
    stallSeconds: (firstSuccessAfter(killedAt) - killedAt) / 1000,
  };
}
