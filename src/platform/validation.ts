import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';

const shared: Options = { allErrors: true, useDefaults: true, removeAdditional: true, strict: false };

function build(options: Options): Ajv {
  const ajv = new Ajv({ ...shared, ...options });
  addFormats.default(ajv);
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
