import { describe, expect, it } from 'vitest';
import { PrincipalCache } from '../../../src/modules/identity/principal-cache.js';

describe('principal cache', () => {
  it('reuses a row until its time is up, then loads it again', async () => {
    let now = 1_000;
    const cache = new PrincipalCache<string>(5_000, () => now);
    let loads = 0;
    const load = async () => `row ${++loads}`;
    expect(await cache.resolve('u1', load)).toBe('row 1');
    now += 4_999;
    expect(await cache.resolve('u1', load)).toBe('row 1');
    now += 2;
    expect(await cache.resolve('u1', load)).toBe('row 2');
  });

  it('forgets one user or everyone at once', async () => {
    const cache = new PrincipalCache<string>(60_000);
    let version = 0;
    const load = async () => `v${version}`;
    await cache.resolve('u1', load);
    await cache.resolve('u2', load);
    version = 1;
    cache.forget('u1');
    expect(await cache.resolve('u1', load)).toBe('v1');
    expect(await cache.resolve('u2', load)).toBe('v0');
    cache.forgetAll();
    expect(await cache.resolve('u2', load)).toBe('v1');
  });

  it('does not keep a row loaded while a change was being forgotten', async () => {
    const cache = new PrincipalCache<string>(60_000);
    let release: (row: string) => void = () => {};
    const slow = cache.resolve('u1', () => new Promise<string>((resolve) => (release = resolve)));
    cache.forget('u1');
    release('old');
    expect(await slow).toBe('old');
    expect(await cache.resolve('u1', async () => 'new')).toBe('new');
  });

  it('with no time to live, always loads; unknown users are never remembered', async () => {
    const off = new PrincipalCache<string>(0);
    let loads = 0;
    await off.resolve('u1', async () => `row ${++loads}`);
    expect(await off.resolve('u1', async () => `row ${++loads}`)).toBe('row 2');
    const cache = new PrincipalCache<string>(60_000);
    expect(await cache.resolve('ghost', async () => undefined)).toBeUndefined();
    expect(await cache.resolve('ghost', async () => 'created')).toBe('created');
  });
});
