import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Numbers and dates in the user's language. A date-only value (an expiry) is a calendar day and
 * shows as that day wherever the browser is; an instant shows in the browser's time zone.
 */
export function useFormats() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 4 });
    const signed = new Intl.NumberFormat(i18n.language, {
      maximumFractionDigits: 4,
      signDisplay: 'exceptZero',
    });
    const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
    const instant = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
    return {
      number: (value: number | string) => number.format(Number(value)),
      signed: (value: number | string) => signed.format(Number(value)),
      day: (value: string | null | undefined) =>
        value ? day.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : '—',
      instant: (value: string | null | undefined) => (value ? instant.format(new Date(value)) : '—'),
    };
  }, [i18n.language]);
}
