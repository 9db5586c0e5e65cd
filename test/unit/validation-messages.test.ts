import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/platform/i18n.js';
import { type KeywordIssue, keywordMessage } from '../../src/platform/validation-messages.js';

const issue = (keyword: string, params: Record<string, unknown> = {}): KeywordIssue => ({ keyword, params });
const both = (i: KeywordIssue) => ({ en: keywordMessage(i, 'en'), hu: keywordMessage(i, 'hu') });

describe('keywordMessage', () => {
  it.each([
    ['required', { missingProperty: 'sku' }, 'is required', 'kötelező megadni'],
    ['minimum', { limit: 1 }, 'must be at least 1', 'legalább 1 kell legyen'],
    ['exclusiveMinimum', { limit: 0 }, 'must be more than 0', 'nagyobb kell legyen, mint 0'],
    ['maximum', { limit: 100 }, 'must be at most 100', 'legfeljebb 100 lehet'],
    ['exclusiveMaximum', { limit: 5 }, 'must be less than 5', 'kisebb kell legyen, mint 5'],
    [
      'minLength',
      { limit: 8 },
      'must be at least 8 characters long',
      'legalább 8 karakter hosszú kell legyen',
    ],
    ['maxLength', { limit: 64 }, 'must be at most 64 characters long', 'legfeljebb 64 karakter hosszú lehet'],
    ['minItems', { limit: 1 }, 'must have at least 1 items', 'legalább 1 elemet kell tartalmaznia'],
    ['maxItems', { limit: 500 }, 'must have at most 500 items', 'legfeljebb 500 elemet tartalmazhat'],
    ['minProperties', { limit: 1 }, 'must name at least 1 field(s)', 'legalább 1 mezőt meg kell adni'],
    ['maxProperties', { limit: 3 }, 'must name at most 3 field(s)', 'legfeljebb 3 mező adható meg'],
    [
      'enum',
      { allowedValues: ['draft', 'posted'] },
      'must be one of: draft, posted',
      'ezek egyike kell legyen: draft, posted',
    ],
    ['const', { allowedValue: true }, 'must be true', 'csak true lehet'],
    ['pattern', { pattern: '^[A-Z]+$' }, 'is not in the expected form', 'nem a várt formátumú'],
    ['multipleOf', { multipleOf: 0.01 }, 'must be a multiple of 0.01', '0.01 többszöröse kell legyen'],
    ['uniqueItems', { i: 1, j: 0 }, 'must not list the same item twice', 'nem tartalmazhat ismétlődő elemet'],
  ])('%s says it in words, in English and Hungarian', (keyword, params, en, hu) => {
    expect(both(issue(keyword, params))).toEqual({ en, hu });
  });

  it('names JSON types in words, several joined with or / vagy, unknown ones as they are', () => {
    expect(both(issue('type', { type: 'integer' }))).toEqual({
      en: 'must be a whole number',
      hu: 'egész szám kell legyen',
    });
    expect(both(issue('type', { type: 'string,null' }))).toEqual({
      en: 'must be text or null',
      hu: 'szöveg vagy null kell legyen',
    });
    expect(both(issue('type', { type: 'number,boolean,array,object' }))).toEqual({
      en: 'must be a number or true or false or a list or an object',
      hu: 'szám vagy igaz vagy hamis vagy lista vagy objektum kell legyen',
    });
    expect(keywordMessage(issue('type', { type: 'bigint' }), 'en')).toBe('must be bigint');
  });

  it('says known formats in words, and any other format as a form not expected', () => {
    expect(both(issue('format', { format: 'uuid' }))).toEqual({
      en: 'not a valid id',
      hu: 'nem érvényes azonosító',
    });
    expect(both(issue('format', { format: 'email' }))).toEqual({
      en: 'not a valid e-mail address',
      hu: 'nem érvényes e-mail-cím',
    });
    expect(both(issue('format', { format: 'date' }))).toEqual({
      en: 'not a valid date (YYYY-MM-DD)',
      hu: 'nem érvényes dátum (ÉÉÉÉ-HH-NN)',
    });
    expect(both(issue('format', { format: 'date-time' }))).toEqual({
      en: 'not a valid date and time',
      hu: 'nem érvényes dátum és idő',
    });
    expect(both(issue('format', { format: 'ipv4' }))).toEqual({
      en: 'is not in the expected form',
      hu: 'nem a várt formátumú',
    });
  });

  it('has nothing to say about a keyword not in the table, in any language', () => {
    for (const keyword of ['additionalProperties', 'if', 'anyOf', 'dependentRequired']) {
      for (const locale of LOCALES) expect(keywordMessage(issue(keyword), locale), keyword).toBeUndefined();
    }
  });

  it('leaves no placeholder unfilled when the parameter is missing', () => {
    for (const keyword of ['minimum', 'maxLength', 'enum', 'const', 'multipleOf', 'type']) {
      for (const locale of LOCALES) {
        expect(keywordMessage(issue(keyword), locale), `${keyword} ${locale}`).not.toMatch(/\{\w+\}/);
      }
    }
  });
});
