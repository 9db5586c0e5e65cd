// The monthly stock report: on the 1st, stock on hand at the end of the previous month and the
// valuation, as one XLSX workbook mailed once a month to each subscriber, headers in their language.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, bodyOf } from '../../helpers/api.js';
import { bearer, createUser } from '../../helpers/factories.js';
import { type ReceivedMail, waitForMail } from '../../helpers/smtp.js';
import { createProduct, createWarehouse, move } from '../../helpers/stock.js';
import type { TestApp } from '../../helpers/test-app.js';
import {
  attachmentsOf,
  closeMailedApp,
  mailedApp,
  mailsTo,
  runAt,
  type SmtpServer,
  subscribe,
  textOf,
} from './helpers.js';

let t: TestApp;
let smtp: SmtpServer;
let admin: string;

beforeAll(async () => {
  ({ t, smtp, admin } = await mailedApp());
});
afterAll(() => closeMailedApp(t, smtp));

async function post(warehouseId: string, productId: string, type: string, quantity: number, cost?: number) {
  const res = await move(t.app, admin, {
    product_id: productId,
    warehouse_id: warehouseId,
    movement_type: type,
    quantity,
    ...(cost === undefined ? {} : { unit_cost: cost }),
  });
  if (res.statusCode !== 201) throw new Error(`${type}: ${res.body}`);
}

/** The sheets of the mail's one .xlsx attachment: name → rows of cell values. */
async function workbookOf(mail: ReceivedMail) {
  const files = attachmentsOf(mail);
  expect(files.map((file) => file.filename)).toEqual([
    expect.stringMatching(/^stock-report-\d{4}-\d{2}\.xlsx$/),
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((files[0] as { content: Buffer }).content as never);
  const sheets = new Map<string, unknown[][]>();
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    sheets.set(sheet.name, rows);
  });
  return { filename: files[0]?.filename, sheets };
}

