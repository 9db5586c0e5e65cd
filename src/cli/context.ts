import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { type Config, loadConfig, loadDotEnv } from '../config.js';
import type { Database } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { openConfiguredDatabase } from '../db/open.js';
import { operatorAccessToken, resolveJwtSecret } from '../modules/identity/index.js';
import { AppError } from '../platform/errors.js';

/** A failure the CLI reports as one line and a non-zero exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** The settings of this shell: `.env`, then the environment. */
export function cliConfig(): Config {
  loadDotEnv();
  return loadConfig();
}

/** Where a command works, for its messages. */
export function databaseLabel(config: Config): string {
  return config.databaseUrl ? 'DATABASE_URL' : 'embedded';
}

/**
 * Opens the configured database for one command and closes it after: the DATABASE_URL server,
 * or the embedded server, started here or, while Raktar runs on DATA_DIR, that process's.
 */
export async function withDatabase<T>(
  config: Config,
  work: (database: Database) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const database = await openConfiguredDatabase(config, { attach: true });
  try {
    if (options.migrate !== false) await runMigrations(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

/** What a command that drives the HTTP application gets: the app and an administrator's token. */
export interface AppSession {
  app: FastifyInstance;
  config: Config;
  database: Database;
  token: string;
}

/**
 * Builds the application (no scheduler, no request log) on an open database, and an access token
 * for an administrator (`--as` or the first active one): what the operator on the machine may do
 * anyway, as they hold the database. Requests go through `app.inject`, so every rule, audit row
 * and posting is the API's own.
 */
export async function withApp<T>(
  database: Database,
  loaded: Config,
  work: (session: AppSession) => Promise<T>,
  options: { as?: string } = {},
): Promise<T> {
  const config = { ...loaded, jwtSecret: resolveJwtSecret(loaded).secret, schedulerEnabled: false };
  const app = await buildApp({ config, database, logger: false });
  try {
    await app.ready();
    const token = await operatorAccessToken(database.db, config, options.as);
    return await work({ app, config, database, token });
  } finally {
    await app.close();
  }
}

/** One line for an error a command could not handle itself. */
export function describeError(error: unknown, locale: 'en' | 'hu' = 'en'): string {
  if (error instanceof AppError) {
    const details = (error.extra.errors as { message: string }[] | undefined)?.map((e) => e.message) ?? [];
    return [error.localized(locale), ...details].join(' ').trim();
  }
  if (error instanceof Error) return error.message.split('\n')[0] ?? String(error);
  return String(error);
}
