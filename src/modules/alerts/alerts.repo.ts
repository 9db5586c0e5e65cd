import { and, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { PageRequest } from '../../platform/pagination.js';
import { alerts } from './alerts.tables.js';

export type AlertRow = typeof alerts.$inferSelect;
export type NewAlert = typeof alerts.$inferInsert;

export interface AlertFilter {
  kind?: string;
  acknowledged?: boolean;
  warehouseId?: string;
}

/**
 * Inserts the alerts not yet raised for their kind, product, lot, warehouse and day; answers only
 * those it inserted. Concurrent runs each get a disjoint share, so each alert is raised once.
 */
export async function insertNewAlerts(db: DbOrTx, rows: NewAlert[]): Promise<AlertRow[]> {
  if (rows.length === 0) return [];
  return db.insert(alerts).values(rows).onConflictDoNothing().returning();
}

function alertWhere(filter: AlertFilter) {
  return and(
    filter.kind ? eq(alerts.kind, filter.kind) : undefined,
    filter.acknowledged === undefined
      ? undefined
      : filter.acknowledged
        ? isNotNull(alerts.acknowledgedAt)
        : isNull(alerts.acknowledgedAt),
    filter.warehouseId ? eq(alerts.warehouseId, filter.warehouseId) : undefined,
  );
}

/** A page of alerts, newest first, and how many match. */
export async function listAlerts(db: DbOrTx, filter: AlertFilter, page: PageRequest) {
  const where = alertWhere(filter);
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(alerts)
      .where(where)
      .orderBy(desc(alerts.createdAt), desc(alerts.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(alerts).where(where),
  ]);
  return { rows: found, total: total?.n ?? 0 };
}

export async function findAlert(db: DbOrTx, id: string): Promise<AlertRow | undefined> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id));
  return row;
}

/** Acknowledges an alert not yet acknowledged; no row back: unknown or already acknowledged. */
export async function acknowledgeAlert(
  db: DbOrTx,
  id: string,
  by: string | null,
): Promise<AlertRow | undefined> {
  const [row] = await db
    .update(alerts)
    .set({ acknowledgedBy: by, acknowledgedAt: sql`now()` })
    .where(and(eq(alerts.id, id), isNull(alerts.acknowledgedAt)))
    .returning();
  return row;
}

/** Alerts of a kind (and parameter) not acknowledged yet. */
export async function countOpenAlerts(db: DbOrTx, kind: string, parameter?: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(alerts)
    .where(
      and(
        eq(alerts.kind, kind),
        isNull(alerts.acknowledgedAt),
        parameter ? eq(alerts.parameter, parameter) : undefined,
      ),
    );
  return row?.n ?? 0;
}
