import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { preparedStatement } from '../../db/prepared.js';
import type { PageRequest } from '../../platform/pagination.js';
import type { Role } from '../../platform/roles.js';
import { userModules, users } from './identity.tables.js';
import { usernameCandidate } from './username.js';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export interface UserFilter {
  search?: string;
  role?: Role;
  isActive?: boolean;
  onlyId?: string;
}

export const UserSorts = {
  username_asc: asc(users.username),
  username_desc: desc(users.username),
  created_asc: asc(users.createdAt),
  created_desc: desc(users.createdAt),
  email_asc: asc(users.email),
  email_desc: desc(users.email),
} as const;
export type UserSort = keyof typeof UserSorts;

export async function findUserById(db: DbOrTx, id: string, lock = false): Promise<UserRow | undefined> {
  const query = db.select().from(users).where(eq(users.id, id));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

/** Finds a user by username or e-mail, case-insensitively. */
export async function findUserByLogin(db: DbOrTx, login: string): Promise<UserRow | undefined> {
  const needle = login.trim().toLowerCase();
  const [row] = await db
    .select()
    .from(users)
    .where(or(sql`lower(${users.username}) = ${needle}`, sql`lower(${users.email}) = ${needle}`))
    .limit(1);
  return row;
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return row;
}

export interface PrincipalRow {
  id: string;
  username: string;
  role: string;
  isActive: boolean;
  tokenVersion: number;
  modules: string[];
}

/** Runs on every authenticated request: prepared once per connection. */
const principalStatement = preparedStatement<PrincipalRow, { id: string }>(
  () => sql`select u.id, u.username, u.role, u.is_active as "isActive", u.token_version as "tokenVersion",
      coalesce(array(
        select um.module_key from user_modules um
        join modules m on m.key = um.module_key
        where um.user_id = u.id and m.is_active
        order by 1), '{}') as modules
    from users u where u.id = ${sql.placeholder('id')}::uuid`,
);

/** The user with its active module grants, in one round trip. */
export async function findPrincipalRow(db: DbOrTx, id: string): Promise<PrincipalRow | undefined> {
  const [row] = await principalStatement(db, { id });
  return row;
}

/** The first of `base`, `base-2`, `base-3` … that no user has (in any case), looked up 100 at a time. */
export async function firstFreeUsername(db: DbOrTx, base: string): Promise<string> {
  for (let first = 1; ; first += 100) {
    const candidates = Array.from({ length: 100 }, (_, i) => usernameCandidate(base, first + i));
    const taken = await db
      .select({ name: sql<string>`lower(${users.username})` })
      .from(users)
      .where(inArray(sql`lower(${users.username})`, candidates));
    const names = new Set(taken.map((row) => row.name));
    const free = candidates.find((candidate) => !names.has(candidate));
    if (free) return free;
  }
}

export async function insertUser(db: DbOrTx, user: NewUser): Promise<UserRow> {
  const [row] = await db.insert(users).values(user).returning();
  return row as UserRow;
}

/** Updates when the version still matches; undefined when someone else changed the row first. */
export async function updateUser(
  db: DbOrTx,
  id: string,
  expectedVersion: number,
  changes: Partial<NewUser>,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...changes, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(users.id, id), eq(users.version, expectedVersion)))
    .returning();
  return row;
}

export async function touchLastLogin(db: DbOrTx, id: string, passwordHash?: string): Promise<void> {
  await db
    .update(users)
    .set({ lastLoginAt: sql`now()`, ...(passwordHash ? { passwordHash } : {}) })
    .where(eq(users.id, id));
}

/** Sets a new password hash and invalidates every access token issued before. */
export async function setPassword(db: DbOrTx, id: string, passwordHash: string): Promise<void> {
  await db
    .update(users)
    .set({
      passwordHash,
      tokenVersion: sql`${users.tokenVersion} + 1`,
      version: sql`${users.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, id));
}

function filterWhere(filter: UserFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filter.onlyId) conditions.push(eq(users.id, filter.onlyId));
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.isActive !== undefined) conditions.push(eq(users.isActive, filter.isActive));
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`;
    conditions.push(
      or(ilike(users.username, pattern), ilike(users.email, pattern), ilike(users.fullName, pattern)),
    );
  }
  return and(...conditions);
}

export async function listUsers(db: DbOrTx, filter: UserFilter, sort: UserSort, page: PageRequest) {
  const where = filterWhere(filter);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(UserSorts[sort], asc(users.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Locks every active admin row, so two concurrent demotions cannot both pass the last-admin check. */
export async function lockActiveAdmins(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.isActive, true)))
    .orderBy(asc(users.id))
    .for('update');
  return rows.map((row) => row.id);
}

/** The active administrator created first: who acts for the operator at the command line. */
export async function firstActiveAdmin(db: DbOrTx): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.isActive, true)))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(1);
  return row;
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function grantedModules(db: DbOrTx, userIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return result;
  const rows = await db
    .select({ userId: userModules.userId, key: userModules.moduleKey })
    .from(userModules)
    .where(inArray(userModules.userId, userIds))
    .orderBy(asc(userModules.moduleKey));
  for (const row of rows) result.get(row.userId)?.push(row.key);
  return result;
}

export async function replaceModules(db: DbOrTx, userId: string, keys: string[]): Promise<void> {
  await db.delete(userModules).where(eq(userModules.userId, userId));
  if (keys.length > 0) await db.insert(userModules).values(keys.map((moduleKey) => ({ userId, moduleKey })));
}

/** Every active user's address, role and granted modules (those alert mails may go to). */
export async function activeMailboxes(db: DbOrTx) {
  const found = await db
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.isActive, true))
    .orderBy(asc(users.email));
  const modules = await grantedModules(
    db,
    found.map((user) => user.id),
  );
  return found.map((user) => ({
    id: user.id,
    email: user.email,
    role: user.role as Role,
    modules: modules.get(user.id) ?? [],
  }));
}
