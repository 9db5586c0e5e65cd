import { Decimal } from 'decimal.js';
import { invalidFields } from './errors.js';
import { defineMessageGroup } from './translations.js';

const NumberReasons = defineMessageGroup('reason.number', {
  notFinite: { en: 'must be a finite number', hu: 'véges szám kell legyen' },
  tooSmall: { en: 'must be 0 or at least 1e-20', hu: '0 vagy legalább 1e-20 kell legyen' },
});

/** The ledger keeps 4 decimal places. */
export const LEDGER_SCALE = 4;

/** A JSON number as an exact decimal string for SQL (no exponent notation). */
export function decimal(value: number): string {
  if (!Number.isFinite(value))
    throw invalidFields({
      field: 'quantity',
      messages: NumberReasons.notFinite,
    });
  // Smaller than anything a column keeps: refused rather than written out to 300 places.
  if (value !== 0 && Math.abs(value) < 1e-20)
    throw invalidFields({
      field: 'quantity',
      messages: NumberReasons.tooSmall,
    });
  // The number's own shortest digits, written out without an exponent (1e-7, 1e21 alike).
  return new Decimal(value).toFixed();
}

/** The magnitude of a signed decimal string. */
export function magnitude(quantity: string): string {
  return quantity.startsWith('-') ? quantity.slice(1) : quantity;
}

/** Exact decimal arithmetic for quantities and money (never JavaScript floats). */
const Exact = Decimal.clone({ precision: 40 });
type DecimalLike = string | number;

/** `a` as an exact decimal; JSON numbers go through `decimal` first, so their digits are the ones sent. */
function exact(value: DecimalLike): Decimal {
  return new Exact(typeof value === 'number' ? decimal(value) : value);
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareDecimal(a: DecimalLike, b: DecimalLike): number {
  return exact(a).comparedTo(exact(b));
}

/** The exact sum, as a plain decimal string. */
export function sumDecimals(values: readonly DecimalLike[]): string {
  return values.reduce<Decimal>((sum, value) => sum.plus(exact(value)), new Exact(0)).toFixed();
}

/** `a - b`, as a plain decimal string. */
export function subtractDecimal(a: DecimalLike, b: DecimalLike): string {
  return exact(a).minus(exact(b)).toFixed();
}

/** `a × b`, as a plain decimal string. */
export function multiplyDecimal(a: DecimalLike, b: DecimalLike): string {
  return exact(a).times(exact(b)).toFixed();
}

/** The smaller of two decimals, as a plain decimal string. */
export function minDecimal(a: DecimalLike, b: DecimalLike): string {
  return Decimal.min(exact(a), exact(b)).toFixed();
}

/** `a ÷ b` rounded half up to `places` decimals, as a plain decimal string; null when `b` is 0. */
export function divideDecimal(a: DecimalLike, b: DecimalLike, places = LEDGER_SCALE): string | null {
  const divisor = exact(b);
  if (divisor.isZero()) return null;
  return exact(a).dividedBy(divisor).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed();
}

/** The natural logarithm of a positive decimal, rounded to `places` decimals. */
export function lnDecimal(value: DecimalLike, places = 10): string {
  return exact(value).ln().toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed();
}
