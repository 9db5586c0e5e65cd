import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/platform/errors.js';
import { LOCALES } from '../../src/platform/i18n.js';
import { translationTable } from '../../src/platform/translations.js';
import { type Fixture, setupApp } from '../helpers/setup.js';

// The app is built first: some modules define their texts as they are set up.
let t: Fixture;
beforeAll(async () => {
  t = await setupApp({ warehouse: true });
});
afterAll(() => t.close());

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Texts that read the same in both languages. */
const SAME_IN_BOTH = new Set(['validation.type.null']);

describe('the translation table', () => {
  it('holds every error, with a text in every locale and the same placeholders in each', () => {
    const table = translationTable();
    expect(table.size).toBeGreaterThan(150);
    const ids = [...table.keys()];
    for (const code of ERROR_CATALOGUE.keys()) {
      expect(
        ids.some((id) => id === `error.${code}` || id.startsWith(`error.${code}.`)),
        code,
      ).toBe(true);
    }
    for (const [id, messages] of table) {
      for (const locale of LOCALES) expect(messages[locale]?.trim(), `${id} (${locale})`).toBeTruthy();
      expect(placeholders(messages.hu), id).toEqual(placeholders(messages.en));
      if (!SAME_IN_BOTH.has(id)) expect(messages.hu, id).not.toBe(messages.en);
    }
  });

  it('names statuses, actions and movement types in Hungarian, and no Hungarian text carries their English names', () => {
    const table = translationTable();
    const labels = [...table].filter(([id]) => id.startsWith('label.'));
    expect(labels.map(([id]) => id)).toEqual(
      expect.arrayContaining(['label.status.draft', 'label.action.ship', 'label.movement_type.receipt']),
    );
    const english = new Set(labels.flatMap(([, m]) => m.en.split('_')).filter((word) => word.length > 3));
    for (const [id, messages] of table) {
      const words = messages.hu.replace(/\{\w+\}/g, '').split(/[^\p{L}_]+/u);
      const found = words.filter((word) => english.has(word.toLowerCase()));
      expect(found, `${id}: ${messages.hu}`).toEqual([]);
    }
  });

  it('answers in Hungarian with the reason in Hungarian too', async () => {
    const res = await t.admin.post(
      `/api/v1/warehouses/${t.warehouse.id}/bins/bulk`,
      { pattern: 'A-{n}', ranges: { n: [5, 1] } },
      { 'accept-language': 'hu' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error_code: 'INVALID_BIN_PATTERN',
      detail: 'Érvénytelen tárhelykód-minta: a(z) n tartománya alulról felfelé haladó egész számokból álljon',
    });
    const en = await t.admin.post(`/api/v1/warehouses/${t.warehouse.id}/bins/bulk`, {
      pattern: 'A-{n}',
      ranges: { n: [5, 1] },
    });
    expect(en.json().detail).toBe(
      'Invalid bin code pattern: range of n must be whole numbers from low to high',
    );
  });
});
