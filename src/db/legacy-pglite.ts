import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Database } from './client.js';
import { migrationsFolder } from './migrate.js';

/** Where versions before the embedded server kept their in-process (PGlite) database. */
export function legacyDir(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

export function hasLegacyData(dataDir: string): boolean {
  return existsSync(path.join(legacyDir(dataDir), 'PG_VERSION'));
}

export interface CopiedTable {
  table: string;
  rows: number;
}

const BATCH = 5_000;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Copies each table in batches of JSON rows, then the sequences, in one transaction on `target`. */
async function copyTables(source: PGlite, target: Database, progress: (message: string) => void) {
  const { rows: tables } = await source.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const copied: CopiedTable[] = [];
  const client = await target.pool.connect();
  try {
    await client.query('begin');
    // Rows arrive table by table: foreign keys and triggers were checked in the source already.
    await client.query('set local session_replication_role = replica');
    // Migrations may have seeded rows (units, modules) that the source holds too.
    await client.query(`truncate ${tables.map((t) => quote(t.name)).join(', ')}`);
    for (const { name } of tables) {
      const { rows: columns } = await source.query<{ name: string }>(
        `select column_name as name from information_schema.columns
         where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER'
         order by ordinal_position`,
        [name],
      );
      const list = columns.map((c) => quote(c.name)).join(', ');
      let after = '(0,0)';
      let rows = 0;
      for (;;) {
        const { rows: batch } = await source.query<{ c: string; j: string }>(
          `select ctid::text as c, row_to_json(t)::text as j from ${quote(name)} t
           where ctid > $1::tid order by ctid limit ${BATCH}`,
          [after],
        );
        if (batch.length === 0) break;
        await client.query(
          `insert into ${quote(name)} (${list})
           select ${list} from json_populate_recordset(null::${quote(name)}, $1::json)`,
          [`[${batch.map((row) => row.j).join(',')}]`],
        );
        rows += batch.length;
        after = batch[batch.length - 1]?.c as string;
      }
      const { rows: counted } = await client.query(`select count(*)::int as n from ${quote(name)}`);
      if (Number(counted[0]?.n) !== rows)
        throw new Error(`${name}: ${counted[0]?.n} rows arrived of ${rows}`);
      copied.push({ table: name, rows });
      progress(`${name}: ${rows} row(s)`);
    }
    const { rows: sequences } = await source.query<{ name: string; last_value: string | null }>(
      `select sequencename as name, last_value::text from pg_sequences where schemaname = 'public'`,
    );
    for (const { name, last_value } of sequences) {
      if (last_value !== null)
        await client.query('select setval($1::regclass, $2::bigint)', [quote(name), last_value]);
    }
    await client.query('commit');
    return copied;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Copies every application table of a PGlite DATA_DIR into `target` (migrated, and holding no
 * users yet). The old folder is read from a copy, and renamed `pglite.migrated-<time>` only once
 * everything has committed with matching row counts.
 */
export async function copyLegacyData(
  dataDir: string,
  target: Database,
  progress: (message: string) => void,
): Promise<CopiedTable[]> {
  const { rows: users } = await target.executeSql('select count(*)::int as n from users', []);
  if (Number(users[0]?.n) > 0) throw new Error('the target database already holds data; nothing was copied');
  // PGlite is loaded only here, to read the old files.
  const pglite = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const scratch = mkdtempSync(path.join(tmpdir(), 'raktar-pglite-'));
  try {
    cpSync(legacyDir(dataDir), scratch, { recursive: true });
    const source = await pglite.PGlite.create({ dataDir: scratch, extensions: { pg_trgm, unaccent } });
    try {
      // The old data may predate later migrations: bring the copy to the same schema first.
      await migrate(drizzle({ client: source }), { migrationsFolder });
      const copied = await copyTables(source, target, progress);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      renameSync(legacyDir(dataDir), path.join(dataDir, `pglite.migrated-${stamp}`));
      return copied;
    } finally {
      await source.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
