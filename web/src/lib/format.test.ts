// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { startApiServer } from '../../../test/helpers/api-server';
import { setApiOrigin } from '../api/client';
import {
  businessToday,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatQuantity,
  getBusinessTimeZone,
  loadBusinessTimeZone,
  setBusinessTimeZone,
  startOfBusinessDay,
} from './format';
import i18n from './i18n';

const browserZone = getBusinessTimeZone();
afterEach(async () => {
  setBusinessTimeZone(browserZone);
  await i18n.changeLanguage('en');
});

describe('the shared formatters', () => {
  it('show numbers in the chosen language', async () => {
    expect(formatNumber(1234.5, {}, 'en')).toBe('1,234.5');
    // Hungarian groups with a (narrow) no-break space and uses a decimal comma.
    expect(formatNumber(12345.5, {}, 'hu').replace(/\s/g, ' ')).toBe('12 345,5');
    expect(formatQuantity('0.12345', 'en')).toBe('0.1235');
    expect(formatMoney(3, 'en')).toBe('3.00');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber('not a number')).toBe('—');
    await i18n.changeLanguage('hu');
    expect(formatMoney(2.5)).toBe('2,50');
  });

  it('show an instant in the business time zone, whatever the browser zone is', () => {
    setBusinessTimeZone('Europe/Budapest');
    // 23:30 UTC on 31 Dec is already 1 Jan in Budapest.
    expect(formatDateTime('2026-12-31T23:30:00Z', 'en')).toBe('Jan 1, 2027, 12:30 AM');
    expect(formatDate('2026-12-31T23:30:00Z', 'en')).toBe('Jan 1, 2027');
    setBusinessTimeZone('America/New_York');
    expect(formatDate('2026-12-31T23:30:00Z', 'en')).toBe('Dec 31, 2026');
    expect(formatDateTime('2026-07-01T12:00:00Z', 'hu')).toMatch(/2026\. júl\. 1\..*8:00/);
  });

  it('show a calendar day as that day in every zone', () => {
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/Budapest']) {
      setBusinessTimeZone(zone);
      expect(formatDate('2027-01-31', 'en')).toBe('Jan 31, 2027');
    }
    expect(formatDate(null)).toBe('—');
  });

  it("find where a business day starts, across a daylight-saving change, and today's date there", () => {
    expect(startOfBusinessDay('2026-07-01', 0, 'Europe/Budapest')).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfBusinessDay('2026-01-15', 0, 'Europe/Budapest')).toBe('2026-01-14T23:00:00.000Z');
    // The clocks go forward in the night to 29 March 2026: the 29th starts at 23:00 UTC, the 30th at 22:00.
    expect(startOfBusinessDay('2026-03-29', 0, 'Europe/Budapest')).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfBusinessDay('2026-03-29', 1, 'Europe/Budapest')).toBe('2026-03-29T22:00:00.000Z');
    expect(businessToday(new Date('2026-12-31T23:30:00Z'), 'Europe/Budapest')).toBe('2027-01-01');
    expect(businessToday(new Date('2026-12-31T23:30:00Z'), 'UTC')).toBe('2026-12-31');
  });

  it("take the business zone from the API's TIMEZONE, and keep the one they had when it cannot be reached", async () => {
    const server = await startApiServer({ TIMEZONE: 'America/Santiago' });
    try {
      setApiOrigin(server.url);
      await loadBusinessTimeZone();
      expect(getBusinessTimeZone()).toBe('America/Santiago');
      // 02:30 UTC on 1 Jan is still New Year's Eve in Santiago.
      expect(formatDate('2027-01-01T02:30:00Z', 'en')).toBe('Dec 31, 2026');
    } finally {
      await server.stop();
    }
    // The server is gone: the zone stays as it was.
    await loadBusinessTimeZone();
    expect(getBusinessTimeZone()).toBe('America/Santiago');
  }, 180_000);
});
