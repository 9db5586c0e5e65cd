// A monthly report the SMTP server refused stays in the outbox with its workbook, and the retry
// job delivers it, attachment and all, once the server is back.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, loginAdmin } from '../../helpers/factories.js';
import { startSmtpServer } from '../../helpers/smtp.js';
import { createProduct, createWarehouse, receive } from '../../helpers/stock.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { attachmentsOf, mailsTo, runAt, subscribe } from './helpers.js';

let t: TestApp;
let port: number;
let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;

beforeAll(async () => {
  // A port that was free a moment ago, with nothing listening on it yet: the server is down.
  const probe = await startSmtpServer();
  port = Number(new URL(probe.url).port);
  await probe.close();
  t = await buildTestApp({ smtpUrl: probe.url });
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

describe('monthly report delivery retried', () => {
  it('keeps the refused report with its attachment and delivers it once the server is up', async () => {
    const admin = (await loginAdmin(t.app)).access_token;
    const wh = await createWarehouse(t.app, admin);
    const product = await createProduct(t.app, admin);
    await receive(t.app, admin, product.id, wh.id, 3);
    const user = await createUser(t.app, admin, { role: 'manager', modules: ['inventory'] });
    await subscribe(t, user.token, { kinds: ['monthly_report'], locale: 'en' });

    await runAt(t, '2027-02-01T06:00:00Z', 'monthly-report');
    expect(await outboxFor(user.email)).toEqual([
      { status: 'retrying', attempts: 1, next_attempt_at: new Date('2027-02-01T06:01:00Z') },
    ]);
    // Claimed for the month all the same: a re-run queues no second copy.
    await runAt(t, '2027-02-01T06:00:30Z', 'monthly-report');
    expect(await outboxFor(user.email)).toHaveLength(1);

    smtp = await startSmtpServer(port);
    await runAt(t, '2027-02-01T06:01:00Z', 'mail-retry');
    const delivered = mailsTo(smtp.inbox, user.email);
    expect(delivered).toHaveLength(1);
    const files = attachmentsOf(delivered[0] as never);
    expect(files.map((file) => file.filename)).toEqual(['stock-report-2027-01.xlsx']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files[0]?.content as never);
    const row = workbook.getWorksheet('Stock on hand')?.getRow(2).values as unknown[];
    expect(row.slice(1)).toEqual([product.sku, `Product ${product.sku}`, wh.code, 3, 'pcs', 0]);
    expect(await outboxFor(user.email)).toEqual([{ status: 'sent', attempts: 2, next_attempt_at: null }]);
  });
});
