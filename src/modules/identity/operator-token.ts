import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Role } from '../../platform/roles.js';
import { AccessTokens } from './tokens.js';
import { findUserByLogin, firstActiveAdmin } from './users.repo.js';

/**
 * An access token for the command-line tools, which drive the API in-process: whoever runs them
 * holds the database already. It acts as `username` (an active administrator) or the first active
 * administrator, and belongs to no login, so only a password change or a deactivation ends it.
 */
export async function operatorAccessToken(db: Db, config: Config, username?: string): Promise<string> {
  if (!config.jwtSecret) throw new Error('operatorAccessToken needs config.jwtSecret');
  const user = username ? await findUserByLogin(db, username) : await firstActiveAdmin(db);
  if (!user?.isActive || user.role !== 'admin') {
    throw new Error(
      username
        ? `${username} is not an active administrator`
        : 'the database has no active administrator (start Raktar once, or run `raktar user:create --role admin`)',
    );
  }
  const tokens = new AccessTokens(config.jwtSecret, config.accessTokenMinutes * 60);
  return tokens.sign({ sub: user.id, role: user.role as Role, tv: user.tokenVersion });
}
