import { describe, expect, it } from 'vitest';
import { csvCell, guardFormula } from '../../src/platform/export/csv.js';
import {
  type ExportColumn,
  exportFileName,
  localDateTime,
  wallClock,
} from '../../src/platform/export/export-formats.js';
import { xlsxCell } from '../../src/platform/export/xlsx.js';

const text: ExportColumn = { key: 'x', type: 'text', header: { en: 'X', hu: 'X' } };
const number: ExportColumn = { ...text, type: 'number' };
const datetime: ExportColumn = { ...text, type: 'datetime' };
const date: ExportColumn = { ...text, type: 'date' };
const zone = 'Europe/Budapest';

describe('CSV formula injection (OWASP)', () => {
  it('prefixes text starting with = + - @ tab or carriage return, and nothing else', () => {
    for (const risky of ['=1+1', '+36 1', '-2', '@SUM(A1)', '\tx', '\rx']) {
      expect(guardFormula(risky)).toBe(`'${risky}`);
    }
    for (const safe of ['Kávé', '1=1', 'a-b', '']) expect(guardFormula(safe)).toBe(safe);
  });

  it('leaves numbers alone: a negative quantity stays a number', () => {
    expect(csvCell(number, '-2.5000', 'en', zone)).toBe('-2.5');
    expect(csvCell(number, '10.0000', 'en', zone)).toBe('10');
    expect(csvCell(number, 7, 'en', zone)).toBe('7');
    expect(csvCell(text, '-2', 'en', zone)).toBe("'-2");
  });
});

describe('times on the business clock', () => {
  it('converts across both DST changes of Europe/Budapest', () => {
    // 2026-03-29 01:00 UTC the clock jumps from 02:00 CET to 03:00 CEST.
    expect(localDateTime(new Date('2026-03-29T00:59:59Z'), zone)).toBe('2026-03-29 01:59:59');
    expect(localDateTime(new Date('2026-03-29T01:00:00Z'), zone)).toBe('2026-03-29 03:00:00');
    // 2026-10-25 01:00 UTC it falls back from 03:00 CEST to 02:00 CET.
    expect(localDateTime(new Date('2026-10-25T00:59:59Z'), zone)).toBe('2026-10-25 02:59:59');
    expect(localDateTime(new Date('2026-10-25T01:00:00Z'), zone)).toBe('2026-10-25 02:00:00');
    expect(localDateTime(new Date('2026-12-31T23:30:00Z'), zone)).toBe('2027-01-01 00:30:00');
    expect(localDateTime(new Date('2026-07-01T12:00:00Z'), 'UTC')).toBe('2026-07-01 12:00:00');
  });

  it('an XLSX cell holds the wall clock as its fields; a date column stays the calendar date', () => {
    const cell = xlsxCell(datetime, new Date('2026-07-01T22:15:00Z'), 'en', zone) as Date;
    expect(cell.toISOString()).toBe('2026-07-02T00:15:00.000Z');
    expect(wallClock(new Date('2026-01-15T10:00:00Z'), zone).toISOString()).toBe('2026-01-15T11:00:00.000Z');
    expect((xlsxCell(date, '2026-12-31', 'en', zone) as Date).toISOString()).toBe('2026-12-31T00:00:00.000Z');
    expect(csvCell(date, '2026-12-31', 'en', zone)).toBe('2026-12-31');
  });

  it('names the file after the list and the moment, on the business clock', () => {
    expect(exportFileName('stock-movements', 'csv', new Date('2026-12-31T23:30:05Z'), zone)).toBe(
      'stock-movements-20270101-003005.csv',
    );
  });
});

describe('labelled codes', () => {
  it('a status column speaks the caller language', () => {
    const status: ExportColumn = { ...text, label: 'status' };
    expect(csvCell(status, 'draft', 'hu', zone)).toBe('piszkozat');
    expect(csvCell(status, 'draft', 'en', zone)).toBe('draft');
    expect(xlsxCell(status, 'cancelled', 'hu', zone)).toBe('visszavont');
  });
});
