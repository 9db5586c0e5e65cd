import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { outbox } from './mail.tables.js';

/** Keeps a message in the outbox with its first status; returns its id. */
export async function insertOutboxMessage(
  db: DbOrTx,
  message: { toAddress: string; subject: string; body: string; status: string },
): Promise<string | undefined> {
  const [row] = await db.insert(outbox).values(message).returning({ id: outbox.id });
  return row?.id;
}

export async function markSent(db: DbOrTx, id: string): Promise<void> {
  await db.update(outbox).set({ status: 'sent', sentAt: sql`now()` }).where(eq(outbox.id, id));
}

export async function markFailed(db: DbOrTx, id: string, error: string): Promise<void> {
  await db.update(outbox).set({ status: 'failed', error }).where(eq(outbox.id, id));
}
