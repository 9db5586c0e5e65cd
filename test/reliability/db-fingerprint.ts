import type { Database } from '../../src/db/client.js';

/**
 * A cheap fingerprint of every table in the `public` schema: its row count and the newest `xmin`
 * (the transaction that wrote a row version). Any committed insert raises both, an update raises
 * the newest `xmin`, a delete lowers the count: a change that commits cannot leave it as it was.
 */
export class DbFingerprint {
  private constructor(
    private readonly database: Database,
    private readonly sql: string,
    readonly tables: string[],
  ) {}

  static async of(database: Database): Promise<DbFingerprint> {
    const { rows } = await database.executeSql(
      `select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    );
    const tables = rows.map((row) => String(row.name));
    const sql = tables
      .map(
        (name) =>
          `select '${name}' as name, count(*)::text as n, coalesce(max(xmin::text::bigint), 0)::text as x from "${name}"`,
      )
      .join(' union all ');
    return new DbFingerprint(database, sql, tables);
  }

  /** `table → "rows/newest xmin"`. */
  async take(): Promise<Map<string, string>> {
    const { rows } = await this.database.executeSql(this.sql);
    return new Map(rows.map((row) => [String(row.name), `${row.n}/${row.x}`]));
  }
}

/** The tables whose fingerprint differs, with before → after. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after]
    .filter(([name, print]) => before.get(name) !== print)
    .map(([name, print]) => `${name} ${before.get(name)} → ${print}`);
}
