import type { Db } from '../../db/client.js';
import { StockQueries } from '../../modules/stock/index.js';
import { CliError, cliConfig, databaseLabel, withDatabase } from '../context.js';

export type VerifyReport = Awaited<ReturnType<StockQueries['verify']>>;

/** Recomputes every balance from the ledger (or incrementally from the latest verified snapshot). */
export function verifyLedger(db: Db, mode: 'full' | 'incremental' = 'full'): Promise<VerifyReport> {
  return new StockQueries(db).verify(mode);
}

/** One line for a verify report; the mismatches follow on lines of their own. */
export function verifySummary(report: VerifyReport): string {
  const snapshot = report.snapshot_checked
    ? `; snapshot of ${report.snapshot_checked.cut_at} ${report.snapshot_checked.ok ? 'matches' : 'DIFFERS'}`
    : '';
  const verdict = report.ok ? 'verify ok' : `verify FAILED: ${report.mismatches.length} mismatch(es)`;
  return `raktar: ${verdict}: ${report.balances_checked} balance(s) checked (${report.mode})${snapshot}`;
}

/** `raktar verify`: exits 1 when any balance differs from its ledger. */
export async function verify(options: { incremental?: boolean; json?: boolean }): Promise<void> {
  const config = cliConfig();
  const report = await withDatabase(config, (database) =>
    verifyLedger(database.db, options.incremental ? 'incremental' : 'full'),
  );
  if (options.json) console.log(JSON.stringify(report, null, 2));
  else {
    for (const mismatch of report.mismatches) console.log(`  ${JSON.stringify(mismatch)}`);
    console.log(`${verifySummary(report)} on the ${databaseLabel(config)} database`);
  }
  if (!report.ok) throw new CliError('the balances do not match the ledger (see above)');
}
