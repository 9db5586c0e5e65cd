import { defineError, defineText } from '../../platform/errors.js';
import { defineMessageGroup } from '../../platform/translations.js';

export const IdentityErrors = {
  invalidCredentials: defineError('INVALID_CREDENTIALS', 401, {
    en: 'Incorrect username or password.',
    hu: 'Hibás felhasználónév vagy jelszó.',
  }),
  invalidToken: defineError('INVALID_TOKEN', 401, {
    en: 'The token is invalid or has expired.',
    hu: 'A token érvénytelen vagy lejárt.',
  }),
  userInactive: defineError('USER_INACTIVE', 401, {
    en: 'This user account is deactivated.',
    hu: 'Ez a felhasználói fiók le van tiltva.',
  }),
  refreshReused: defineError('REFRESH_TOKEN_REUSED', 401, {
    en: 'This refresh token was already used; every session of this login has been signed out.',
    hu: 'Ezt a frissítő tokent már felhasználták; a bejelentkezés minden munkamenete kijelentkeztetve.',
  }),
  resetTokenInvalid: defineError('RESET_TOKEN_INVALID', 400, {
    en: 'The password reset link is invalid, used or expired.',
    hu: 'A jelszó-visszaállító hivatkozás érvénytelen, már felhasznált vagy lejárt.',
  }),
  wrongPassword: defineError('WRONG_PASSWORD', 400, {
    en: 'The current password is incorrect.',
    hu: 'A jelenlegi jelszó hibás.',
  }),
  tooManyLogins: defineError('TOO_MANY_LOGIN_ATTEMPTS', 429, {
    en: 'Too many failed logins; try again in {seconds} seconds.',
    hu: 'Túl sok sikertelen bejelentkezés; próbálja újra {seconds} másodperc múlva.',
  }),
  userNotFound: defineError('USER_NOT_FOUND', 404, {
    en: 'User not found.',
    hu: 'A felhasználó nem található.',
  }),
  emailTaken: defineError('EMAIL_TAKEN', 409, {
    en: 'A user with e-mail {email} already exists.',
    hu: 'Már létezik felhasználó ezzel az e-mail-címmel: {email}.',
  }),
  usernameTaken: defineError('USERNAME_TAKEN', 409, {
    en: 'Username {username} is already taken.',
    hu: 'A(z) {username} felhasználónév már foglalt.',
  }),
  selfChange: defineError('CANNOT_CHANGE_SELF', 409, {
    en: 'You cannot deactivate yourself or change your own role.',
    hu: 'Saját magát nem tilthatja le, és a saját szerepkörét sem módosíthatja.',
  }),
  lastAdmin: defineError('LAST_ADMIN', 409, {
    en: 'The last active administrator cannot be deactivated or demoted.',
    hu: 'Az utolsó aktív adminisztrátor nem tiltható le és nem fokozható le.',
  }),
  unknownModule: defineError('UNKNOWN_MODULE', 422, {
    en: 'Unknown module: {key}.',
    hu: 'Ismeretlen modul: {key}.',
  }),
  moduleNotFound: defineError('MODULE_NOT_FOUND', 404, {
    en: 'Module not found.',
    hu: 'A modul nem található.',
  }),
};

/** Why a login names no account, or two (422 on the field). */
export const LoginIdentifierReasons = {
  missing: {
    en: 'send a username or an e-mail address',
    hu: 'adja meg a felhasználónevet vagy az e-mail-címet',
  },
  both: {
    en: 'send either username or email, not both',
    hu: 'a felhasználónevet vagy az e-mail-címet adja meg, ne mindkettőt',
  },
};

/** Identity's texts that are not errors. */
export const IdentityTexts = {
  passwordNeeds: defineText('password_needs', {
    en: 'The password needs {missing}.',
    hu: 'A jelszóból hiányzik: {missing}.',
  }),
  resetSubject: defineText('password_reset_subject', {
    en: 'Raktar password reset',
    hu: 'Raktar – jelszó visszaállítása',
  }),
  resetBody: defineText('password_reset_body', {
    en: 'To reset your password, open this link within {minutes} minutes:\n\n{link}\n\nIf you did not ask for this, ignore this message.',
    hu: 'Jelszava visszaállításához nyissa meg ezt a hivatkozást {minutes} percen belül:\n\n{link}\n\nHa nem Ön kérte, hagyja figyelmen kívül ezt a levelet.',
  }),
  forgotAccepted: defineText('password_reset_accepted', {
    en: 'If the address belongs to an account, a reset link is on its way.',
    hu: 'Ha a cím egy fiókhoz tartozik, a visszaállító hivatkozást elküldtük.',
  }),
};

/** What a strong password needs, each named in words. */
export const PasswordRules = defineMessageGroup('password_rule', {
  length: { en: 'at least 8 characters', hu: 'legalább 8 karakter' },
  upper: { en: 'an upper-case letter', hu: 'egy nagybetű' },
  lower: { en: 'a lower-case letter', hu: 'egy kisbetű' },
  digit: { en: 'a digit', hu: 'egy számjegy' },
  special: { en: 'a special character', hu: 'egy speciális karakter' },
});
