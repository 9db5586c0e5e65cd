import { LRUCache } from 'lru-cache';
import type { ValkeyClient } from '../../platform/valkey.js';

interface Entry {
  /** The database state (its snapshot) the figures were computed in. */
  mark: string;
  value: unknown;
}

/**
 * Dashboards for a short time, in Valkey when configured (shared by every instance), in memory
 * otherwise. An entry is used only while the database state (its snapshot) is still the one it was computed
 * in, so a commit on any instance makes the next read compute afresh.
 */
export class DashboardCache {
  private readonly memory = new LRUCache<string, Entry>({ max: 500 });

  constructor(
    private readonly ttlSeconds: number,
    private readonly valkey: ValkeyClient | undefined,
    private readonly prefix: string,
  ) {}

  async get(key: string, mark: string): Promise<unknown | undefined> {
    if (this.ttlSeconds === 0) return undefined;
    const entry = this.valkey ? await this.fromValkey(key) : this.memory.get(key);
    return entry && entry.mark === mark ? entry.value : undefined;
  }

  async set(key: string, mark: string, value: unknown): Promise<void> {
    if (this.ttlSeconds === 0) return;
    if (this.valkey) {
      await this.valkey.set(this.keyOf(key), JSON.stringify({ mark, value }), 'EX', this.ttlSeconds);
    } else {
      this.memory.set(key, { mark, value }, { ttl: this.ttlSeconds * 1000 });
    }
  }

  private async fromValkey(key: string): Promise<Entry | undefined> {
    const raw = await this.valkey?.get(this.keyOf(key));
    return raw ? (JSON.parse(raw) as Entry) : undefined;
  }

  private keyOf(key: string): string {
    return `${this.prefix}report:${key}`;
  }
}
