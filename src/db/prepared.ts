import { createHash } from 'node:crypto';
import type { Query, SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.js';

const dialect = new PgDialect();

/**
 * Whether hot statements are prepared under a name on each connection. Off
 * (`DB_PREPARED_STATEMENTS=false`) for a transaction-mode pooler that does not track them
 * (PgBouncer before 1.21, or without `max_prepared_statements`): they then run unnamed, parsed
 * each time.
 */
let named = true;
export function useNamedStatements(enabled: boolean): void {
  named = enabled;
}

/**
 * A hot-path statement (it runs on every stock posting or authenticated request), written once
 * with `sql.placeholder(...)` for its values. Its text is built on first use, not per call, and
 * each pooled connection parses and plans it once under a name derived from the text. That halves
 * the server's cost for the ledger's CTEs and takes query building off the API's event loop.
 *
 * `planEachRun`: the statement runs unnamed, so PostgreSQL plans it for the values of each run.
 * For a statement whose best plan depends on them (a search term: one plan for `a`, another for
 * `kave premium`), where a plan kept for any values would be several times slower for some.
 */
export function preparedStatement<Row, Values extends Record<string, unknown>>(
  build: () => SQL,
  options: { planEachRun?: boolean } = {},
) {
  let built: { query: Query; name: string } | undefined;
  const compiled = () => {
    if (!built) {
      const query = dialect.sqlToQuery(build());
      const name = `rk_${createHash('sha1').update(query.sql).digest('hex').slice(0, 20)}`;
      built = { query, name };
    }
    return built;
  };
  const run = async (db: DbOrTx, values: Values): Promise<Row[]> => {
    const { query, name } = compiled();
    const asNamed = named && !options.planEachRun;
    const prepared = db._.session.prepareQuery(query, undefined, asNamed ? name : undefined, false);
    const result = (await prepared.execute(values)) as { rows: Row[] };
    return result.rows;
  };
  return run;
}
