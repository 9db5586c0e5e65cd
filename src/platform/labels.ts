import type { Locale } from './i18n.js';
import { defineMessageGroup, type Messages } from './translations.js';

/** Each status, action and movement type named in words; English keeps the value itself. */
function words<K extends string>(param: string, hu: Record<K, string>): Record<string, Messages> {
  const entries = Object.fromEntries(
    Object.entries<string>(hu).map(([value, text]) => [value, { en: value, hu: text }]),
  ) as Record<K, Messages>;
  return defineMessageGroup(`label.${param}`, entries);
}

/**
 * Words that messages carry as parameters (document statuses, actions, movement types), by the
 * parameter's name, so a Hungarian message names them in Hungarian. A value not listed is shown
 * as it is.
 */
const LABELS: Record<string, Record<string, Messages>> = {
  status: words('status', {
    draft: 'piszkozat',
    submitted: 'beküldött',
    approved: 'jóváhagyott',
    rejected: 'elutasított',
    confirmed: 'visszaigazolt',
    partially_received: 'részben beérkezett',
    received: 'beérkezett',
    partially_shipped: 'részben kiszállított',
    shipped: 'kiszállított',
    cancelled: 'visszavont',
    closed: 'lezárt',
    planned: 'tervezett',
    released: 'kiadott',
    in_progress: 'folyamatban lévő',
    completed: 'befejezett',
    pending: 'függőben lévő',
    active: 'aktív',
    consumed: 'felhasznált',
    expired: 'lejárt',
    outstanding: 'kint lévő',
    partially_returned: 'részben visszaérkezett',
    returned: 'visszaérkezett',
    collected: 'begyűjtött',
    processing: 'feldolgozás alatt álló',
    available: 'szabad',
    in_use: 'használatban van',
    maintenance: 'karbantartás alatt áll',
    decommissioned: 'kivont',
    harvested: 'lehalászott',
    terminated: 'megszüntetett',
    graded: 'osztályozott',
  }),
  action: words('action', {
    submit: 'beküldés',
    approve: 'jóváhagyás',
    reject: 'elutasítás',
    receive: 'bevételezés',
    confirm: 'visszaigazolás',
    ship: 'kiszállítás',
    cancel: 'visszavonás',
    close: 'lezárás',
    release: 'kiadás',
    start: 'indítás',
    produce: 'gyártás',
    complete: 'befejezés',
    collect: 'begyűjtés',
    process: 'feldolgozás',
  }),
  entity: words('entity', {
    company: 'cég',
    project: 'projekt',
    drillhole: 'fúrólyuk',
    sample: 'minta',
  }),
  movement_type: words('movement_type', {
    receipt: 'bevételezés',
    issue: 'kiadás',
    adjustment: 'korrekció',
    damaged: 'selejtezés',
    return: 'visszavét',
    transfer_out: 'átadás',
    transfer_in: 'átvétel',
    production_consume: 'gyártási felhasználás',
    production_output: 'gyártási kimenet',
    dispatch: 'kiszállítás',
    dispatch_return: 'visszaszállítás',
    count: 'leltár',
  }),
};

/** A message parameter in the caller's language: statuses, actions and movement types translated. */
export function label(param: string, value: string | number, locale: Locale): string | number {
  if (typeof value !== 'string') return value;
  return LABELS[param]?.[value]?.[locale] ?? value;
}
