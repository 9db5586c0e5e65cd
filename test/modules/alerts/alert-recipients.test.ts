// Who gets which of a run's alerts: a pure function, tested without a database.
import { describe, expect, it } from 'vitest';
import { alertMails, type Mailbox } from '../../../src/modules/alerts/alert-recipients.js';
import { businessDay } from '../../../src/modules/alerts/index.js';

const W1 = 'w1';
const W2 = 'w2';
// Only the fields the matching reads; the rest of a row does not matter here.
const alert = (id: string, kind: string, warehouseId: string | null) =>
  ({ id, kind, warehouseId }) as Parameters<typeof alertMails>[0][number];
const sub = (fields: {
  userId?: string;
  role?: string;
  module?: string;
  kinds: string[];
  warehouseId?: string;
  locale?: string;
}) =>
  ({
    userId: fields.userId ?? null,
    role: fields.role ?? null,
    module: fields.module ?? null,
    kinds: fields.kinds,
    warehouseId: fields.warehouseId ?? null,
    locale: fields.locale ?? 'en',
  }) as Parameters<typeof alertMails>[1][number];

const ann: Mailbox = { id: 'ann', email: 'ann@x', role: 'warehouse', modules: ['inventory'] };
const bob: Mailbox = { id: 'bob', email: 'bob@x', role: 'manager', modules: ['purchasing'] };
const cid: Mailbox = { id: 'cid', email: 'cid@x', role: 'viewer', modules: [] };

describe('alertMails', () => {
  const raised = [
    alert('a1', 'lot_expiring', W1),
    alert('a2', 'lot_expired', W2),
    alert('a3', 'low_stock', null),
  ];

  it('gives each user the union of what their subscriptions cover, once, in one mail', () => {
    const mails = alertMails(
      raised,
      [
        sub({ userId: 'ann', kinds: ['lot_expiring'], warehouseId: W1, locale: 'hu' }),
        sub({ role: 'warehouse', kinds: ['lot_expiring', 'lot_expired'], locale: 'en' }),
        sub({ module: 'purchasing', kinds: ['low_stock'] }),
        sub({ module: 'purchasing', kinds: ['low_stock'], warehouseId: W1 }),
      ],
      [ann, bob, cid],
      'en',
    );
    expect(mails.map((m) => [m.mailbox.id, m.locale, m.alerts.map((a) => a.id)])).toEqual([
      ['ann', 'hu', ['a1', 'a2']], // her own subscription's language wins over the role's
      ['bob', 'en', ['a3']], // the warehouse-narrowed one does not cover an all-warehouse alert
    ]);
  });

  it('mails no one when nothing covers the alerts', () => {
    expect(
      alertMails(raised, [sub({ userId: 'cid', kinds: ['lot_expiring'], warehouseId: W2 })], [cid], 'en'),
    ).toEqual([]);
  });
});

describe('businessDay', () => {
  it('is the calendar date in the time zone, across the end of summer time', () => {
    expect(businessDay(new Date('2026-10-24T21:59:59Z'), 'Europe/Budapest')).toBe('2026-10-24');
    expect(businessDay(new Date('2026-10-24T22:00:00Z'), 'Europe/Budapest')).toBe('2026-10-25');
    expect(businessDay(new Date('2026-10-25T22:59:59Z'), 'Europe/Budapest')).toBe('2026-10-25');
    expect(businessDay(new Date('2026-10-25T23:00:00Z'), 'Europe/Budapest')).toBe('2026-10-26');
  });
});
