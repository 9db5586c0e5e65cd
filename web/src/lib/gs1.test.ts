import { describe, expect, it } from 'vitest';
import { barcodeCandidates, parseScan } from './gs1';

describe('parseScan', () => {
  it('takes a plain EAN-13, UPC-A, EAN-8 or GTIN-14 as a code to look up', () => {
    for (const code of ['5901234123457', '036000291452', '96385074', '05901234123457'])
      expect(parseScan(` ${code}\n`)).toEqual({ code, gs1: false });
  });

  it('reads a GS1-128 string with its symbology prefix and FNC1 as the GS character', () => {
    expect(parseScan(']C101095011015300031727013110LOT-A\u001d3012')).toEqual({
      code: '09501101530003',
      expiry: '2027-01-31',
      lot: 'LOT-A',
      quantity: '12',
      gs1: true,
    });
  });

  it('reads the printed form with bracketed AIs, and AI 37 as the quantity', () => {
    expect(parseScan('(01)09501101530003(10)B2(17)260630(37)4')).toEqual({
      code: '09501101530003',
      lot: 'B2',
      expiry: '2026-06-30',
      quantity: '4',
      gs1: true,
    });
  });

  it('reads a DataMatrix string without a prefix (a day of 00 is the month end)', () => {
    expect(parseScan('010950110153000317270200')).toMatchObject({
      code: '09501101530003',
      expiry: '2027-02-28',
    });
  });

  it('leaves anything else as typed, e.g. a SKU', () => {
    expect(parseScan('MILK-1L')).toEqual({ code: 'MILK-1L', gs1: false });
    expect(parseScan('0109501101530003(garbage')).toMatchObject({ gs1: false });
  });
});

describe('barcodeCandidates', () => {
  it('tries a GTIN-14 as the EAN-13 and UPC-A it pads', () => {
    expect(barcodeCandidates('00036000291452')).toEqual(['00036000291452', '0036000291452', '036000291452']);
    expect(barcodeCandidates('5901234123457')).toEqual(['5901234123457']);
  });
});
