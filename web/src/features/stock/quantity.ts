import Decimal from 'decimal.js';

/**
 * A quantity as typed, for the API: a decimal comma is taken as a point; anything else that is not
 * a number goes as NaN (JSON null), so the API's message for the field says what is wrong.
 */
export function quantityOf(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** `a + b` exactly, as typed text (a half-typed `a` counts as nothing), for counting by repeated scans. */
export function plus(a: string, b: string): string {
  const parse = (text: string) => {
    try {
      return new Decimal(text.trim().replace(',', '.') || 0);
    } catch {
      return new Decimal(0);
    }
  };
  return parse(a).plus(parse(b)).toString();
}
