import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../helpers/api.js';
import { type Fixture, setupApp } from '../helpers/setup.js';
import { waitFor } from '../helpers/wait.js';

const ROWS = 100_000;
let t: Fixture;
let base: string;

beforeAll(async () => {
  t = await setupApp();
  // Enough rows that the file cannot be sent whole before the client goes.
  await t.database.executeSql(
    `insert into audit_log (id, actor_username, action, entity_type, entity_id, ip, request_id)
     select gen_random_uuid(), 'bulk', 'bulk.row', 'bulk', i::text, '127.0.0.1', 'bulk'
     from generate_series(1, ${ROWS}) i`,
  );
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => t.close());

describe('a download the client leaves half-way', () => {
  it('stops reading, gives its connection back, and is audited as incomplete', async () => {
    const idleBefore = t.database.poolStats().total - t.database.poolStats().idle;
    // A client that reads the first bytes and hangs up.
    const firstBytes = await new Promise<number>((resolve, reject) => {
      const request = get(
        `${base}/api/v1/audit-log?entity_type=bulk&format=csv`,
        { headers: { authorization: `Bearer ${t.admin.token}` }, agent: false },
        (res) => {
          if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
          res.once('data', (chunk: Buffer) => {
            request.destroy();
            resolve(chunk.byteLength);
          });
        },
      );
      request.on('error', () => {});
    });
    expect(firstBytes).toBeGreaterThan(0);

    const entry = async () =>
      bodyOf(await t.admin.get('/api/v1/audit-log?action=audit-log.export')).items[0] as
        | { after: { complete: boolean; rows: number } }
        | undefined;
    await waitFor(async () => (await entry()) !== undefined, 'the audit row of the download');
    const after = (await entry())?.after;
    expect(after?.complete).toBe(false);
    expect(after?.rows).toBeLessThan(ROWS);
    await waitFor(
      () => t.database.poolStats().total - t.database.poolStats().idle <= idleBefore,
      'the cursor connection back in the pool',
    );
    // The next export still works, whole.
    const full = await t.admin.get('/api/v1/audit-log?entity_type=bulk&format=csv&action=bulk.row');
    expect(full.statusCode).toBe(200);
    expect(full.body.split('\r\n').filter(Boolean)).toHaveLength(ROWS + 1);
  });
});
