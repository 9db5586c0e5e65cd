import type { FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { Config } from '../../config.js';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Principal } from '../../platform/access.js';
import type { ChangeFeed } from '../../platform/change-feed.js';
import { Errors, invalidFields } from '../../platform/errors.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import type { Role } from '../../platform/roles.js';
import { recordAudit } from '../audit/index.js';
import type { Mailer } from '../mail/index.js';
import { IdentityErrors, IdentityTexts, LoginIdentifierReasons } from './identity.errors.js';
import type { LoginBody, RegisterBody } from './identity.schemas.js';
import type { LoginThrottle } from './login-throttle.js';
import { assertStrongPassword, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { PrincipalCache } from './principal-cache.js';
import { type AccessTokens, randomToken, sha256 } from './tokens.js';
import {
  consumeRefreshToken,
  consumeResetToken,
  findRefreshToken,
  insertRefreshToken,
  insertResetToken,
  isFamilyLive,
  revokeAllForUser,
  revokeFamily,
} from './tokens.repo.js';
import type { UserPublic } from './users.mapper.js';
import {
  findPrincipalRow,
  findUserByEmail,
  findUserById,
  findUserByLogin,
  setPassword,
  touchLastLogin,
} from './users.repo.js';
import type { UsersService } from './users.service.js';

export interface TokenPairPublic {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
}

/** The one name a login carries, and in which field; 422 when it carries none or both. */
function loginName(credentials: LoginBody): { field: 'username' | 'email'; name: string } {
  const { username, email } = credentials;
  if (username !== undefined && email !== undefined) {
    throw invalidFields(
      { field: 'username', messages: LoginIdentifierReasons.both },
      { field: 'email', messages: LoginIdentifierReasons.both },
    );
  }
  if (email !== undefined) return { field: 'email', name: email };
  if (username !== undefined) return { field: 'username', name: username };
  throw invalidFields({ field: 'username', messages: LoginIdentifierReasons.missing });
}

// Verified against when the username is unknown, so a miss costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;
function timingDummy(): Promise<string> {
  dummyHash ??= hashPassword('dummy-password-for-timing');
  return dummyHash;
}

/** Sign-in, tokens, password changes and resets; also resolves bearer tokens for the access hook. */
export class AuthService {
  /** Whether a login is still open, remembered like the principal (see PrincipalCache). */
  private readonly sessions: PrincipalCache<{ live: boolean }>;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
    private readonly mailer: Mailer,
    private readonly users: UsersService,
  ) {
    this.sessions = new PrincipalCache(config.principalCacheSeconds * 1000);
  }

  private async issueTokens(
    db: DbOrTx,
    user: { id: string; role: string; tokenVersion: number },
    familyId: string = uuidv7(),
  ): Promise<TokenPairPublic> {
    const refresh = randomToken();
    await insertRefreshToken(db, {
      userId: user.id,
      familyId,
      tokenHash: sha256(refresh),
      expiresAt: new Date(Date.now() + this.config.refreshTokenDays * 86_400_000),
    });
    const access = await this.tokens.sign({
      sub: user.id,
      role: user.role as Role,
      tv: user.tokenVersion,
      sid: familyId,
    });
    return {
      access_token: access,
      refresh_token: refresh,
      token_type: 'bearer',
      expires_in: this.tokens.ttlSeconds,
    };
  }

  /**
   * Checks the password of the account named by `username` (a username or an e-mail address) or
   * `email` (an e-mail address only), with failed attempts throttled per IP and account, and per IP.
   * An unknown name, whichever field carried it, answers as a wrong password does.
   */
  async login(ctx: RequestCtx, credentials: LoginBody): Promise<TokenPairPublic> {
    const { field, name } = loginName(credentials);
    const { password } = credentials;
    const user =
      field === 'email' ? await findUserByEmail(this.db, name) : await findUserByLogin(this.db, name);
    // One counter per account, whichever of its names was typed.
    const account = user?.id ?? name;
    await this.throttle.assertAllowed(ctx.ip, account);
    if (!user) await verifyPassword(await timingDummy(), password);
    const valid = user ? await verifyPassword(user.passwordHash, password) : false;
    if (!user || !valid || !user.isActive) {
      await this.throttle.recordFailure(ctx.ip, account);
      await recordAudit(this.db, ctx, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        after: { [field]: name, reason: !user || !valid ? 'bad_credentials' : 'inactive' },
      });
      throw user && valid ? IdentityErrors.userInactive() : IdentityErrors.invalidCredentials();
    }
    await this.throttle.reset(ctx.ip, account);
    return this.db.transaction(async (tx) => {
      await touchLastLogin(
        tx,
        user.id,
        needsRehash(user.passwordHash) ? await hashPassword(password) : undefined,
      );
      await recordAudit(tx, ctx, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        actor: { id: user.id, username: user.username },
      });
      return this.issueTokens(tx, user);
    });
  }

  /**
   * Rotates a refresh token. A token presented twice means it leaked (or a client raced itself):
   * the whole family is revoked, so whoever holds any token of that login must sign in again.
   */
  async refresh(ctx: RequestCtx, refreshToken: string): Promise<TokenPairPublic> {
    let ended: string | undefined;
    const outcome = await this.db.transaction(async (tx) => {
      const token = await findRefreshToken(tx, sha256(refreshToken));
      if (!token) return { error: IdentityErrors.invalidToken() };
      if (token.revokedAt && !token.usedAt) {
        // Revoked with its whole login (logout, password change, deactivation) before it was ever
        // used: a stale token, not a sign of theft.
        const user = await findUserById(tx, token.userId);
        return { error: user?.isActive ? IdentityErrors.invalidToken() : IdentityErrors.userInactive() };
      }
      if (token.usedAt || !(await consumeRefreshToken(tx, token.id))) {
        if (token.expiresAt.getTime() <= Date.now() && !token.usedAt)
          return { error: IdentityErrors.invalidToken() };
        await revokeFamily(tx, token.familyId);
        ended = token.familyId;
        const user = await findUserById(tx, token.userId);
        await recordAudit(tx, ctx, {
          action: 'auth.refresh_reuse',
          entityType: 'user',
          entityId: token.userId,
          after: { family_id: token.familyId },
          actor: user ? { id: user.id, username: user.username } : null,
        });
        return { error: IdentityErrors.refreshReused() };
      }
      const user = await findUserById(tx, token.userId);
      if (!user?.isActive) {
        await revokeFamily(tx, token.familyId);
        ended = token.familyId;
        return { error: IdentityErrors.userInactive() };
      }
      return { tokens: await this.issueTokens(tx, user, token.familyId) };
    });
    // After the commit: a load racing it could re-remember the login as open.
    if (ended) this.sessions.forget(ended);
    if ('error' in outcome) throw outcome.error;
    return outcome.tokens;
  }

  /** Revokes the refresh token's whole family (this login on every device it was refreshed on). */
  async logout(ctx: RequestCtx, refreshToken: string): Promise<void> {
    const ended = await this.db.transaction(async (tx) => {
      const token = await findRefreshToken(tx, sha256(refreshToken));
      if (!token) throw IdentityErrors.invalidToken();
      if (token.revokedAt) return undefined;
      await revokeFamily(tx, token.familyId);
      const user = await findUserById(tx, token.userId);
      await recordAudit(tx, ctx, {
        action: 'auth.logout',
        entityType: 'user',
        entityId: token.userId,
        actor: user ? { id: user.id, username: user.username } : null,
      });
      return token.familyId;
    });
    if (ended) this.sessions.forget(ended);
  }

  /**
   * The caller, with the modules they may use now: granted and switched on (a grant of a module
   * switched off stays on the user, as the users list shows, but opens nothing).
   */
  async me(ctx: RequestCtx): Promise<UserPublic> {
    if (!ctx.actor) throw IdentityErrors.invalidToken();
    const [user, principal] = await Promise.all([
      this.users.get(ctx, ctx.actor.id),
      findPrincipalRow(this.db, ctx.actor.id),
    ]);
    return { ...user, modules: principal?.modules ?? [] };
  }

  /** Changes the caller's password; every other session ends, and a fresh token pair is returned. */
  async changePassword(ctx: RequestCtx, current: string, next: string): Promise<TokenPairPublic> {
    if (!ctx.actor) throw IdentityErrors.invalidToken();
    const actorId = ctx.actor.id;
    const user = await findUserById(this.db, actorId);
    if (!user || !(await verifyPassword(user.passwordHash, current))) throw IdentityErrors.wrongPassword();
    assertStrongPassword(next, ctx.locale, 'new_password');
    const hash = await hashPassword(next);
    const pair = await this.db.transaction(async (tx) => {
      await setPassword(tx, actorId, hash);
      await revokeAllForUser(tx, actorId);
      await recordAudit(tx, ctx, { action: 'auth.change_password', entityType: 'user', entityId: actorId });
      return this.issueTokens(tx, { ...user, tokenVersion: user.tokenVersion + 1 });
    });
    this.users.principals.forget(actorId);
    return pair;
  }

  /**
   * Mails a single-use reset link when the address belongs to an active user. The caller learns
   * nothing either way: same answer, and the mail goes out after the response.
   */
  async forgotPassword(ctx: RequestCtx, email: string): Promise<void> {
    const user = await findUserByEmail(this.db, email);
    if (!user?.isActive) return;
    const token = randomToken();
    await this.db.transaction(async (tx) => {
      await insertResetToken(tx, {
        userId: user.id,
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + this.config.passwordResetMinutes * 60_000),
      });
      await recordAudit(tx, ctx, {
        action: 'auth.password_reset_requested',
        entityType: 'user',
        entityId: user.id,
        actor: { id: user.id, username: user.username },
      });
    });
    const link = `${this.config.publicUrl}/reset-password?token=${token}`;
    this.mailer.queue({
      to: user.email,
      subject: IdentityTexts.resetSubject(ctx.locale),
      text: IdentityTexts.resetBody(ctx.locale, { minutes: this.config.passwordResetMinutes, link }),
    });
  }

  /** Sets a new password from a reset token (once), ending every session of the user. */
  async resetPassword(ctx: RequestCtx, token: string, next: string): Promise<void> {
    assertStrongPassword(next, ctx.locale, 'new_password');
    const hash = await hashPassword(next);
    const userId = await this.db.transaction(async (tx) => {
      const userId = await consumeResetToken(tx, sha256(token));
      if (!userId) throw IdentityErrors.resetTokenInvalid();
      await setPassword(tx, userId, hash);
      await revokeAllForUser(tx, userId);
      const user = await findUserById(tx, userId);
      await recordAudit(tx, ctx, {
        action: 'auth.password_reset',
        entityType: 'user',
        entityId: userId,
        actor: user ? { id: user.id, username: user.username } : null,
      });
      return userId;
    });
    this.users.principals.forget(userId);
  }

  /** Self-registration (only when ALLOW_REGISTRATION is on): DEFAULT_ROLE and DEFAULT_MODULES; without a username, the e-mail suggests one. */
  register(ctx: RequestCtx, input: RegisterBody): Promise<UserPublic> {
    return this.db.transaction((tx) => this.users.createIn(tx, ctx, input, 'user.register'));
  }

  /** Whether the login an access token belongs to is still open (remembered like the principal). */
  /** Logins ended here (logout, refresh reuse) end on every instance at once. */
  shareThrough(feed: ChangeFeed): void {
    this.sessions.shareThrough(feed, 'session');
  }

  private async sessionOpen(sid: string): Promise<boolean> {
    const state = await this.sessions.resolve(sid, async () => ({ live: await isFamilyLive(this.db, sid) }));
    return state?.live === true;
  }

  /** Resolves `Authorization: Bearer <access token>` to the current user, or throws 401. */
  async authenticate(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    // No bearer token at all is "authentication required"; a token that fails is INVALID_TOKEN.
    if (!match?.[1]) throw Errors.unauthorized();
    const claims = await this.tokens.verify(match[1]);
    const row = await this.users.principal(claims.sub);
    if (!row) throw IdentityErrors.invalidToken();
    if (!row.isActive) throw IdentityErrors.userInactive();
    if (row.tokenVersion !== claims.tv) throw IdentityErrors.invalidToken();
    // A logout or a detected refresh reuse ends the login: its access tokens stop working too.
    if (claims.sid && !(await this.sessionOpen(claims.sid))) throw IdentityErrors.invalidToken();
    return { id: row.id, username: row.username, role: row.role as Role, modules: row.modules };
  }
}
