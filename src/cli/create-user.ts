import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../config.js';
import { runMigrations } from '../db/migrate.js';
import { openConfiguredDatabase } from '../db/open.js';
import { generatePassword, UsersService } from '../modules/identity/index.js';
import { AppError } from '../platform/errors.js';

const USAGE = `usage: npm run user:create -- --username NAME --email ADDRESS [--role admin|manager|warehouse|viewer]
                            [--full-name "NAME"] [--password PASSWORD] [--modules inventory,sales]
Without --password a strong one is generated and printed once.`;

/** `npm run user:create`: adds a user to the configured database from the command line. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string', default: 'viewer' },
      'full-name': { type: 'string' },
      password: { type: 'string' },
      modules: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.username || !values.email) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  loadDotEnv();
  const config = loadConfig();
  const database = await openConfiguredDatabase(config, { attach: true });
  try {
    await runMigrations(database);
    const password = values.password ?? generatePassword();
    const users = new UsersService(database.db, config);
    const user = await users.create(
      {
        actor: null,
        ip: '127.0.0.1',
        userAgent: 'raktar-cli',
        requestId: 'cli',
        locale: config.defaultLocale,
      },
      {
        username: values.username,
        email: values.email,
        role: values.role,
        full_name: values['full-name'],
        password,
        ...(values.modules !== undefined ? { modules: values.modules.split(',').filter(Boolean) } : {}),
      },
    );
    console.log(`raktar: created ${user.role} ${user.username} (${user.id})`);
    if (!values.password) console.log(`  password: ${password}`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      const details =
        (error.extra.errors as { message: string }[] | undefined)?.map((e) => e.message).join(' ') ?? '';
      console.error(`raktar: ${error.localized(config.defaultLocale)} ${details}`.trim());
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`raktar: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
