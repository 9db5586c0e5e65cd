/** The characters a username may hold; the username schema's pattern is built from them. */
export const USERNAME_CHARS = 'A-Za-z0-9._@-';
export const USERNAME_LENGTH = { min: 3, max: 64 } as const;

const NOT_ALLOWED = new RegExp(`[^${USERNAME_CHARS}]`, 'g');

/**
 * The username an e-mail address suggests: its local part, lowercased, accents taken off
 * (`józsef` → `jozsef`) and anything else a username may not hold left out. One shorter than
 * the minimum gets a `user-` in front (`a@…` → `user-a`; nothing left → `user`).
 */
export function usernameBase(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at < 0 ? email : email.slice(0, at);
  const reduced = local
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(NOT_ALLOWED, '')
    .slice(0, USERNAME_LENGTH.max);
  if (reduced.length >= USERNAME_LENGTH.min) return reduced;
  return reduced ? `user-${reduced}` : 'user';
}

/** The n-th choice for a base: the base itself, then `base-2`, `base-3` …, cut to the maximum length. */
export function usernameCandidate(base: string, n: number): string {
  if (n <= 1) return base.slice(0, USERNAME_LENGTH.max);
  const suffix = `-${n}`;
  return `${base.slice(0, USERNAME_LENGTH.max - suffix.length)}${suffix}`;
}
