import { type CountryCode, parsePhoneNumberWithError } from 'libphonenumber-js';
import { Errors } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';

/** A valid phone number in E.164 (`+36301234567`); numbers without a country code use `region`. */
export function normalizePhone(raw: string, region: string, locale: Locale, field = 'phone'): string {
  try {
    const phone = parsePhoneNumberWithError(raw, region as CountryCode);
    if (phone.isValid()) return phone.number;
  } catch {
    // Fall through to the localized validation error.
  }
  const message = locale === 'hu' ? 'érvénytelen telefonszám' : 'is not a valid phone number';
  throw Errors.validation({}, { errors: [{ field, message }] });
}
