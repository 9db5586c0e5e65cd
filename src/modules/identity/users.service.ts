import type { Config } from '../../config.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { Errors } from '../../platform/errors.js';
import type { PageRequest } from '../../platform/pagination.js';
import { toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { canonicalRole, type Role } from '../../platform/roles.js';
import { recordAudit } from '../audit/index.js';
import { IdentityErrors } from './identity.errors.js';
import type { RegisterBody, UserChanges, UserCreate } from './identity.schemas.js';
import { existingModuleKeys } from './modules.repo.js';
import { assertStrongPassword, hashPassword } from './passwords.js';
import { PrincipalCache } from './principal-cache.js';
import { revokeAllForUser } from './tokens.repo.js';
import { usernameBase } from './username.js';
import { auditSnapshot, toUserPublic, type UserPublic } from './users.mapper.js';
import {
  activeMailboxes,
  findPrincipalRow,
  findUserById,
  firstFreeUsername,
  grantedModules,
  insertUser,
  listUsers,
  lockActiveAdmins,
  type NewUser,
  type PrincipalRow,
  replaceModules,
  type UserFilter,
  type UserRow,
  type UserSort,
  updateUser,
} from './users.repo.js';

/**
 * A new user, as `POST /users` (and the CLI) or registration gives it: registration's shape plus
 * the role and modules only an admin sets. Without a username, the e-mail address suggests one
 * (see `usernameBase`).
 */
export type NewUserInput = RegisterBody & Pick<UserCreate, 'role' | 'modules'>;

const SEES_EVERYONE: Role[] = ['admin', 'manager'];
/** Attempts at a derived username before giving up with 409; each loses only to a concurrent insert. */
const DERIVED_USERNAME_ROUNDS = 20;

/** Users, their roles and module grants (seed 000's table: admin writes, manager reads, others see themselves). */
export class UsersService {
  /** The user rows behind bearer tokens; every change here is forgotten once it commits. */
  readonly principals: PrincipalCache<PrincipalRow>;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {
    this.principals = new PrincipalCache(config.principalCacheSeconds * 1000);
  }

  /** The user behind a bearer token, with their active module grants. */
  principal(id: string): Promise<PrincipalRow | undefined> {
    return this.principals.resolve(id, () => findPrincipalRow(this.db, id));
  }

  /** Active users with their address, role and module grants: who notifications may go to. */
  mailboxes(): Promise<{ id: string; email: string; role: Role; modules: string[] }[]> {
    return activeMailboxes(this.db);
  }

  private assertMaySee(ctx: RequestCtx, userId: string): void {
    const actor = ctx.actor;
    if (!actor) throw Errors.unauthorized();
    if (!SEES_EVERYONE.includes(actor.role) && actor.id !== userId) throw Errors.forbidden();
  }

  private async publicOf(db: DbOrTx, row: UserRow): Promise<UserPublic> {
    const grants = await grantedModules(db, [row.id]);
    return toUserPublic(row, grants.get(row.id) ?? []);
  }

  /** Lists users; a warehouse or viewer user sees only themselves. */
  async list(ctx: RequestCtx, filter: UserFilter, sort: UserSort, page: PageRequest) {
    const actor = ctx.actor;
    if (!actor) throw Errors.unauthorized();
    const scoped = SEES_EVERYONE.includes(actor.role) ? filter : { ...filter, onlyId: actor.id };
    const { rows, total } = await listUsers(this.db, scoped, sort, page);
    const grants = await grantedModules(
      this.db,
      rows.map((row) => row.id),
    );
    return toPage(
      rows.map((row) => toUserPublic(row, grants.get(row.id) ?? [])),
      total,
      page,
    );
  }

  async get(ctx: RequestCtx, id: string): Promise<UserPublic> {
    this.assertMaySee(ctx, id);
    const row = await findUserById(this.db, id);
    if (!row) throw IdentityErrors.userNotFound();
    return this.publicOf(this.db, row);
  }

  /** Creates a user inside the caller's transaction (also used by registration and the CLI). */
  async createIn(
    tx: DbOrTx,
    ctx: RequestCtx,
    input: NewUserInput,
    action = 'user.create',
  ): Promise<UserPublic> {
    assertStrongPassword(input.password, ctx.locale);
    const modules = input.modules ?? this.config.defaultModules;
    await this.assertModulesExist(tx, modules);
    const values = {
      email: input.email.trim(),
      fullName: input.full_name?.trim() ?? '',
      passwordHash: await hashPassword(input.password),
      role: canonicalRole(input.role ?? this.config.defaultRole),
    };
    let row: UserRow;
    try {
      row =
        input.username === undefined
          ? await this.insertWithDerivedUsername(tx, values)
          : await insertUser(tx, { ...values, username: input.username.trim() });
    } catch (error) {
      throw this.duplicateError(error, input) ?? error;
    }
    await replaceModules(tx, row.id, modules);
    await recordAudit(tx, ctx, {
      action,
      entityType: 'user',
      entityId: row.id,
      after: auditSnapshot(row, modules),
      actor: ctx.actor ?? { id: row.id, username: row.username },
    });
    return toUserPublic(row, [...modules].sort());
  }

  /**
   * Inserts the user under the username its e-mail address suggests, or the first free `-2`,
   * `-3` … of it. A registration racing this one for the same name makes only this insert fail
   * (it runs in a savepoint): the next round sees that name taken and picks another.
   */
  private async insertWithDerivedUsername(tx: DbOrTx, values: Omit<NewUser, 'username'>): Promise<UserRow> {
    const base = usernameBase(values.email);
    for (let round = 0; round < DERIVED_USERNAME_ROUNDS; round++) {
      const username = await firstFreeUsername(tx, base);
      try {
        return await tx.transaction((savepoint) => insertUser(savepoint, { ...values, username }));
      } catch (error) {
        if (!isUniqueViolation(error, 'users_username_key')) throw error;
      }
    }
    throw IdentityErrors.usernameTaken({ username: base });
  }

  create(ctx: RequestCtx, input: NewUserInput): Promise<UserPublic> {
    return this.db.transaction((tx) => this.createIn(tx, ctx, input));
  }

  /** Applies changed fields; a stale `version` is 412, self-demotion and removing the last admin are 409. */
  async update(
    ctx: RequestCtx,
    id: string,
    changes: UserChanges,
    expectedVersion?: number,
  ): Promise<UserPublic> {
    const actor = ctx.actor;
    if (!actor) throw Errors.unauthorized();
    const updated = await this.db.transaction(async (tx) => {
      // A change that may remove an admin locks the active admins first, in id order, and only
      // then the user: two admins removing each other wait for one another instead of deadlocking.
      const admins =
        changes.is_active === false || changes.role !== undefined ? await lockActiveAdmins(tx) : [];
      const current = await findUserById(tx, id, true);
      if (!current) throw IdentityErrors.userNotFound();
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw Errors.stale();
      const role = changes.role === undefined ? undefined : canonicalRole(changes.role);
      const losesAdmin =
        current.role === 'admin' &&
        current.isActive &&
        ((role && role !== 'admin') || changes.is_active === false);
      if (id === actor.id && ((role && role !== current.role) || changes.is_active === false)) {
        throw IdentityErrors.selfChange();
      }
      if (losesAdmin && admins.every((adminId) => adminId === id)) throw IdentityErrors.lastAdmin();
      if (changes.password !== undefined) assertStrongPassword(changes.password, ctx.locale);
      const invalidatesTokens = changes.password !== undefined || changes.is_active === false;
      let row: UserRow | undefined;
      try {
        row = await updateUser(tx, id, current.version, {
          ...(changes.email !== undefined ? { email: changes.email.trim() } : {}),
          ...(changes.username !== undefined ? { username: changes.username.trim() } : {}),
          ...(changes.full_name !== undefined ? { fullName: changes.full_name.trim() } : {}),
          ...(role ? { role } : {}),
          ...(changes.is_active !== undefined ? { isActive: changes.is_active } : {}),
          ...(changes.password !== undefined ? { passwordHash: await hashPassword(changes.password) } : {}),
          ...(invalidatesTokens ? { tokenVersion: current.tokenVersion + 1 } : {}),
        });
      } catch (error) {
        throw this.duplicateError(error, { email: changes.email, username: changes.username }) ?? error;
      }
      if (!row) throw Errors.stale();
      if (invalidatesTokens) await revokeAllForUser(tx, id);
      await recordAudit(tx, ctx, {
        action: changes.is_active === false ? 'user.deactivate' : 'user.update',
        entityType: 'user',
        entityId: id,
        before: {
          ...auditSnapshot(current),
          ...(changes.password !== undefined ? { password_changed: false } : {}),
        },
        after: {
          ...auditSnapshot(row),
          ...(changes.password !== undefined ? { password_changed: true } : {}),
        },
      });
      return this.publicOf(tx, row);
    });
    this.principals.forget(id);
    return updated;
  }

  /** DELETE deactivates: the user keeps their history but can no longer sign in. */
  deactivate(ctx: RequestCtx, id: string): Promise<UserPublic> {
    return this.update(ctx, id, { is_active: false });
  }

  /** Replaces a user's module grants. */
  async setModules(ctx: RequestCtx, id: string, keys: string[]): Promise<UserPublic> {
    const updated = await this.db.transaction(async (tx) => {
      const current = await findUserById(tx, id, true);
      if (!current) throw IdentityErrors.userNotFound();
      await this.assertModulesExist(tx, keys);
      const before = (await grantedModules(tx, [id])).get(id) ?? [];
      await replaceModules(tx, id, keys);
      const after = [...keys].sort();
      await recordAudit(tx, ctx, {
        action: 'user.modules',
        entityType: 'user',
        entityId: id,
        before: { modules: before },
        after: { modules: after },
      });
      return toUserPublic(current, after);
    });
    this.principals.forget(id);
    return updated;
  }

  private async assertModulesExist(db: DbOrTx, keys: string[]): Promise<void> {
    const known = await existingModuleKeys(db, keys);
    const unknown = keys.find((key) => !known.has(key));
    if (unknown) throw IdentityErrors.unknownModule({ key: unknown });
  }

  private duplicateError(error: unknown, input: { email?: string; username?: string }) {
    if (isUniqueViolation(error, 'users_email_key'))
      return IdentityErrors.emailTaken({ email: input.email ?? '' });
    if (isUniqueViolation(error, 'users_username_key'))
      return IdentityErrors.usernameTaken({ username: input.username ?? '' });
    return undefined;
  }
}
