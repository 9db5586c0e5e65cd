import type { Locale } from '../../platform/i18n.js';
import { defineMessageGroup, interpolate } from '../../platform/translations.js';
import type { MailMessage } from '../mail/index.js';
import type { AlertMail } from './alert-recipients.js';
import type { AlertRow } from './alerts.repo.js';

const Texts = defineMessageGroup('alerts.mail', {
  subject: {
    en: 'Raktar: {count} new stock alert(s) for {day}',
    hu: 'Raktar: {count} új készletriasztás ({day})',
  },
  intro: {
    en: 'New stock alerts for {day}:',
    hu: 'Új készletriasztások ({day}):',
  },
  lot_expiring: {
    en: '- Expiring: {sku} {name}, lot {lot} in {warehouse}: {on_hand} on hand, expires {expiry} (in {days} day(s))',
    hu: '- Lejár: {sku} {name}, {lot} tétel, {warehouse}: {on_hand} készleten, lejárat {expiry} ({days} nap múlva)',
  },
  lot_expired: {
    en: '- Expired: {sku} {name}, lot {lot} in {warehouse}: {on_hand} on hand, expired {expiry} ({days} day(s) ago)',
    hu: '- Lejárt: {sku} {name}, {lot} tétel, {warehouse}: {on_hand} készleten, lejárt {expiry} ({days} napja)',
  },
  low_stock: {
    en: '- Low stock: {sku} {name}: {on_hand} on hand, reorder point {reorder_point}',
    hu: '- Alacsony készlet: {sku} {name}: {on_hand} készleten, újrarendelési szint {reorder_point}',
  },
  low_stock_in: {
    en: '- Low stock: {sku} {name} in {warehouse}: {on_hand} on hand, reorder point {reorder_point}',
    hu: '- Alacsony készlet: {sku} {name}, {warehouse}: {on_hand} készleten, újrarendelési szint {reorder_point}',
  },
  water_quality: {
    en: '- Water quality: tank {tank}, {parameter} {value} ({breach} the limit {threshold})',
    hu: '- Vízminőség: {tank} medence, {parameter} {value} (határérték {threshold}: {breach})',
  },
  water_test_overdue: {
    en: '- No water test in 24 hours: tank {tank}',
    hu: '- 24 órája nincs vízvizsgálat: {tank} medence',
  },
  below: { en: 'below', hu: 'alatta marad' },
  above: { en: 'above', hu: 'meghaladja' },
  outro: {
    en: 'Acknowledge them at GET /api/v1/alerts.',
    hu: 'Nyugtázás: GET /api/v1/alerts.',
  },
});

function line(alert: AlertRow, locale: Locale): string {
  if (alert.kind === 'water_quality' || alert.kind === 'water_test_overdue') {
    // A water alert breaches a minimum when its value is under it.
    const below = (alert.value ?? 0) < (alert.threshold ?? 0);
    return interpolate(Texts[alert.kind][locale], {
      tank: alert.subjectLabel ?? '',
      parameter: alert.parameter ?? '',
      value: alert.value ?? 0,
      threshold: alert.threshold ?? 0,
      breach: Texts[below ? 'below' : 'above'][locale],
    });
  }
  // A low-stock alert of one warehouse names it.
  const kind =
    alert.kind === 'low_stock' && alert.warehouseCode
      ? 'low_stock_in'
      : (alert.kind as 'lot_expiring' | 'lot_expired' | 'low_stock');
  const days = alert.daysToExpiry ?? 0;
  return interpolate(Texts[kind][locale], {
    sku: alert.sku ?? '',
    name: alert.productName ?? '',
    lot: alert.lotNumber ?? '',
    warehouse: alert.warehouseCode ?? '',
    on_hand: alert.onHand ?? 0,
    expiry: alert.expiryDate ?? '',
    days: Math.abs(days),
    reorder_point: alert.reorderPoint ?? 0,
  });
}

/** The mail listing one recipient's new alerts of a run, in their language. */
export function alertMessage(mail: AlertMail, day: string): MailMessage {
  const { locale, alerts } = mail;
  const text = [
    interpolate(Texts.intro[locale], { day }),
    '',
    ...alerts.map((alert) => line(alert, locale)),
    '',
    interpolate(Texts.outro[locale], {}),
  ].join('\n');
  return {
    to: mail.mailbox.email,
    subject: interpolate(Texts.subject[locale], { count: alerts.length, day }),
    text,
  };
}
