import { type CountryCode, parsePhoneNumberWithError } from 'libphonenumber-js';
import { invalidFields } from '../../platform/errors.js';
import { defineMessages } from '../../platform/translations.js';

const INVALID_PHONE = defineMessages('reason.phone.invalid', {
  en: 'is not a valid phone number',
  hu: 'érvénytelen telefonszám',
});

/** A valid phone number in E.164 (`+36301234567`); numbers without a country code use `region`. */
export function normalizePhone(raw: string, region: string, field = 'phone'): string {
  try {
    const phone = parsePhoneNumberWithError(raw, region as CountryCode);
    if (phone.isValid()) return phone.number;
  } catch {
    // Fall through to the localized validation error.
  }
  throw invalidFields({
    field,
    messages: INVALID_PHONE,
  });
}
