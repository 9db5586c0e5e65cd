import { invalidFields } from '../../platform/errors.js';

/** The ledger keeps 4 decimal places. */
export const LEDGER_SCALE = 4;

/** A JSON number as an exact decimal string for SQL (no exponent notation). */
export function decimal(value: number): string {
  if (!Number.isFinite(value))
    throw invalidFields({
      field: 'quantity',
      messages: { en: 'must be a finite number', hu: 'véges szám kell legyen' },
    });
  const text = String(value);
  if (!text.includes('e')) return text;
  // Exponent notation: write the digits out (trailing zeros dropped), so precision checks see them.
  const fixed = value
    .toFixed(20)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  if (/^-?0$/.test(fixed))
    throw invalidFields({
      field: 'quantity',
      messages: { en: 'must be 0 or at least 1e-20', hu: '0 vagy legalább 1e-20 kell legyen' },
    });
  return fixed;
}

/** The magnitude of a signed decimal string. */
export function magnitude(quantity: string): string {
  return quantity.startsWith('-') ? quantity.slice(1) : quantity;
}
