import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { ValkeyClient } from '../../platform/valkey.js';
import { IdentityErrors } from './identity.errors.js';

/**
 * Failed logins per (IP, username): after `maxFailures` in the window, further attempts are
 * refused with 429 until it passes. Counters live in Valkey when configured (shared by every
 * instance), in memory otherwise; a Valkey outage falls back to memory rather than locking out.
 */
export class LoginThrottle {
  private readonly limiter: RateLimiterMemory | RateLimiterRedis;

  constructor(options: {
    maxFailures: number;
    windowSeconds: number;
    valkey?: ValkeyClient;
    prefix: string;
  }) {
    const base = {
      points: options.maxFailures,
      duration: options.windowSeconds,
      keyPrefix: 'raktar:login-fail',
    };
    const memory = new RateLimiterMemory(base);
    this.limiter = options.valkey
      ? new RateLimiterRedis({ ...base, storeClient: options.valkey, insuranceLimiter: memory })
      : memory;
  }

  private key(ip: string, username: string): string {
    return `${ip}|${username.trim().toLowerCase()}`;
  }

  /** Throws 429 (with the seconds to wait) when this IP and username are locked out. */
  async assertAllowed(ip: string, username: string): Promise<void> {
    const state = await this.limiter.get(this.key(ip, username));
    if (state && state.consumedPoints >= this.limiter.points) {
      throw IdentityErrors.tooManyLogins({ seconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) });
    }
  }

  async recordFailure(ip: string, username: string): Promise<void> {
    try {
      await this.limiter.consume(this.key(ip, username));
    } catch (error) {
      // Going over the limit rejects with the limiter state; the next attempt is refused.
      if (!(error instanceof RateLimiterRes)) throw error;
    }
  }

  async reset(ip: string, username: string): Promise<void> {
    await this.limiter.delete(this.key(ip, username));
  }
}
