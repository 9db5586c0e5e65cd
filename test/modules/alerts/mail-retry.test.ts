// An alert mail that cannot be delivered stays in the outbox and is retried with back-off until
// the SMTP server is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../src/modules/mail/index.js';
import { createUser, loginAdmin } from '../../helpers/factories.js';
import { startSmtpServer } from '../../helpers/smtp.js';
import { createWarehouse } from '../../helpers/stock.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { lotInStock, mailsTo, runAt, subscribe, textOf } from './helpers.js';

let t: TestApp;
let port: number;
let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;

beforeAll(async () => {
  // A port that was free a moment ago, with nothing listening on it yet: the server is down.
  const probe = await startSmtpServer();
  port = Number(new URL(probe.url).port);
  await probe.close();
  t = await buildTestApp({ smtpUrl: probe.url, mailMaxAttempts: 3 });
});
afterAll(async () => {
  await t.close();
  await smtp?.close();
});

async function outboxFor(address: string) {
  const { rows } = await t.database.executeSql(
    'select status, attempts, next_attempt_at from outbox where to_address = $1',
    [address],
  );
  return rows as { status: string; attempts: number; next_attempt_at: Date | null }[];
}

describe('mail delivery retried with back-off', () => {
  it('doubles the wait after each failed attempt, up to six hours', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(30)).toBe(6 * 3_600_000);
  });

  it('keeps a mail the server refused, waits for its back-off, and delivers it once the server is up', async () => {
    const admin = (await loginAdmin(t.app)).access_token;
    const wh = await createWarehouse(t.app, admin);
    await lotInStock(t, admin, wh.id, [{ lot: 'R-1', expiry: '2026-11-20', quantity: 5 }]);
    const user = await createUser(t.app, admin, { role: 'warehouse', modules: ['inventory'] });
    await subscribe(t, user.token, { kinds: ['lot_expiring'], warehouse_id: wh.id });

    await runAt(t, '2026-11-02T05:00:00Z', 'alerts-expiry');
    expect(await outboxFor(user.email)).toEqual([
      { status: 'retrying', attempts: 1, next_attempt_at: new Date('2026-11-02T05:01:00Z') },
    ]);

    smtp = await startSmtpServer(port);
    // Not due yet: the retry job leaves it.
    await runAt(t, '2026-11-02T05:00:30Z', 'mail-retry');
    expect(mailsTo(smtp.inbox, user.email)).toHaveLength(0);
    expect((await outboxFor(user.email))[0]?.attempts).toBe(1);

    await runAt(t, '2026-11-02T05:01:00Z', 'mail-retry');
    const delivered = mailsTo(smtp.inbox, user.email);
    expect(delivered).toHaveLength(1);
    expect(textOf(delivered[0] as never)).toContain('lot R-1');
    expect(await outboxFor(user.email)).toEqual([{ status: 'sent', attempts: 2, next_attempt_at: null }]);

    // Sent is sent: the job finds nothing more.
    await runAt(t, '2026-11-02T06:00:00Z', 'mail-retry');
    expect(mailsTo(smtp.inbox, user.email)).toHaveLength(1);
  });

  it('gives up as failed after the last attempt, and the alerts stay listed', async () => {
    await smtp?.close();
    smtp = undefined;
    const admin = (await loginAdmin(t.app)).access_token;
    const wh = await createWarehouse(t.app, admin);
    await lotInStock(t, admin, wh.id, [{ lot: 'R-2', expiry: '2026-11-25', quantity: 1 }]);
    const user = await createUser(t.app, admin, { role: 'warehouse', modules: ['inventory'] });
    await subscribe(t, user.token, { kinds: ['lot_expiring'], warehouse_id: wh.id });

    await runAt(t, '2026-11-03T05:00:00Z', 'alerts-expiry');
    await runAt(t, '2026-11-03T05:01:00Z', 'mail-retry'); // attempt 2, next in 2 min
    expect(await outboxFor(user.email)).toEqual([
      { status: 'retrying', attempts: 2, next_attempt_at: new Date('2026-11-03T05:03:00Z') },
    ]);
    await runAt(t, '2026-11-03T05:03:00Z', 'mail-retry'); // attempt 3 of 3
    expect(await outboxFor(user.email)).toEqual([{ status: 'failed', attempts: 3, next_attempt_at: null }]);
  });
});
