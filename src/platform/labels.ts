import type { Locale } from './i18n.js';

/**
 * Words that error messages carry as parameters (document statuses and actions) in every locale,
 * so a Hungarian message names them in Hungarian. A value not listed is shown as it is.
 */
const LABELS: Record<string, Record<string, Record<Exclude<Locale, 'en'>, string>>> = {
  status: {
    draft: { hu: 'piszkozat' },
    submitted: { hu: 'beküldött' },
    approved: { hu: 'jóváhagyott' },
    rejected: { hu: 'elutasított' },
    confirmed: { hu: 'visszaigazolt' },
    partially_received: { hu: 'részben beérkezett' },
    received: { hu: 'beérkezett' },
    partially_shipped: { hu: 'részben kiszállított' },
    shipped: { hu: 'kiszállított' },
    cancelled: { hu: 'visszavont' },
    closed: { hu: 'lezárt' },
    planned: { hu: 'tervezett' },
    released: { hu: 'kiadott' },
    in_progress: { hu: 'folyamatban lévő' },
    completed: { hu: 'befejezett' },
    pending: { hu: 'függőben lévő' },
    active: { hu: 'aktív' },
    consumed: { hu: 'felhasznált' },
    expired: { hu: 'lejárt' },
  },
  action: {
    submit: { hu: 'beküldés' },
    approve: { hu: 'jóváhagyás' },
    reject: { hu: 'elutasítás' },
    receive: { hu: 'bevételezés' },
    confirm: { hu: 'visszaigazolás' },
    ship: { hu: 'kiszállítás' },
    cancel: { hu: 'visszavonás' },
    close: { hu: 'lezárás' },
    release: { hu: 'kiadás' },
    start: { hu: 'indítás' },
    produce: { hu: 'gyártás' },
    complete: { hu: 'befejezés' },
  },
};

/** A message parameter in the caller's language: statuses and actions translated, the rest as is. */
export function label(param: string, value: string | number, locale: Locale): string | number {
  if (locale === 'en' || typeof value !== 'string') return value;
  return LABELS[param]?.[value]?.[locale] ?? value;
}
