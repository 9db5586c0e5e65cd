// The month a run reports on, and the moment its stock is counted at: the start of the 1st on the
// business clock, in winter and in summer time.
import { describe, expect, it } from 'vitest';
import { reportMonth } from '../../../src/modules/alerts/month-cut.js';

describe('monthly report cut', () => {
  it('is midnight of the 1st in the business time zone, reporting the month before', () => {
    expect(reportMonth(new Date('2027-01-01T06:00:00Z'), 'Europe/Budapest')).toEqual({
      month: '2026-12',
      firstDay: '2026-12-01',
      cut: new Date('2026-12-31T23:00:00Z'),
    });
    // Summer time (UTC+2); a run late on the 1st still reports the month before.
    expect(reportMonth(new Date('2027-07-01T21:59:00Z'), 'Europe/Budapest')).toEqual({
      month: '2027-06',
      firstDay: '2027-06-01',
      cut: new Date('2027-06-30T22:00:00Z'),
    });
    // 23:30 UTC on 31 March is already 1 April in Budapest.
    expect(reportMonth(new Date('2027-03-31T23:30:00Z'), 'Europe/Budapest').month).toBe('2027-03');
    expect(reportMonth(new Date('2027-01-15T12:00:00Z'), 'America/New_York').cut).toEqual(
      new Date('2027-01-01T05:00:00Z'),
    );
  });
});
