import { hash, verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';
import type { FieldError } from '../../platform/error-handler.js';
import { Errors, type Messages } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import { IdentityTexts, PasswordRules } from './identity.errors.js';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** Verifies against argon2id, or a bcrypt hash imported from an older system. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (/^\$2[aby]\$/.test(passwordHash)) return bcrypt.compare(password, passwordHash);
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** True when the stored hash should be replaced by a fresh argon2id one at the next login. */
export function needsRehash(passwordHash: string): boolean {
  return !passwordHash.startsWith('$argon2id$');
}

const RULES: { test: (p: string) => boolean; messages: Messages }[] = [
  { test: (p) => [...p].length >= 8, messages: PasswordRules.length },
  { test: (p) => /\p{Lu}/u.test(p), messages: PasswordRules.upper },
  { test: (p) => /\p{Ll}/u.test(p), messages: PasswordRules.lower },
  { test: (p) => /\p{Nd}/u.test(p), messages: PasswordRules.digit },
  { test: (p) => /[^\p{L}\p{Nd}\s]/u.test(p), messages: PasswordRules.special },
];

/** Seed 001's strength rules; throws 422 naming every missing element in the caller's language. */
export function assertStrongPassword(password: string, locale: Locale, field = 'password'): void {
  const missing = RULES.filter((rule) => !rule.test(password));
  if (missing.length === 0) return;
  const message = IdentityTexts.passwordNeeds(locale, {
    missing: missing.map((r) => r.messages[locale]).join(', '),
  });
  const errors: FieldError[] = [{ field, message }];
  throw Errors.validation({}, { errors });
}
