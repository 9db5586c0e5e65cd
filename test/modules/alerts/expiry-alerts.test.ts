// The daily expiry check: raised once per lot and business day, mailed once, with days to expiry
// counted in Europe/Budapest calendar days (across the October DST change too).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, bodyOf } from '../../helpers/api.js';
import { createUser, type TestUser } from '../../helpers/factories.js';
import { waitForMail } from '../../helpers/smtp.js';
import { createWarehouse } from '../../helpers/stock.js';
import type { TestApp } from '../../helpers/test-app.js';
import { waitFor } from '../../helpers/wait.js';
import {
  closeMailedApp,
  lotInStock,
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

async function subscriber(warehouseId: string, kinds = ['lot_expiring', 'lot_expired'], locale = 'en') {
  const user = await createUser(t.app, admin, { role: 'warehouse', modules: ['inventory'] });
  await subscribe(t, user.token, { kinds, warehouse_id: warehouseId, locale });
  return user;
}

async function alertsOf(warehouseId: string) {
  const page = bodyOf(
    await api(t.app, admin).get(`/api/v1/alerts?warehouse_id=${warehouseId}&page_size=100`),
  );
  return page.items as {
    kind: string;
    lot_number: string;
    days_to_expiry: number;
    business_day: string;
    on_hand: number;
    expiry_date: string;
  }[];
}

describe('daily expiry alert', () => {
  it('raises one alert and one mail for an expiring lot; the same day again sends nothing; the next day raises again', async () => {
    const wh = await createWarehouse(t.app, admin);
    const product = await lotInStock(t, admin, wh.id, [
      { lot: 'L-ONCE', expiry: '2026-10-20', quantity: 12 },
    ]);
    const user = await subscriber(wh.id);

    await runAt(t, '2026-10-01T04:00:00Z', 'alerts-expiry');
    await waitForMail(mailsTo(smtp.inbox, user.email), 1);
    const first = mailsTo(smtp.inbox, user.email);
    expect(first).toHaveLength(1);
    const text = textOf(first[0] as never);
    expect(text).toContain('Raktar: 1 new stock alert(s) for 2026-10-01');
    expect(text).toContain(`Expiring: ${product.sku}`);
    expect(text).toContain('lot L-ONCE');
    expect(text).toContain('12 on hand, expires 2026-10-20 (in 19 day(s))');
    const raised = await alertsOf(wh.id);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      kind: 'lot_expiring',
      lot_number: 'L-ONCE',
      days_to_expiry: 19,
      business_day: '2026-10-01',
      on_hand: 12,
      expiry_date: '2026-10-20',
    });

    // Later the same business day (21:30 UTC is 23:30 in Budapest): nothing new, no mail.
    await runAt(t, '2026-10-01T21:30:00Z', 'alerts-expiry');
    expect(await alertsOf(wh.id)).toHaveLength(1);
    expect(mailsTo(smtp.inbox, user.email)).toHaveLength(1);

    // 22:30 UTC is already 2 October in Budapest: a new day, a new alert and mail.
    await runAt(t, '2026-10-01T22:30:00Z', 'alerts-expiry');
    await waitForMail(mailsTo(smtp.inbox, user.email), 2);
    const days = (await alertsOf(wh.id)).map((a) => [a.business_day, a.days_to_expiry]);
    expect(days).toEqual([
      ['2026-10-02', 18],
      ['2026-10-01', 19],
    ]);
    expect(mailsTo(smtp.inbox, user.email)).toHaveLength(2);
  });

  it('counts days to expiry in Budapest calendar days across the end of summer time (25 October 2026)', async () => {
    const wh = await createWarehouse(t.app, admin);
    await lotInStock(t, admin, wh.id, [{ lot: 'L-DST', expiry: '2026-10-26', quantity: 3 }]);
    // 24 Oct 21:30 UTC = 23:30 CEST on the 24th; 22:30 UTC = 00:30 on the 25th (a 25-hour day);
    // 25 Oct 22:30 UTC = 23:30 CET, still the 25th; 23:30 UTC = 00:30 on the 26th; then the 27th.
    for (const at of [
      '2026-10-24T21:30:00Z',
      '2026-10-24T22:30:00Z',
      '2026-10-25T22:30:00Z',
      '2026-10-25T23:30:00Z',
      '2026-10-26T23:30:00Z',
    ]) {
      await runAt(t, at, 'alerts-expiry');
    }
    const seen = (await alertsOf(wh.id)).map((a) => [a.business_day, a.kind, a.days_to_expiry]).reverse();
    expect(seen).toEqual([
      ['2026-10-24', 'lot_expiring', 2],
      ['2026-10-25', 'lot_expiring', 1],
      ['2026-10-26', 'lot_expiring', 0],
      ['2026-10-27', 'lot_expired', -1],
    ]);
  });

  it('leaves out lots beyond the window and lots with no stock left; expired stock on hand is its own kind', async () => {
    const wh = await createWarehouse(t.app, admin);
    const product = await lotInStock(t, admin, wh.id, [
      { lot: 'IN-30', expiry: '2026-03-31', quantity: 1 }, // 30 days after 1 March: inside the window
      { lot: 'OUT-31', expiry: '2026-04-01', quantity: 1 }, // 31 days: outside
      { lot: 'GONE', expiry: '2026-03-05', quantity: 2 },
      { lot: 'OLD', expiry: '2026-02-27', quantity: 4 },
    ]);
    const issued = await api(t.app, admin).post('/api/v1/stock-movements', {
      product_id: product.id,
      warehouse_id: wh.id,
      movement_type: 'issue',
      quantity: 2,
      lot_number: 'GONE',
      force_expired: true, // past its expiry by the real clock
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const user = await subscriber(wh.id);
    await runAt(t, '2026-03-01T09:00:00Z', 'alerts-expiry');
    const seen = (await alertsOf(wh.id)).map((a) => [a.lot_number, a.kind, a.days_to_expiry, a.on_hand]);
    expect(seen.sort()).toEqual([
      ['IN-30', 'lot_expiring', 30, 1],
      ['OLD', 'lot_expired', -2, 4],
    ]);
    const text = textOf((await waitForMail(mailsTo(smtp.inbox, user.email), 1)) as never);
    expect(text).toContain('Expired: ');
    expect(text).toContain('lot OLD');
    expect(text).toContain('expired 2026-02-27 (2 day(s) ago)');
    expect(text).not.toContain('OUT-31');
  });

  it('raises each alert once when two runs go at once, and mails each alert once', async () => {
    const wh = await createWarehouse(t.app, admin);
    await lotInStock(t, admin, wh.id, [
      { lot: 'C-1', expiry: '2026-06-10', quantity: 1 },
      { lot: 'C-2', expiry: '2026-06-11', quantity: 1 },
      { lot: 'C-3', expiry: '2026-06-12', quantity: 1 },
    ]);
    const user: TestUser = await subscriber(wh.id);
    const { vi } = await import('vitest');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T05:00:00Z'));
    try {
      await Promise.all([
        t.app.scheduler.runNow('alerts-expiry'),
        t.app.scheduler.runNow('alerts-expiry'),
        t.app.scheduler.runNow('alerts-expiry'),
      ]);
    } finally {
      vi.useRealTimers();
    }
    const raised = await alertsOf(wh.id);
    expect(raised.map((a) => a.lot_number).sort()).toEqual(['C-1', 'C-2', 'C-3']);
    await waitForMail(mailsTo(smtp.inbox, user.email), 1);
    const lines = mailsTo(smtp.inbox, user.email)
      .flatMap((mail) => textOf(mail).split('\n'))
      .filter((line) => line.startsWith('- Expiring'));
    expect(lines).toHaveLength(3);
    await waitFor(async () => {
      const { rows } = await t.database.executeSql(
        `select count(*)::int as n from outbox where to_address = $1 and status = 'sent'`,
        [user.email],
      );
      return (rows[0] as { n: number }).n === mailsTo(smtp.inbox, user.email).length;
    }, 'the outbox to record what was sent');
  });
});