describe('monthly stock report', () => {
  it('mails each subscriber one workbook of stock at the month’s end and valuation, once a month', async () => {
    const [a, b] = [await createWarehouse(t.app, admin), await createWarehouse(t.app, admin)];
    const p = await createProduct(t.app, admin);
    const q = await createProduct(t.app, admin);
    await post(a.id, p.id, 'receipt', 10, 2);
    await post(a.id, p.id, 'receipt', 10, 4);
    await post(a.id, p.id, 'issue', 15);
    await post(b.id, q.id, 'receipt', 4, 10);
    const hu = await createUser(t.app, admin, { role: 'manager', modules: ['inventory'] });
    await subscribe(t, hu.token, { kinds: ['monthly_report'], locale: 'hu' });
    const onlyA = await createUser(t.app, admin, { role: 'warehouse', modules: ['inventory'] });
    await subscribe(t, onlyA.token, { kinds: ['monthly_report'], warehouse_id: a.id, locale: 'en' });
    const alertsOnly = await createUser(t.app, admin, { role: 'warehouse', modules: ['inventory'] });
    await subscribe(t, alertsOnly.token, { kinds: ['low_stock'], locale: 'en' });

    // 1 December: November's report, cut at 2026-11-30T23:00Z (midnight in Budapest). The stock
    // was all posted after it (today, 3 December), so none is on hand in it, nor valued.
    await runAt(t, '2026-12-01T06:00:00Z', 'monthly-report');
    const november = await workbookOf(await waitForMail(mailsTo(smtp.inbox, hu.email), 1));
    expect(november.filename).toBe('stock-report-2026-11.xlsx');
    expect([...november.sheets.keys()]).toEqual(['Készlet', 'Értékelés']);
    expect(november.sheets.get('Készlet')).toEqual([
      ['Cikkszám', 'Termék', 'Raktár', 'Mennyiség', 'Mértékegység', 'Érték'],
    ]);
    const valuationHeader = ['Kód', 'Név', 'Mennyiség', 'Érték (mozgóátlag)', 'Érték (FIFO)'];
    expect(november.sheets.get('Értékelés')).toEqual([valuationHeader]);
    expect(textOf(mailsTo(smtp.inbox, hu.email)[0] as ReceivedMail)).toContain(
      'termékenként 2026-11 végén (2026-12-01 00:00:00 állapot)',
    );

    // 1 January: December's report, cut at 2026-12-31T23:00Z: everything posted counts.
    await runAt(t, '2027-01-01T06:00:00Z', 'monthly-report');
    const december = await workbookOf(await waitForMail(mailsTo(smtp.inbox, hu.email), 2));
    expect(december.filename).toBe('stock-report-2026-12.xlsx');
    expect(december.sheets.get('Készlet')).toEqual([
      ['Cikkszám', 'Termék', 'Raktár', 'Mennyiség', 'Mértékegység', 'Érték'],
      [p.sku, `Product ${p.sku}`, a.code, 5, 'pcs', 15],
      [q.sku, `Product ${q.sku}`, b.code, 4, 'pcs', 40],
    ]);
    // A: 5 left of 10 at 2 and 10 at 4; average 3 → 15, FIFO the newest 5 at 4 → 20. B: 4 at 10.
    expect(december.sheets.get('Értékelés')).toEqual([
      valuationHeader,
      [a.code, `Warehouse ${a.code}`, 5, 15, 20],
      [b.code, `Warehouse ${b.code}`, 4, 40, 40],
    ]);

    // Narrowed to warehouse A, in English.
    const mine = mailsTo(smtp.inbox, onlyA.email);
    expect(mine).toHaveLength(2);
    const inA = await workbookOf(mine[1] as ReceivedMail);
    expect([...inA.sheets.keys()]).toEqual(['Stock on hand', 'Valuation']);
    expect(inA.sheets.get('Stock on hand')).toEqual([
      ['SKU', 'Product', 'Warehouse', 'Quantity', 'Unit', 'Value'],
      [p.sku, `Product ${p.sku}`, a.code, 5, 'pcs', 15],
    ]);
    expect(inA.sheets.get('Valuation')).toEqual([
      ['Code', 'Name', 'Quantity', 'Value (moving average)', 'Value (FIFO)'],
      [a.code, `Warehouse ${a.code}`, 5, 15, 20],
    ]);
    expect(textOf(mine[1] as ReceivedMail)).toContain('Raktar: stock report for 2026-12');
    expect(mailsTo(smtp.inbox, alertsOnly.email)).toHaveLength(0);

    // Once a month: the job again later that day, and the manual run, mail nobody again.
    await runAt(t, '2027-01-01T18:00:00Z', 'monthly-report');
    await runAt(t, '2026-12-01T09:00:00Z', 'monthly-report');
    const now = bodyOf(await api(t.app, admin).post('/api/v1/alerts/run', { kind: 'monthly_report' }));
    expect(now).toMatchObject({ kind: 'monthly_report', month: '2026-11', mails: 0 });
    expect(mailsTo(smtp.inbox, hu.email)).toHaveLength(2);
    expect(mailsTo(smtp.inbox, onlyA.email)).toHaveLength(2);
  });

  it('two runs at once (two instances) mail each subscriber once', async () => {
    const user = await createUser(t.app, admin, { role: 'viewer', modules: ['inventory'] });
    await subscribe(t, user.token, { kinds: ['monthly_report'], locale: 'en' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-01T06:00:00Z'));
    try {
      await Promise.all([t.app.scheduler.runNow('monthly-report'), t.app.scheduler.runNow('monthly-report')]);
    } finally {
      vi.useRealTimers();
    }
    const { rows } = await t.database.executeSql(
      'select count(*)::int as n from outbox where to_address = $1',
      [user.email],
    );
    expect(rows).toEqual([{ n: 1 }]);
    expect((await workbookOf(await waitForMail(mailsTo(smtp.inbox, user.email), 1))).filename).toBe(
      'stock-report-2027-02.xlsx',
    );
  });

  it('refuses an unknown kind (422) and a run by a non-admin (403)', async () => {
    const manager = await createUser(t.app, admin, { role: 'manager', modules: ['inventory'] });
    const run = (token: string, kind: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/alerts/run', headers: bearer(token), payload: { kind } });
    expect((await run(admin, 'monthly')).statusCode).toBe(422);
    expect((await run(manager.token, 'monthly_report')).statusCode).toBe(403);
    const subscribeTo = (kinds: unknown) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/alerts/subscriptions',
        headers: bearer(manager.token),
        payload: { kinds },
      });
    expect((await subscribeTo(['monthly'])).statusCode).toBe(422);
    expect((await subscribeTo(['monthly_report', 'monthly_report'])).statusCode).toBe(422);
    // An alert list filtered by the report's kind: not an alert kind.
    expect((await api(t.app, admin).get('/api/v1/alerts?kind=monthly_report')).statusCode).toBe(422);
  });
});
