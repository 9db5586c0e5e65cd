import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/rows.js';
import { monthlyReportSends } from './alerts.tables.js';

/**
 * Claims the month's report for each of `userIds`; answers those claimed now. A user mailed it
 * already this month (by an earlier run or another instance) is not claimed again.
 */
export async function claimMonthlySends(db: DbOrTx, month: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const claimed = await db
    .insert(monthlyReportSends)
    .values(userIds.map((userId) => ({ month, userId })))
    .onConflictDoNothing()
    .returning({ userId: monthlyReportSends.userId });
  return new Set(claimed.map((row) => row.userId));
}

/** The rows of a report's query (the reports module's SQL), by column name. */
export function reportRows(db: DbOrTx, query: SQL): Promise<Record<string, unknown>[]> {
  return rows<Record<string, unknown>>(db, query);
}
