import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/platform/decimal.js';
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
});
