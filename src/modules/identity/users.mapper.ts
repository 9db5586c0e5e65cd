import type { UserRow } from './users.repo.js';

/** The public shape of a user: never the password hash or token version. */
export function toUserPublic(row: UserRow, modules: string[]) {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    full_name: row.fullName,
    role: row.role,
    is_active: row.isActive,
    modules,
    last_login_at: row.lastLoginAt?.toISOString() ?? null,
    version: row.version,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
export type UserPublic = ReturnType<typeof toUserPublic>;

/** The audited snapshot of a user (secrets are stripped again by the audit diff). */
export function auditSnapshot(row: UserRow, modules?: string[]) {
  return {
    email: row.email,
    username: row.username,
    full_name: row.fullName,
    role: row.role,
    is_active: row.isActive,
    ...(modules ? { modules } : {}),
  };
}
