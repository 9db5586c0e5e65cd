import type { Locale } from './i18n.js';

/** One text in every locale, with ICU-style `{param}` placeholders. */
export type Messages = Record<Locale, string>;
export type MessageParams = Record<string, string | number>;

/**
 * The one translation table: every text the API answers with (errors, field reasons, labels of
 * statuses and actions, validation wording, e-mails), by id. Modules add their texts where they
 * define them, and a test checks every entry (both locales, the same placeholders).
 */
const TABLE = new Map<string, Messages>();

/** Adds `messages` to the table under `id` and returns them. One id means one text. */
export function defineMessages(id: string, messages: Messages): Messages {
  const known = TABLE.get(id);
  if (known && (known.en !== messages.en || known.hu !== messages.hu)) {
    throw new Error(`translation "${id}" is defined twice with different texts`);
  }
  TABLE.set(id, messages);
  return messages;
}

/** Adds each entry of `entries` under `prefix.key`; returns them by key. */
export function defineMessageGroup<K extends string>(
  prefix: string,
  entries: Record<K, Messages>,
): Record<K, Messages> {
  for (const [key, messages] of Object.entries(entries) as [K, Messages][]) {
    defineMessages(`${prefix}.${key}`, messages);
  }
  return entries;
}

/** The whole table, by id. */
export function translationTable(): ReadonlyMap<string, Messages> {
  return TABLE;
}

/** Fills `{param}` placeholders; an unknown one is left as it is. */
export function interpolate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => String(params[key] ?? whole));
}
