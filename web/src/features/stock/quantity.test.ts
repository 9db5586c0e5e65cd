import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { differenceOf } from './booked-quantity';
import { plus, quantityOf } from './quantity';

describe('quantities as typed', () => {
  it('reads a decimal comma as a point, and sends anything else for the API to name', () => {
    expect(quantityOf(' 7,5 ')).toBe(7.5);
    expect(quantityOf('-2')).toBe(-2);
    expect(quantityOf('')).toBeNaN();
    expect(quantityOf('abc')).toBeNaN();
  });

  it('adds repeated scans exactly, a half-typed count as nothing', () => {
    expect(plus('0.1', '0.2')).toBe('0.3');
    expect(plus('2,5', '1')).toBe('3.5');
    expect(plus('', '1')).toBe('1');
    expect(plus('x', '3')).toBe('3');
  });

  it('gives the difference against the books exactly, or none while the count is not a number', () => {
    expect(differenceOf('0,3', new Decimal('0.1'))?.toString()).toBe('0.2');
    expect(differenceOf('8', new Decimal(10))?.toString()).toBe('-2');
    expect(differenceOf('', new Decimal(10))).toBeNull();
    expect(differenceOf('8', undefined)).toBeNull();
    expect(differenceOf('8x', new Decimal(1))).toBeNull();
  });
});
