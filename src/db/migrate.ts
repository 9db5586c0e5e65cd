import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './client.js';

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

// Any fixed number: every instance starting at once waits on it, so migrations run once.
const MIGRATION_LOCK_KEY = 7_261_344_001;

async function countApplied(database: Database): Promise<number> {
  const exists = await database.executeSql(
    `select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
    [],
  );
  if (!exists.rows[0]?.present) return 0;
  const { rows } = await database.executeSql(
    'select count(*)::int as n from drizzle.__drizzle_migrations',
    [],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Applies pending migrations from `migrations/`; returns how many it applied. */
export async function runMigrations(database: Database): Promise<number> {
  const before = await countApplied(database);
  // A session lock held across statements: on a connection of its own to the server itself.
  const client = database.sessionClient();
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migrate(drizzle({ client }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end().catch(() => {});
  }
  return (await countApplied(database)) - before;
}
