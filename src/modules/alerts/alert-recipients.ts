import type { Locale } from '../../platform/i18n.js';
import type { Role } from '../../platform/roles.js';
import type { AlertRow } from './alerts.repo.js';
import type { SubscriptionRow } from './subscriptions.repo.js';

/** An active user alerts may be mailed to. */
export interface Mailbox {
  id: string;
  email: string;
  role: Role;
  modules: string[];
}

export interface AlertMail {
  mailbox: Mailbox;
  locale: Locale;
  alerts: AlertRow[];
}

function reaches(subscription: SubscriptionRow, mailbox: Mailbox): boolean {
  if (subscription.userId) return subscription.userId === mailbox.id;
  if (subscription.role) return subscription.role === mailbox.role;
  return subscription.module !== null && mailbox.modules.includes(subscription.module);
}

function covers(subscription: SubscriptionRow, alert: AlertRow): boolean {
  if (!subscription.kinds.includes(alert.kind)) return false;
  return subscription.warehouseId === null || subscription.warehouseId === alert.warehouseId;
}

/**
 * One mail per user that some subscription reaches and that has a new alert it covers: the union
 * of what the user's subscriptions cover, in the order raised. The language is that of the user's
 * own subscription if there is one, else of the first role or module subscription reaching them.
 */
export function alertMails(
  raised: AlertRow[],
  subscriptions: SubscriptionRow[],
  mailboxes: Mailbox[],
  defaultLocale: Locale,
): AlertMail[] {
  const mails: AlertMail[] = [];
  for (const mailbox of mailboxes) {
    const theirs = subscriptions.filter((subscription) => reaches(subscription, mailbox));
    const covered = raised.filter((alert) => theirs.some((subscription) => covers(subscription, alert)));
    if (covered.length === 0) continue;
    const own = theirs.find((subscription) => subscription.userId === mailbox.id) ?? theirs[0];
    mails.push({ mailbox, locale: (own?.locale as Locale | undefined) ?? defaultLocale, alerts: covered });
  }
  return mails;
}

export interface ReportRecipient {
  mailbox: Mailbox;
  locale: Locale;
  /** The warehouses their subscriptions narrow the report to; null: every warehouse. */
  warehouseIds: string[] | null;
}

/**
 * Each user some `monthly_report` subscription reaches, once: narrowed to the warehouses of their
 * subscriptions, unless one of them has none (then every warehouse). Language as for alerts.
 */
export function reportRecipients(
  subscriptions: SubscriptionRow[],
  mailboxes: Mailbox[],
  defaultLocale: Locale,
): ReportRecipient[] {
  const recipients: ReportRecipient[] = [];
  for (const mailbox of mailboxes) {
    const theirs = subscriptions.filter((subscription) => reaches(subscription, mailbox));
    if (theirs.length === 0) continue;
    const own = theirs.find((subscription) => subscription.userId === mailbox.id) ?? theirs[0];
    const narrowed = theirs.every((subscription) => subscription.warehouseId !== null);
    recipients.push({
      mailbox,
      locale: (own?.locale as Locale | undefined) ?? defaultLocale,
      warehouseIds: narrowed
        ? [...new Set(theirs.map((subscription) => subscription.warehouseId as string))]
        : null,
    });
  }
  return recipients;
}
