import { describe, expect, it } from 'vitest';
import {
  compareDecimal,
  decimal,
  magnitude,
  minDecimal,
  multiplyDecimal,
  subtractDecimal,
  sumDecimals,
} from '../../src/platform/decimal.js';
import { AppError } from '../../src/platform/errors.js';

describe('decimal', () => {
  it('writes JSON numbers as exact decimal strings, exponents spelled out', () => {
    expect(decimal(123)).toBe('123');
    expect(decimal(0.1)).toBe('0.1');
    expect(decimal(-2.5)).toBe('-2.5');
    expect(decimal(1e-7)).toBe('0.0000001');
    expect(decimal(-1.5e-9)).toBe('-0.0000000015');
  });

  it('refuses what is not finite, or too small to write', () => {
    expect(() => decimal(Number.NaN)).toThrow(AppError);
    expect(() => decimal(Number.POSITIVE_INFINITY)).toThrow(AppError);
    expect(() => decimal(5e-324)).toThrow(AppError);
  });

  it('writes the digits a JSON number was sent with, not the binary value behind them', () => {
    expect(decimal(0.30000000000000004)).toBe('0.30000000000000004');
    expect(decimal(19.99)).toBe('19.99');
    expect(decimal(1e20)).toBe('100000000000000000000');
    expect(decimal(2.5e-10)).toBe('0.00000000025');
    expect(decimal(1e-20)).toBe('0.00000000000000000001');
    expect(decimal(1e21)).toBe('1000000000000000000000');
    expect(decimal(-1.5e22)).toBe('-15000000000000000000000');
    expect(decimal(-0)).toBe('0');
    expect(decimal(-0)).toBe('0');
  });

  it('refuses with a 422 naming the field, in English and Hungarian', () => {
    for (const value of [Number.NaN, Number.NEGATIVE_INFINITY, 1e-21]) {
      let caught: unknown;
      try {
        decimal(value);
      } catch (error) {
        caught = error;
      }
      expect(caught, String(value)).toBeInstanceOf(AppError);
      expect(caught).toMatchObject({ code: 'VALIDATION_ERROR', status: 422 });
      const reasons = (caught as AppError).extra.fieldReasons as { field: string; messages: object }[];
      expect(reasons).toEqual([
        { field: 'quantity', messages: { en: expect.any(String), hu: expect.any(String) } },
      ]);
    }
  });
});

describe('magnitude', () => {
  it('drops the sign of a decimal string and nothing else', () => {
    expect(magnitude('-2.5')).toBe('2.5');
    expect(magnitude('2.5')).toBe('2.5');
    expect(magnitude('0')).toBe('0');
  });
});

describe('decimal arithmetic', () => {
  it('adds exactly: 0.1 + 0.2 is 0.3, a hundred cents make one', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumDecimals([0.1, 0.2])).toBe('0.3');
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(Array.from({ length: 100 }, () => 0.01))).toBe('1');
    expect(sumDecimals([0.1, 0.2, -0.3])).toBe('0');
    expect(sumDecimals([])).toBe('0');
  });

  it('keeps digits a double cannot hold', () => {
    expect(sumDecimals(['12345678901234567890.1234', '0.0001'])).toBe('12345678901234567890.1235');
    expect(subtractDecimal('9007199254740993', '1')).toBe('9007199254740992');
    expect(multiplyDecimal('123456789.123456789', '1000000000')).toBe('123456789123456789');
  });

  it('takes exponent inputs, as numbers and as strings, and answers without an exponent', () => {
    expect(sumDecimals([1e-7, 2e-7])).toBe('0.0000003');
    expect(sumDecimals(['1e-7', '2E-7'])).toBe('0.0000003');
    expect(multiplyDecimal('1e-10', '1e-10')).toBe('0.00000000000000000001');
    expect(multiplyDecimal('1.5', '1e3')).toBe('1500');
    expect(subtractDecimal(0, 1e-7)).toBe('-0.0000001');
    expect(compareDecimal('1e-7', 0.0000001)).toBe(0);
  });

  it('subtracts and multiplies exactly, negatives included', () => {
    expect(0.3 - 0.1).not.toBe(0.2);
    expect(subtractDecimal(0.3, 0.1)).toBe('0.2');
    expect(subtractDecimal('1', '1.0001')).toBe('-0.0001');
    expect(subtractDecimal(-1.5, -2)).toBe('0.5');
    expect(multiplyDecimal(19.99, 3)).toBe('59.97');
    expect(multiplyDecimal(0.1, 0.1)).toBe('0.01');
    expect(multiplyDecimal(-2.5, 4)).toBe('-10');
    expect(multiplyDecimal(-0.5, -0.5)).toBe('0.25');
    expect(multiplyDecimal(1.1, 1.1)).toBe('1.21');
  });

  it('compares by value, not as text: 10 > 9, 1.10 = 1.1, signs respected', () => {
    expect(compareDecimal('10', '9')).toBe(1);
    expect(compareDecimal('9', '10')).toBe(-1);
    expect(compareDecimal('1.10', '1.1')).toBe(0);
    expect(compareDecimal(sumDecimals([0.1, 0.2]), 0.3)).toBe(0);
    expect(compareDecimal(0.1 + 0.2, 0.3)).toBe(1);
    expect(compareDecimal(-1, 0.5)).toBe(-1);
    expect(compareDecimal('-0.0001', '-0.001')).toBe(1);
  });

  it('takes the smaller of two, as a plain string', () => {
    expect(minDecimal('10', '9')).toBe('9');
    expect(minDecimal(-1, -1.5)).toBe('-1.5');
    expect(minDecimal('2.50', 2.5)).toBe('2.5');
    expect(minDecimal('1e-7', 1)).toBe('0.0000001');
  });

  it('refuses a number that is not finite, as decimal() does', () => {
    expect(() => sumDecimals([1, Number.NaN])).toThrow(AppError);
    expect(() => compareDecimal(Number.POSITIVE_INFINITY, 1)).toThrow(AppError);
  });
});
