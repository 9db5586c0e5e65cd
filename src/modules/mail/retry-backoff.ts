/** The wait before the second attempt; each later one doubles it, up to `MAX_DELAY_MS`. */
const FIRST_DELAY_MS = 60_000;
const MAX_DELAY_MS = 6 * 3_600_000;

/** The delay after failed attempt number `attempts` (1, 2, …): 1 min, 2 min, 4 min, … at most 6 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

/** When to try again after failed attempt `attempts` at `now`, or null once `maxAttempts` are spent. */
export function retryAt(now: Date, attempts: number, maxAttempts: number): Date | null {
  if (attempts >= maxAttempts) return null;
  return new Date(now.getTime() + retryDelayMs(attempts));
}
