import type { Locale } from './i18n.js';
import { defineMessageGroup, defineMessages, interpolate, type Messages } from './translations.js';

/** What Ajv reports about one failed keyword. */
export interface KeywordIssue {
  keyword: string;
  params: Record<string, unknown>;
}

/** JSON types in words. */
const TYPES: Record<string, Messages> = defineMessageGroup('validation.type', {
  string: { en: 'text', hu: 'szöveg' },
  number: { en: 'a number', hu: 'szám' },
  integer: { en: 'a whole number', hu: 'egész szám' },
  boolean: { en: 'true or false', hu: 'igaz vagy hamis' },
  object: { en: 'an object', hu: 'objektum' },
  array: { en: 'a list', hu: 'lista' },
  null: { en: 'null', hu: 'null' },
});

/** Joins alternatives ("text or null"). */
const OR: Messages = defineMessages('validation.or', { en: ' or ', hu: ' vagy ' });

/** The schema keywords a request fails most, said in words a user understands. */
const KEYWORDS: Record<string, Messages> = defineMessageGroup('validation.keyword', {
  required: { en: 'is required', hu: 'kötelező megadni' },
  type: { en: 'must be {type}', hu: '{type} kell legyen' },
  minimum: { en: 'must be at least {limit}', hu: 'legalább {limit} kell legyen' },
  exclusiveMinimum: { en: 'must be more than {limit}', hu: 'nagyobb kell legyen, mint {limit}' },
  maximum: { en: 'must be at most {limit}', hu: 'legfeljebb {limit} lehet' },
  exclusiveMaximum: { en: 'must be less than {limit}', hu: 'kisebb kell legyen, mint {limit}' },
  minLength: {
    en: 'must be at least {limit} characters long',
    hu: 'legalább {limit} karakter hosszú kell legyen',
  },
  maxLength: {
    en: 'must be at most {limit} characters long',
    hu: 'legfeljebb {limit} karakter hosszú lehet',
  },
  minItems: { en: 'must have at least {limit} items', hu: 'legalább {limit} elemet kell tartalmaznia' },
  maxItems: { en: 'must have at most {limit} items', hu: 'legfeljebb {limit} elemet tartalmazhat' },
  minProperties: { en: 'must name at least {limit} field(s)', hu: 'legalább {limit} mezőt meg kell adni' },
  maxProperties: { en: 'must name at most {limit} field(s)', hu: 'legfeljebb {limit} mező adható meg' },
  enum: { en: 'must be one of: {allowed}', hu: 'ezek egyike kell legyen: {allowed}' },
  const: { en: 'must be {allowed}', hu: 'csak {allowed} lehet' },
  pattern: { en: 'is not in the expected form', hu: 'nem a várt formátumú' },
  multipleOf: { en: 'must be a multiple of {multipleOf}', hu: '{multipleOf} többszöröse kell legyen' },
  uniqueItems: { en: 'must not list the same item twice', hu: 'nem tartalmazhat ismétlődő elemet' },
  format: { en: 'is not in the expected form', hu: 'nem a várt formátumú' },
});

/** Formats said in words, instead of "must match format \"uuid\"". */
const FORMATS: Record<string, Messages> = defineMessageGroup('validation.format', {
  uuid: { en: 'not a valid id', hu: 'nem érvényes azonosító' },
  email: { en: 'not a valid e-mail address', hu: 'nem érvényes e-mail-cím' },
  date: { en: 'not a valid date (YYYY-MM-DD)', hu: 'nem érvényes dátum (ÉÉÉÉ-HH-NN)' },
  'date-time': { en: 'not a valid date and time', hu: 'nem érvényes dátum és idő' },
});

/** The message for one failed keyword, or undefined when the table has none (Ajv's own is used). */
export function keywordMessage(issue: KeywordIssue, locale: Locale): string | undefined {
  const { keyword, params } = issue;
  if (keyword === 'format') return (FORMATS[String(params.format)] ?? KEYWORDS.format)?.[locale];
  const template = KEYWORDS[keyword]?.[locale];
  if (!template) return undefined;
  const types = String(params.type ?? '')
    .split(',')
    .map((type) => TYPES[type]?.[locale] ?? type);
  const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
  return interpolate(template, {
    limit: String(params.limit ?? ''),
    multipleOf: String(params.multipleOf ?? ''),
    type: types.join(OR[locale]),
    allowed: allowed.map(String).join(', '),
  });
}
