import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { modules } from './identity.tables.js';

export type ModuleRow = typeof modules.$inferSelect;

export function listModules(db: DbOrTx): Promise<ModuleRow[]> {
  return db.select().from(modules).orderBy(asc(modules.sortOrder), asc(modules.key));
}

export async function findModule(db: DbOrTx, key: string): Promise<ModuleRow | undefined> {
  const [row] = await db.select().from(modules).where(eq(modules.key, key));
  return row;
}

export async function existingModuleKeys(db: DbOrTx, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.select({ key: modules.key }).from(modules).where(inArray(modules.key, keys));
  return new Set(rows.map((row) => row.key));
}

export async function setModuleActive(
  db: DbOrTx,
  key: string,
  isActive: boolean,
): Promise<ModuleRow | undefined> {
  const [row] = await db
    .update(modules)
    .set({ isActive, updatedAt: sql`now()` })
    .where(eq(modules.key, key))
    .returning();
  return row;
}
