// Who is mailed what: subscriptions by user, role and module, narrowed by kind and warehouse;
// acknowledging alerts; and the refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, bodyOf } from '../../helpers/api.js';
import { createUser, loginAdmin, type TestUser } from '../../helpers/factories.js';
import { startSmtpServer, waitForMail } from '../../helpers/smtp.js';
import { createWarehouse } from '../../helpers/stock.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { lotInStock, mailsTo, runAt, subscribe, textOf } from './helpers.js';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let admin: string;
let viewer: TestUser;
let other: TestUser;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({ smtpUrl: smtp.url });
  admin = (await loginAdmin(t.app)).access_token;
  viewer = await createUser(t.app, admin, { role: 'viewer', modules: ['inventory'] });
  other = await createUser(t.app, admin, { role: 'warehouse', modules: ['inventory'] });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('alert subscriptions', () => {
  it('mails each subscriber only the kinds and warehouse subscribed, in their language', async () => {
    const [main, side] = [await createWarehouse(t.app, admin), await createWarehouse(t.app, admin)];
    const product = await lotInStock(t, admin, main.id, [
      { lot: 'OLD-1', expiry: '2026-09-01', quantity: 2 },
      { lot: 'NEW-1', expiry: '2026-09-20', quantity: 7 },
    ]);
    const expiredOnly = await createUser(t.app, admin, { role: 'warehouse', modules: ['inventory'] });
    const expiringHu = await createUser(t.app, admin, { role: 'warehouse', modules: ['inventory'] });
    const elsewhere = await createUser(t.app, admin, { role: 'warehouse', modules: ['inventory'] });
    const manager = await createUser(t.app, admin, { role: 'manager', modules: ['inventory'] });
    await subscribe(t, expiredOnly.token, { kinds: ['lot_expired'], warehouse_id: main.id });
    await subscribe(t, expiringHu.token, { kinds: ['lot_expiring'], warehouse_id: main.id, locale: 'hu' });
    await subscribe(t, elsewhere.token, { kinds: ['lot_expiring', 'lot_expired'], warehouse_id: side.id });
    // A role subscription an admin makes reaches every manager; the manager's own, covering the
    // same alert, does not make a second mail or a second line.
    await subscribe(t, admin, { role: 'manager', kinds: ['lot_expiring'], warehouse_id: main.id });
    await subscribe(t, manager.token, { kinds: ['lot_expiring', 'lot_expired'] });
    // A module subscription reaches everyone granted the module.
    const buyer = await createUser(t.app, admin, { role: 'viewer', modules: ['purchasing'] });
    await subscribe(t, admin, { module: 'purchasing', kinds: ['lot_expired'], warehouse_id: main.id });

    await runAt(t, '2026-09-10T07:00:00Z', 'alerts-expiry');
    const expired = textOf(await waitForMail(mailsTo(smtp.inbox, expiredOnly.email), 1));
    expect(expired).toContain('lot OLD-1');
    expect(expired).not.toContain('NEW-1');
    const hu = textOf(await waitForMail(mailsTo(smtp.inbox, expiringHu.email), 1));
    expect(hu).toContain(`Lejár: ${product.sku}`);
    expect(hu).toContain('NEW-1 tétel');
    expect(hu).toContain('7 készleten, lejárat 2026-09-20 (10 nap múlva)');
    expect(hu).not.toContain('OLD-1');
    const toManager = textOf(await waitForMail(mailsTo(smtp.inbox, manager.email), 1));
    expect(toManager.match(/lot NEW-1/g)).toHaveLength(1);
    expect(toManager).toContain('lot OLD-1'); // from the manager's own, all-warehouse subscription
    expect(mailsTo(smtp.inbox, manager.email)).toHaveLength(1);
    const toBuyer = textOf(await waitForMail(mailsTo(smtp.inbox, buyer.email), 1));
    expect(toBuyer).toContain('lot OLD-1');
    expect(toBuyer).not.toContain('NEW-1');
    expect(mailsTo(smtp.inbox, elsewhere.email)).toHaveLength(0);
    expect(mailsTo(smtp.inbox, viewer.email)).toHaveLength(0);
  });

  it('lets a user manage only their own; an admin sees and manages anyone’s', async () => {
    const mine = await subscribe(t, viewer.token, { kinds: ['low_stock'] });
    const theirs = await subscribe(t, other.token, { kinds: ['lot_expired'] });
    const asViewer = api(t.app, viewer.token);

    const list = bodyOf(await asViewer.get('/api/v1/alerts/subscriptions'));
    expect(list.items.map((s: { id: string }) => s.id)).toEqual([mine.id]);
    expect(list.items[0]).toMatchObject({
      user_id: viewer.id,
      role: null,
      kinds: ['low_stock'],
      locale: 'en',
    });
    expect((await asViewer.get(`/api/v1/alerts/subscriptions/${theirs.id}`)).statusCode).toBe(404);
    expect((await asViewer.delete(`/api/v1/alerts/subscriptions/${theirs.id}`)).statusCode).toBe(404);
    const byAdmin = bodyOf(await api(t.app, admin).get(`/api/v1/alerts/subscriptions?user_id=${other.id}`));
    expect(byAdmin.items.map((s: { id: string }) => s.id)).toEqual([theirs.id]);

    const changed = bodyOf(
      await asViewer.patch(`/api/v1/alerts/subscriptions/${mine.id}`, {
        kinds: ['lot_expiring'],
        version: 1,
      }),
    );
    expect(changed).toMatchObject({ kinds: ['lot_expiring'], version: 2 });
    const stale = await asViewer.patch(`/api/v1/alerts/subscriptions/${mine.id}`, {
      locale: 'hu',
      version: 1,
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error_code).toBe('STALE_VERSION');

    expect((await asViewer.delete(`/api/v1/alerts/subscriptions/${mine.id}`)).statusCode).toBe(204);
    expect((await asViewer.get(`/api/v1/alerts/subscriptions/${mine.id}`)).statusCode).toBe(404);
    expect((await api(t.app, admin).delete(`/api/v1/alerts/subscriptions/${theirs.id}`)).statusCode).toBe(
      204,
    );
  });

  it('refuses others’ audiences to non-admins, bad input with a localized 422, and changes nothing', async () => {
    const asViewer = api(t.app, viewer.token);
    const before = bodyOf(await api(t.app, admin).get('/api/v1/alerts/subscriptions')).total;

    const role = await asViewer.post('/api/v1/alerts/subscriptions', {
      role: 'manager',
      kinds: ['low_stock'],
    });
    expect(role.statusCode).toBe(403);
    expect(role.json().error_code).toBe('ALERT_SUBSCRIPTION_FORBIDDEN');
    const forOther = await asViewer.post(
      '/api/v1/alerts/subscriptions',
      { user_id: other.id, kinds: ['low_stock'] },
      { 'accept-language': 'hu' },
    );
    expect(forOther.statusCode).toBe(403);
    expect(forOther.json().detail).toBe(
      'Más felhasználót, szerepkört vagy modult csak adminisztrátor iratkoztathat fel.',
    );

    const two = await api(t.app, admin).post(
      '/api/v1/alerts/subscriptions',
      { user_id: other.id, role: 'viewer', kinds: ['low_stock'] },
      { 'accept-language': 'hu' },
    );
    expect(two.statusCode).toBe(422);
    expect(two.json()).toMatchObject({
      error_code: 'ALERT_SUBSCRIPTION_AUDIENCE',
      detail: 'Pontosan egyet adjon meg ezek közül: user_id, role vagy module.',
    });
    const ghost = await api(t.app, admin).post('/api/v1/alerts/subscriptions', {
      user_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
      kinds: ['low_stock'],
    });
    expect(ghost.statusCode).toBe(422);
    expect(ghost.json().error_code).toBe('ALERT_SUBSCRIPTION_USER_NOT_FOUND');
    for (const body of [
      { kinds: [] },
      { kinds: ['bogus'] },
      { kinds: ['low_stock'], warehouse_id: 'x' },
      // A warehouse that does not exist would never be mailed.
      { kinds: ['low_stock'], warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f' },
      {},
    ]) {
      const res = await asViewer.post('/api/v1/alerts/subscriptions', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().error_code).toBe('VALIDATION_ERROR');
    }
    const mine = bodyOf(await asViewer.post('/api/v1/alerts/subscriptions', { kinds: ['low_stock'] }), 201);
    const moved = await asViewer.patch(
      `/api/v1/alerts/subscriptions/${mine.id}`,
      { warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f', version: mine.version },
      { 'accept-language': 'hu' },
    );
    expect(moved.statusCode).toBe(422);
    expect(moved.json().errors).toMatchObject([{ field: 'warehouse_id' }]);
    expect((await asViewer.delete(`/api/v1/alerts/subscriptions/${mine.id}`)).statusCode).toBe(204);
    expect(bodyOf(await api(t.app, admin).get('/api/v1/alerts/subscriptions')).total).toBe(before);

    expect((await api(t.app).get('/api/v1/alerts/subscriptions')).statusCode).toBe(401);
    const noModule = await createUser(t.app, admin, { role: 'warehouse', modules: [] });
    expect((await api(t.app, noModule.token).get('/api/v1/alerts/subscriptions')).statusCode).toBe(403);
  });
});

describe('listing and acknowledging alerts', () => {
  it('acknowledges once (then 409), filters by acknowledged, and refuses the unknown, the anonymous and viewers', async () => {
    const wh = await createWarehouse(t.app, admin);
    await lotInStock(t, admin, wh.id, [{ lot: 'ACK-1', expiry: '2026-08-15', quantity: 1 }]);
    await runAt(t, '2026-08-01T07:00:00Z', 'alerts-expiry');
    const asStaff = api(t.app, other.token);
    const open = bodyOf(await asStaff.get(`/api/v1/alerts?warehouse_id=${wh.id}&acknowledged=false`));
    expect(open.total).toBe(1);
    const id = open.items[0].id as string;

    expect((await api(t.app).post(`/api/v1/alerts/${id}/acknowledge`)).statusCode).toBe(401);
    expect((await api(t.app, viewer.token).post(`/api/v1/alerts/${id}/acknowledge`)).statusCode).toBe(403);
    const done = bodyOf(await asStaff.post(`/api/v1/alerts/${id}/acknowledge`));
    expect(done.acknowledged_by).toBe(other.id);
    expect(done.acknowledged_at).not.toBeNull();
    const again = await asStaff.post(`/api/v1/alerts/${id}/acknowledge`, undefined, {
      'accept-language': 'hu',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error_code: 'ALERT_ALREADY_ACKNOWLEDGED',
      detail: 'A riasztást már nyugtázták.',
    });
    const unknown = await asStaff.post('/api/v1/alerts/01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f/acknowledge');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error_code).toBe('ALERT_NOT_FOUND');
    expect((await asStaff.post('/api/v1/alerts/not-a-uuid/acknowledge')).statusCode).toBe(422);

    expect(bodyOf(await asStaff.get(`/api/v1/alerts?warehouse_id=${wh.id}&acknowledged=false`)).total).toBe(
      0,
    );
    const acked = bodyOf(await asStaff.get(`/api/v1/alerts?warehouse_id=${wh.id}&acknowledged=true`));
    expect(acked.items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(bodyOf(await asStaff.get('/api/v1/alerts?kind=low_stock')).total).toBe(0);
    expect((await asStaff.get('/api/v1/alerts?kind=bogus')).statusCode).toBe(422);
    expect((await asStaff.get('/api/v1/alerts?page_size=101')).statusCode).toBe(422);
  });

  it('runs a check now for admins only, and only a check it knows', async () => {
    expect((await api(t.app).post('/api/v1/alerts/run', { kind: 'expiry' })).statusCode).toBe(401);
    const manager = await createUser(t.app, admin, { role: 'manager', modules: ['inventory'] });
    expect((await api(t.app, manager.token).post('/api/v1/alerts/run', { kind: 'expiry' })).statusCode).toBe(
      403,
    );
    const bad = await api(t.app, admin).post('/api/v1/alerts/run', { kind: 'weekly' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error_code).toBe('VALIDATION_ERROR');
  });
});
