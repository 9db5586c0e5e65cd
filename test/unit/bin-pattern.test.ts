import { describe, expect, it } from 'vitest';
import { expandBinPattern, type Range } from '../../src/modules/locations/bin-pattern.js';
import { AppError } from '../../src/platform/errors.js';

/** The AppError `expand` throws, as code and params; fails when nothing is thrown. */
function refusal(pattern: string, ranges: Record<string, Range>, max = 1000) {
  try {
    expandBinPattern(pattern, ranges, max);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`${pattern} was expanded without complaint`);
}

describe('expandBinPattern', () => {
  it('expands every combination, the first placeholder varying slowest', () => {
    expect(expandBinPattern('{aisle}-{rack:02}', { aisle: ['A', 'B'], rack: [1, 3] }, 100)).toEqual([
      'A-01',
      'A-02',
      'A-03',
      'B-01',
      'B-02',
      'B-03',
    ]);
  });

  it('pads numbers to the width given, and never cuts a wider one', () => {
    expect(expandBinPattern('{n}', { n: [8, 10] }, 10)).toEqual(['8', '9', '10']);
    expect(expandBinPattern('{n:3}', { n: [8, 10] }, 10)).toEqual(['008', '009', '010']);
    expect(expandBinPattern('{n:02}', { n: [99, 101] }, 10)).toEqual(['99', '100', '101']);
    expect(expandBinPattern('{n:02}', { n: [0, 0] }, 10)).toEqual(['00']);
  });

  it('runs letters in either case, and keeps the literals between placeholders', () => {
    expect(expandBinPattern('Z.{x}/{y}_', { x: ['a', 'c'], y: ['Y', 'Z'] }, 10)).toEqual([
      'Z.a/Y_',
      'Z.a/Z_',
      'Z.b/Y_',
      'Z.b/Z_',
      'Z.c/Y_',
      'Z.c/Z_',
    ]);
    expect(expandBinPattern('{a}{b}', { a: [1, 2], b: ['A', 'A'] }, 10)).toEqual(['1A', '2A']);
  });

  it('allows exactly max codes and refuses one more with BULK_TOO_LARGE, before building them', () => {
    expect(expandBinPattern('{a}-{b}', { a: [1, 5], b: [1, 4] }, 20)).toHaveLength(20);
    expect(refusal('{a}-{b}', { a: [1, 5], b: [1, 4] }, 19)).toMatchObject({
      code: 'BULK_TOO_LARGE',
      status: 422,
      params: { count: 20, max: 19 },
    });
    // Building a hundred million codes would exhaust the test's time and memory: the count is refused.
    expect(refusal('{a}{b}', { a: [0, 9999], b: [0, 9999] }, 10_000).params).toEqual({
      count: 100_000_000,
      max: 10_000,
    });
  });

  it.each([
    ['a character outside placeholders that a code may not hold', 'A B-{n}', { n: [1, 2] }, /only letters/],
    ['a placeholder used twice', '{n}-{n}', { n: [1, 2] }, /n appears twice/],
    ['a placeholder without a range', '{n}-{m}', { n: [1, 2] }, /no range for m/],
    ['a range no placeholder uses', '{n}', { n: [1, 2], m: [1, 2] }, /range m is not used/],
    ['no placeholder at all', 'A-01', {}, /no placeholder in braces/],
    ['numbers from high to low', '{n}', { n: [3, 1] }, /whole numbers from low to high/],
    ['a fraction', '{n}', { n: [1.5, 3] }, /whole numbers from low to high/],
    ['a negative number', '{n}', { n: [-1, 3] }, /whole numbers from low to high/],
    ['letters from late to early', '{x}', { x: ['C', 'A'] }, /from a letter to a later one/],
    ['letters of two cases', '{x}', { x: ['a', 'C'] }, /from a letter to a later one/],
    ['more than one letter', '{x}', { x: ['AA', 'AC'] }, /two numbers or two single letters/],
    ['a letter and a number', '{x}', { x: ['A', 3] }, /two numbers or two single letters/],
  ] as [string, string, Record<string, Range>, RegExp][])(
    'refuses %s with INVALID_BIN_PATTERN saying why',
    (_, pattern, ranges, reason) => {
      const error = refusal(pattern, ranges);
      expect({ code: error.code, status: error.status }).toEqual({
        code: 'INVALID_BIN_PATTERN',
        status: 422,
      });
      expect(error.localized('en')).toMatch(reason);
      expect(error.localized('hu')).toMatch(/^Érvénytelen tárhelykód-minta: [^{]/);
    },
  );
});
