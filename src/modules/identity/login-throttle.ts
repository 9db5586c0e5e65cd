import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { ValkeyClient } from '../../platform/valkey.js';
import { IdentityErrors } from './identity.errors.js';

/**
 * Failed logins, counted twice: per IP and account (the same counter whether the caller typed the
 * username or the e-mail address), and per IP across all accounts, against one address spraying
 * many names. Past either limit in the window, attempts are refused with 429 until it passes, the
 * right password included. Counters live in Valkey when configured (shared by every instance,
 * under VALKEY_PREFIX), in memory otherwise; a Valkey outage falls back to memory rather than
 * locking everyone out.
 */
export class LoginThrottle {
  private readonly perAccount: RateLimiterMemory | RateLimiterRedis;
  private readonly perIp: RateLimiterMemory | RateLimiterRedis;

  constructor(options: {
    maxFailures: number;
    maxFailuresPerIp: number;
    windowSeconds: number;
    valkey?: ValkeyClient;
    prefix: string;
  }) {
    const limiter = (name: string, points: number) => {
      const base = { points, duration: options.windowSeconds, keyPrefix: `${options.prefix}${name}` };
      const memory = new RateLimiterMemory(base);
      return options.valkey
        ? new RateLimiterRedis({ ...base, storeClient: options.valkey, insuranceLimiter: memory })
        : memory;
    };
    this.perAccount = limiter('login-fail', options.maxFailures);
    this.perIp = limiter('login-fail-ip', options.maxFailuresPerIp);
  }

  /** `account`: the user's id when the name matched one, else the name as typed. */
  private key(ip: string, account: string): string {
    return `${ip}|${account.trim().toLowerCase()}`;
  }

  /** Throws 429 (with the seconds to wait) when this IP, or this IP and account, are locked out. */
  async assertAllowed(ip: string, account: string): Promise<void> {
    const checks: [RateLimiterMemory | RateLimiterRedis, string][] = [
      [this.perAccount, this.key(ip, account)],
      [this.perIp, ip],
    ];
    for (const [limiter, key] of checks) {
      const state = await limiter.get(key);
      if (state && state.consumedPoints >= limiter.points) {
        throw IdentityErrors.tooManyLogins({ seconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) });
      }
    }
  }

  async recordFailure(ip: string, account: string): Promise<void> {
    for (const [limiter, key] of [
      [this.perAccount, this.key(ip, account)],
      [this.perIp, ip],
    ] as const) {
      try {
        await limiter.consume(key);
      } catch (error) {
        // Going over the limit rejects with the limiter state; the next attempt is refused.
        if (!(error instanceof RateLimiterRes)) throw error;
      }
    }
  }

  /** A successful login clears its account's failures; the IP's count stays (one known account must not reset a spray). */
  async reset(ip: string, account: string): Promise<void> {
    await this.perAccount.delete(this.key(ip, account));
  }
}
