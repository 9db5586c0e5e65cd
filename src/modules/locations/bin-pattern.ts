import { defineError } from '../../platform/errors.js';
import { defineMessageGroup } from '../../platform/translations.js';

/** Why a pattern is refused; `{name}` is the placeholder concerned. */
const PatternReasons = defineMessageGroup('reason.bin_pattern', {
  numbers: {
    en: 'range of {name} must be whole numbers from low to high',
    hu: 'a(z) {name} tartománya alulról felfelé haladó egész számokból álljon',
  },
  letters: {
    en: 'range of {name} must run from a letter to a later one',
    hu: 'a(z) {name} tartománya egy betűtől egy későbbi betűig tartson',
  },
  rangeKind: {
    en: 'range of {name} must be two numbers or two single letters',
    hu: 'a(z) {name} tartománya két szám vagy két egyes betű legyen',
  },
  literal: {
    en: 'only letters, digits and . _ / - may appear outside placeholders',
    hu: 'a helyőrzőkön kívül csak betű, számjegy és . _ / - állhat',
  },
  twice: { en: '{name} appears twice', hu: 'a(z) {name} kétszer szerepel' },
  noRange: { en: 'no range for {name}', hu: 'a(z) {name} helyőrzőnek nincs tartománya' },
  noPlaceholder: {
    en: 'no placeholder in braces in the pattern',
    hu: 'a mintában nincs kapcsos zárójeles helyőrző',
  },
  unused: {
    en: 'range {name} is not used by the pattern',
    hu: 'a(z) {name} tartományt a minta nem használja',
  },
});

export const PatternErrors = {
  invalid: defineError('INVALID_BIN_PATTERN', 422, {
    en: 'Invalid bin code pattern: {reason}',
    hu: 'Érvénytelen tárhelykód-minta: {reason}',
  }),
  tooMany: defineError('BULK_TOO_LARGE', 422, {
    en: 'The pattern makes {count} bins; at most {max} may be created in one request.',
    hu: 'A minta {count} tárhelyet hozna létre; egy kérésben legfeljebb {max} hozható létre.',
  }),
};

export type Range = [string | number, string | number];

interface Placeholder {
  name: string;
  width: number;
  values: string[];
}

const PLACEHOLDER = /\{(\w+)(?::(\d{1,2}))?\}/g;
const LITERAL = /^[A-Za-z0-9._/-]*$/;

function expandRange(name: string, [start, end]: Range, width: number): string[] {
  if (typeof start === 'number' && typeof end === 'number') {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) {
      throw PatternErrors.invalid({ name, reason: PatternReasons.numbers });
    }
    return Array.from({ length: end - start + 1 }, (_, i) => String(start + i).padStart(width, '0'));
  }
  if (
    typeof start === 'string' &&
    typeof end === 'string' &&
    /^[A-Za-z]$/.test(start) &&
    /^[A-Za-z]$/.test(end)
  ) {
    const from = start.charCodeAt(0);
    const to = end.charCodeAt(0);
    const sameCase = (start === start.toUpperCase()) === (end === end.toUpperCase());
    if (!sameCase || to < from) throw PatternErrors.invalid({ name, reason: PatternReasons.letters });
    return Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
  }
  throw PatternErrors.invalid({ name, reason: PatternReasons.rangeKind });
}

/**
 * Expands a pattern such as `{aisle}-{rack:02}-{level}` over inclusive ranges into every code, the
 * first placeholder varying slowest. Checks the count against `max` before generating anything.
 */
export function expandBinPattern(pattern: string, ranges: Record<string, Range>, max: number): string[] {
  const placeholders: Placeholder[] = [];
  const literals = pattern.split(PLACEHOLDER).filter((_, i) => i % 3 === 0);
  if (literals.some((part) => !LITERAL.test(part))) {
    throw PatternErrors.invalid({ reason: PatternReasons.literal });
  }
  for (const match of pattern.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    if (placeholders.some((p) => p.name === name))
      throw PatternErrors.invalid({ name, reason: PatternReasons.twice });
    const range = ranges[name];
    if (!range) throw PatternErrors.invalid({ name, reason: PatternReasons.noRange });
    placeholders.push({
      name,
      width: Number(match[2] ?? 0),
      values: expandRange(name, range, Number(match[2] ?? 0)),
    });
  }
  if (placeholders.length === 0) throw PatternErrors.invalid({ reason: PatternReasons.noPlaceholder });
  const unused = Object.keys(ranges).find((name) => !placeholders.some((p) => p.name === name));
  if (unused) throw PatternErrors.invalid({ name: unused, reason: PatternReasons.unused });
  const count = placeholders.reduce((n, p) => n * p.values.length, 1);
  if (count > max) throw PatternErrors.tooMany({ count, max });

  let codes = [''];
  const parts = pattern.split(PLACEHOLDER);
  // split() with two capture groups yields [literal, name, width, literal, name, width, …, literal].
  for (let i = 0; i < parts.length; i += 3) {
    const literal = parts[i] ?? '';
    codes = codes.map((code) => code + literal);
    const name = parts[i + 1];
    if (name === undefined) continue;
    const values = placeholders.find((p) => p.name === name)?.values ?? [];
    codes = codes.flatMap((code) => values.map((value) => code + value));
  }
  return codes;
}
