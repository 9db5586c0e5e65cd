import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { units } from './catalog.tables.js';

export type UnitRow = typeof units.$inferSelect;

/** Every unit, by code. */
export function listUnits(db: DbOrTx): Promise<UnitRow[]> {
  return db.select().from(units).orderBy(asc(units.code));
}

export async function unitExists(db: DbOrTx, code: string): Promise<boolean> {
  const [row] = await db.select({ code: units.code }).from(units).where(eq(units.code, code));
  return row !== undefined;
}

export async function findUnitForUpdate(db: DbOrTx, code: string): Promise<UnitRow | undefined> {
  const [row] = await db.select().from(units).where(eq(units.code, code)).for('update');
  return row;
}

export async function insertUnit(db: DbOrTx, values: typeof units.$inferInsert): Promise<UnitRow> {
  const [row] = await db.insert(units).values(values).returning();
  return row as UnitRow;
}

export async function updateUnit(
  db: DbOrTx,
  code: string,
  changes: Partial<typeof units.$inferInsert>,
): Promise<UnitRow> {
  const [row] = await db.update(units).set(changes).where(eq(units.code, code)).returning();
  return row as UnitRow;
}

/** Deletes the unit; the deleted row, or undefined when there was none. */
export async function deleteUnit(db: DbOrTx, code: string): Promise<UnitRow | undefined> {
  const [row] = await db.delete(units).where(eq(units.code, code)).returning();
  return row;
}
