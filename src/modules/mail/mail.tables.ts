import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.js';

/** An attachment as the outbox keeps it. */
export interface StoredAttachment {
  filename: string;
  content_type: string;
  content_base64: string;
}

/** Every mail the service sends, with its delivery state; without SMTP this is where mail goes. */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** Files sent with the message (content base64), kept so a retry sends them again. */
    attachments: jsonb('attachments').$type<StoredAttachment[]>(),
    /** logged (no SMTP configured) | pending | sent | retrying | failed (gave up after the last attempt) */
    status: text('status').notNull(),
    error: text('error'),
    /** Delivery attempts made so far. */
    attempts: integer('attempts').notNull().default(0),
    /** When a pending or retrying message is next due for delivery. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).defaultNow(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_created_idx').on(t.createdAt),
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'retrying')`),
  ],
);
