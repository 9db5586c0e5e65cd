import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import { outbox, type StoredAttachment } from './mail.tables.js';

/** Keeps a message in the outbox with its first status; returns its id. */
export async function insertOutboxMessage(
  db: DbOrTx,
  message: {
    toAddress: string;
    subject: string;
    body: string;
    status: string;
    attachments: StoredAttachment[] | null;
  },
): Promise<string | undefined> {
  const [row] = await db.insert(outbox).values(message).returning({ id: outbox.id });
  return row?.id;
}

export interface DueMessage {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  attachments: StoredAttachment[] | null;
  attempts: number;
}

/**
 * Locks up to `limit` messages to deliver: those named in `ids`, or else every pending or retrying
 * one due by `now`. Rows another delivery holds are skipped, so no message goes out twice.
 */
export function lockDueMessages(
  tx: DbOrTx,
  filter: { ids?: string[]; now: Date; limit: number },
): Promise<DueMessage[]> {
  const which = filter.ids
    ? sql`id = any(${sql.param(filter.ids)}::uuid[])`
    : sql`next_attempt_at <= ${filter.now.toISOString()}::timestamptz`;
  return rows<DueMessage>(
    tx,
    sql`select id, to_address, subject, body, attachments, attempts from outbox
        where status in ('pending', 'retrying') and ${which}
        order by next_attempt_at limit ${filter.limit}
        for update skip locked`,
  );
}

export async function markSent(db: DbOrTx, id: string, attempts: number): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'sent', sentAt: sql`now()`, attempts, error: null, nextAttemptAt: null })
    .where(eq(outbox.id, id));
}

/** A failed attempt: due again at `retryAt`, or given up (`failed`) when there is none. */
export async function markAttemptFailed(
  db: DbOrTx,
  id: string,
  failure: { attempts: number; error: string; retryAt: Date | null },
): Promise<void> {
  await db
    .update(outbox)
    .set({
      status: failure.retryAt ? 'retrying' : 'failed',
      attempts: failure.attempts,
      error: failure.error,
      nextAttemptAt: failure.retryAt,
    })
    .where(eq(outbox.id, id));
}
