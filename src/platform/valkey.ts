import { Valkey } from 'iovalkey';

export type ValkeyClient = Valkey;

/** A Valkey/Redis client when VALKEY_URL is set (shared counters across instances); otherwise none. */
export async function openValkey(url: string | undefined): Promise<ValkeyClient | undefined> {
  if (!url) return undefined;
  const client = new Valkey(url.replace(/^valkey(s?):/, 'redis$1:'), {
    maxRetriesPerRequest: 2,
    lazyConnect: true,
  });
  await client.connect();
  return client;
}
