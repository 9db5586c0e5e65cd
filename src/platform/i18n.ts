import type { IncomingHttpHeaders } from 'node:http';
import Negotiator from 'negotiator';

export const LOCALES = ['en', 'hu'] as const;
export type Locale = (typeof LOCALES)[number];

/** Picks the caller's language from Accept-Language; the configured default when none is supported. */
export function negotiateLocale(headers: IncomingHttpHeaders, fallback: Locale): Locale {
  if (!headers['accept-language']) return fallback;
  const best = new Negotiator({ headers }).language([...LOCALES]);
  return (best as Locale | undefined) ?? fallback;
}
