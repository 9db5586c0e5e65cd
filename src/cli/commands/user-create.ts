import { generatePassword, UsersService } from '../../modules/identity/index.js';
import { cliConfig, withDatabase } from '../context.js';

export interface UserCreateOptions {
  username: string;
  email: string;
  role: string;
  fullName?: string;
  password?: string;
  modules?: string;
}

/** `raktar user:create`: adds a user; without --password a strong one is generated and printed once. */
export async function userCreate(options: UserCreateOptions): Promise<void> {
  const config = cliConfig();
  await withDatabase(config, async (database) => {
    const password = options.password ?? generatePassword();
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
        username: options.username,
        email: options.email,
        role: options.role,
        full_name: options.fullName,
        password,
        ...(options.modules !== undefined ? { modules: options.modules.split(',').filter(Boolean) } : {}),
      },
    );
    console.log(`raktar: created ${user.role} ${user.username} (${user.id})`);
    if (!options.password) console.log(`  password: ${password}`);
  });
}
