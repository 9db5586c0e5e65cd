import type { FastifyInstance } from 'fastify';
import { accessPlugin } from '../../platform/access.js';
import type { ChangeFeed } from '../../platform/change-feed.js';
import type { ModuleContext } from '../../platform/module-context.js';
import type { ValkeyClient } from '../../platform/valkey.js';
import type { Mailer } from '../mail/index.js';
import { authRoutes } from './auth.routes.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';
import { modulesRoutes } from './modules.routes.js';
import { ModulesService } from './modules.service.js';
import { AccessTokens } from './tokens.js';
import { usersRoutes } from './users.routes.js';
import { UsersService } from './users.service.js';

export { ensureFirstAdmin, generatePassword } from './first-admin.js';
export { resolveJwtSecret } from './jwt-secret.js';
export { operatorAccessToken } from './operator-token.js';
export { UsersService } from './users.service.js';

export interface IdentityModule {
  users: UsersService;
}

/**
 * Users, sign-in and module grants. It installs authentication and role checks for every route
 * registered after it, so it comes first.
 */
export async function register(
  app: FastifyInstance,
  { db, config }: ModuleContext,
  { mailer, valkey, feed }: { mailer: Mailer; valkey: ValkeyClient | undefined; feed: ChangeFeed },
): Promise<IdentityModule> {
  if (!config.jwtSecret) throw new Error('the identity module needs config.jwtSecret (main.ts resolves it)');
  const users = new UsersService(db, config);
  users.principals.shareThrough(feed, 'principal');
  const throttle = new LoginThrottle({
    maxFailures: config.loginMaxFailures,
    maxFailuresPerIp: config.loginMaxFailuresPerIp,
    windowSeconds: config.loginFailureWindowSeconds,
    valkey,
    prefix: config.valkeyPrefix,
  });
  const tokens = new AccessTokens(config.jwtSecret, config.accessTokenMinutes * 60);
  const auth = new AuthService(db, config, tokens, throttle, mailer, users);
  auth.shareThrough(feed);
  await app.register(accessPlugin, { authenticate: (request) => auth.authenticate(request) });
  await app.register(authRoutes, {
    prefix: '/api/v1/auth',
    auth,
    allowRegistration: config.allowRegistration,
  });
  await app.register(usersRoutes, { prefix: '/api/v1/users', users });
  await app.register(modulesRoutes, {
    prefix: '/api/v1/modules',
    modules: new ModulesService(db, users.principals),
  });
  return { users };
}
