import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';

const shared: Options = { allErrors: true, useDefaults: true, removeAdditional: true, strict: false };

/** Years a date may have: PostgreSQL refuses year 0, and nothing in stock predates 1900. */
export const DATE_YEARS = { min: 1900, max: 9999 } as const;
const inYears = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= DATE_YEARS.min && year <= DATE_YEARS.max;
};

function build(options: Options): Ajv {
  const ajv = new Ajv({ ...shared, ...options });
  addFormats.default(ajv);
  // The standard formats, narrowed to the years above.
  for (const name of ['date', 'date-time'] as const) {
    const { validate, compare } = fullFormats[name] as {
      validate: (value: string) => boolean;
      compare: (a: string, b: string) => number | undefined;
    };
    ajv.addFormat(name, { type: 'string', validate: (value) => validate(value) && inYears(value), compare });
  }
  return ajv;
}

/**
 * Two validators: query strings, params and headers arrive as text and are coerced to the
 * schema's types; JSON bodies are taken as sent, so `0` or `""` never silently becomes `null`
 * and `"5"` is not a number.
 */
export const validationPlugin = fp(
  async (app: FastifyInstance) => {
    const text = build({ coerceTypes: 'array' });
    const json = build({ coerceTypes: false });
    app.setValidatorCompiler(({ schema, httpPart }) =>
      (httpPart === 'body' ? json : text).compile(schema as FastifySchema & object),
    );
  },
  { name: 'validation' },
);
