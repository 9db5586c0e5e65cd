import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const base = {
  DATABASE_URL: 'postgres://app@primary:5432/raktar',
  JWT_SECRET: 'replica-config-secret-replica-config-0123',
};

describe('DATABASE_REPLICA_URLS', () => {
  it('reads a comma-separated list of replicas', () => {
    const config = loadConfig({
      ...base,
      DATABASE_REPLICA_URLS: ' postgres://app@r1:5432/raktar, postgresql://app@r2:5433/raktar ',
    });
    expect(config.databaseReplicaUrls).toEqual([
      'postgres://app@r1:5432/raktar',
      'postgresql://app@r2:5433/raktar',
    ]);
  });

  it('is empty when unset: every read on the primary', () => {
    expect(loadConfig(base).databaseReplicaUrls).toEqual([]);
  });

  it('refuses an entry that is not a postgres URL, naming the setting', () => {
    expect(() =>
      loadConfig({ ...base, DATABASE_REPLICA_URLS: 'postgres://app@r1/raktar,mysql://r2/raktar' }),
    ).toThrow(ConfigError);
    expect(() =>
      loadConfig({ ...base, DATABASE_REPLICA_URLS: 'postgres://app@r1/raktar,mysql://r2/raktar' }),
    ).toThrow(/DATABASE_REPLICA_URLS/);
  });
});
