import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { PageRequest } from '../../platform/pagination.js';
import { alertSubscriptions } from './alerts.tables.js';

export type SubscriptionRow = typeof alertSubscriptions.$inferSelect;
export type NewSubscription = typeof alertSubscriptions.$inferInsert;

export async function insertSubscription(db: DbOrTx, row: NewSubscription): Promise<SubscriptionRow> {
  const [inserted] = await db.insert(alertSubscriptions).values(row).returning();
  if (!inserted) throw new Error('subscription insert returned no row');
  return inserted;
}

export async function findSubscription(db: DbOrTx, id: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db.select().from(alertSubscriptions).where(eq(alertSubscriptions.id, id));
  return row;
}

/** A page of subscriptions (one user's, or all), oldest first. */
export async function listSubscriptions(db: DbOrTx, userId: string | undefined, page: PageRequest) {
  const where = userId ? eq(alertSubscriptions.userId, userId) : undefined;
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(alertSubscriptions)
      .where(where)
      .orderBy(asc(alertSubscriptions.createdAt), asc(alertSubscriptions.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(alertSubscriptions).where(where),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}

/** Every subscription to any of `kinds`: who a batch of alerts may be mailed to. */
export function subscriptionsTo(db: DbOrTx, kinds: string[]): Promise<SubscriptionRow[]> {
  return db
    .select()
    .from(alertSubscriptions)
    .where(sql`${alertSubscriptions.kinds} && ${sql.param(kinds)}::text[]`)
    .orderBy(asc(alertSubscriptions.createdAt));
}

/** Applies `changes` when the version matches (or none is given); no row back: stale or gone. */
export async function updateSubscription(
  db: DbOrTx,
  id: string,
  changes: Partial<Pick<NewSubscription, 'kinds' | 'warehouseId' | 'locale'>>,
  version: number | undefined,
): Promise<SubscriptionRow | undefined> {
  const [row] = await db
    .update(alertSubscriptions)
    .set({ ...changes, version: sql`${alertSubscriptions.version} + 1` })
    .where(
      and(
        eq(alertSubscriptions.id, id),
        version === undefined ? undefined : eq(alertSubscriptions.version, version),
      ),
    )
    .returning();
  return row;
}

export async function deleteSubscription(db: DbOrTx, id: string): Promise<void> {
  await db.delete(alertSubscriptions).where(eq(alertSubscriptions.id, id));
}
