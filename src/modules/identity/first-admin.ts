import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { recordAudit } from '../audit/index.js';
import { hashPassword } from './passwords.js';
import { countUsers, insertUser, replaceModules } from './users.repo.js';

/** A password that meets the strength rules: random, with every character class present. */
export function generatePassword(): string {
  return `${randomBytes(12).toString('base64url')}aA1!`;
}

/**
 * On a database with no users, creates the first admin from ADMIN_* settings. Returns the
 * generated password when none was configured, so the caller can print it once.
 */
export async function ensureFirstAdmin(
  db: Db,
  config: Config,
): Promise<{ username: string; generatedPassword?: string } | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const password = config.admin.password ?? generatePassword();
  try {
    await db.transaction(async (tx) => {
      const admin = await insertUser(tx, {
        username: config.admin.username,
        email: config.admin.email,
        fullName: 'Administrator',
        passwordHash: await hashPassword(password),
        role: 'admin',
      });
      await replaceModules(tx, admin.id, [
        'admin',
        ...config.defaultModules.filter((key) => key !== 'admin'),
      ]);
      await recordAudit(
        tx,
        { actor: null, ip: '127.0.0.1', userAgent: 'raktar', requestId: 'first-start', locale: 'en' },
        {
          action: 'user.create',
          entityType: 'user',
          entityId: admin.id,
          after: { username: admin.username, role: 'admin' },
        },
      );
    });
  } catch (error) {
    // Another instance starting at the same moment created it first.
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
  return {
    username: config.admin.username,
    ...(config.admin.password ? {} : { generatedPassword: password }),
  };
}
