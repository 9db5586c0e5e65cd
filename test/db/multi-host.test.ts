import { describe, expect, it } from 'vitest';
import { hostUrls } from '../../src/db/multi-host.js';

describe('hostUrls', () => {
  it('splits a multi-host URL into one URL per host, dropping target_session_attrs', () => {
    expect(
      hostUrls(
        'postgres://app:s3cret@10.0.0.1:5432,10.0.0.2:5433/raktar?target_session_attrs=read-write&sslmode=disable',
      ),
    ).toEqual([
      'postgres://app:s3cret@10.0.0.1:5432/raktar?sslmode=disable',
      'postgres://app:s3cret@10.0.0.2:5433/raktar?sslmode=disable',
    ]);
  });

  it('keeps a URL without a user or a query', () => {
    expect(hostUrls('postgresql://a:1,b:2/db')).toEqual(['postgresql://a:1/db', 'postgresql://b:2/db']);
  });

  it('leaves a single-host URL as it is', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/raktar?target_session_attrs=read-write';
    expect(hostUrls(url)).toEqual([url]);
  });
});
