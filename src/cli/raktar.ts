#!/usr/bin/env node
import { Argument, Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config.js';
import { ROLE_ALIASES } from '../platform/roles.js';
import { VERSION } from '../version.js';
import { CliError, describeError } from './context.js';

/**
 * `raktar`: the operator's command line. Each command loads its own code when it runs, so
 * `raktar --help` starts at once. A failure ends with one line on standard error and exit code 1.
 */
const program = new Command('raktar')
  .description('Raktar operations: database, users, demo data, files, backups')
  .version(VERSION)
  .showHelpAfterError('(raktar --help lists the commands)')
  .exitOverride();

program
  .command('migrate')
  .description('apply pending database migrations and exit (start does this too)')
  .action(async () => (await import('./commands/migrate.js')).migrate());

program
  .command('migrate-embedded')
  .description('copy the data of the earlier in-process engine (DATA_DIR/pglite) into the database')
  .action(async () => (await import('./commands/migrate-embedded.js')).migrateEmbedded());

program
  .command('user:create')
  .description('add a user; without --password a strong one is generated and printed once')
  .requiredOption('--username <name>', 'sign-in name')
  .requiredOption('--email <address>', 'e-mail address')
  .addOption(new Option('--role <role>', 'role').default('viewer').choices(ROLE_ALIASES))
  .option('--full-name <name>', 'full name')
  .option('--password <password>', 'password (must meet the strength rules)')
  .option('--modules <keys>', 'module grants, comma-separated (e.g. inventory,sales)')
  .action(async (options) => (await import('./commands/user-create.js')).userCreate(options));

program
  .command('verify')
  .description('recompute every balance from the stock ledger and report differences (exit 1 on any)')
  .option('--incremental', 'from the latest verified snapshot plus the ledger since')
  .option('--json', 'print the whole report as JSON')
  .action(async (options) => (await import('./commands/verify.js')).verify(options));

program
  .command('seed:demo')
  .description('load a realistic demo site into an empty database')
  .action(async () => (await import('./commands/seed-demo.js')).seedDemoCommand());

program
  .command('export')
  .description('download a list or report as a file, as GET /api/v1/<list>?format= answers it')
  .argument('<list>', 'path under /api/v1, e.g. products, stock-movements, reports/stock-on-hand')
  .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).default('csv'))
  .option('--out <file>', 'where to write (default: the name the API gives, in the current folder)')
  .option('--query <pairs...>', 'filters as name=value, e.g. --query warehouse_id=… from=2026-01-01')
  .option('--as <username>', 'the administrator to act as (default: the first active one)')
  .action(async (list, options) => (await import('./commands/export.js')).exportList(list, options));

program
  .command('import')
  .description('import a CSV or XLSX file, as POST /api/v1/imports/<kind> does')
  .addArgument(
    new Argument('<kind>', 'what the file holds').choices(['products', 'opening-stock', 'bins', 'partners']),
  )
  .argument('<file>', 'the CSV or XLSX file')
  .option('--dry-run', 'only check the file and say what would be created')
  .option('--create-categories', 'products: create the categories the file names')
  .addOption(
    new Option('--kind <kind>', 'partners: take every row as this kind').choices(['supplier', 'customer']),
  )
  .option('--as <username>', 'the administrator to act as (default: the first active one)')
  .action(async (kind, file, options) =>
    (await import('./commands/import.js')).importFile(kind, file, options),
  );

program
  .command('backup')
  .description(
    'write a backup to BACKUP_DIR: a physical .tar.gz of the embedded server, pg_dump with DATABASE_URL',
  )
  .option('--keep <n>', 'then keep only the newest n backups (default: BACKUP_KEEP)')
  .action(async (options) => (await import('./commands/backup.js')).backup(options));

program
  .command('restore')
  .description('restore a backup into an empty DATA_DIR (or the DATABASE_URL database), then verify')
  .argument('<file>', 'a backup written by `raktar backup`')
  .option('--force', 'replace what the target holds (the embedded cluster is kept aside, not deleted)')
  .action(async (file, options) => (await import('./commands/restore.js')).restore(file, options));

async function main(): Promise<number> {
  try {
    await program.parseAsync(process.argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has already printed its one line for a usage error.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliError) {
      console.error(`raktar: ${error.message}`);
      return error.exitCode;
    }
    console.error(`raktar: ${error instanceof ConfigError ? error.message : describeError(error)}`);
    return 1;
  }
}

// Explicit exit: an open handle (a pool, a timer) must not keep a finished command alive.
main().then((code) => process.exit(code));
