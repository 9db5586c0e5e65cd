import { useTranslation } from 'react-i18next';

/** Today's calendar date where the browser is (the day a farm hand or a driver means). */
export function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** Numbers and dates in the user's language: `date` takes a calendar date or a timestamp. */
export function useFormat() {
  const { i18n } = useTranslation();
  const numbers = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  const stamps = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    number: (value: number | null | undefined) =>
      value === null || value === undefined ? '—' : numbers.format(value),
    date: (value: string | null | undefined) => {
      if (!value) return '—';
      // A bare calendar date is that day everywhere; a timestamp is shown in local time.
      return /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? dates.format(new Date(`${value}T00:00:00Z`))
        : stamps.format(new Date(value));
    },
  };
}
