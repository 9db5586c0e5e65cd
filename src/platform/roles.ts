// A leaf module (no imports): config.ts reads role names from here too.
export const ROLES = ['admin', 'manager', 'warehouse', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Role names the other seeds use, mapped onto ours (DESIGN: operator, staff → warehouse; user → viewer). */
const ALIASES: Record<string, Role> = {
  admin: 'admin',
  manager: 'manager',
  warehouse: 'warehouse',
  viewer: 'viewer',
  operator: 'warehouse',
  staff: 'warehouse',
  user: 'viewer',
};

export const ROLE_ALIASES = Object.keys(ALIASES);

export function canonicalRole(name: string): Role {
  const role = ALIASES[name.toLowerCase()];
  if (!role) throw new Error(`unknown role ${name}`);
  return role;
}
