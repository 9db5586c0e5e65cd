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

/** An Ajv with the standard formats, dates narrowed to DATE_YEARS and plain UUIDs. */
/** A UUID as PostgreSQL's uuid type reads it: hex in 8-4-4-4-12, any case. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function buildAjv(options: Options): Ajv {
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
  // ajv-formats also takes `urn:uuid:…`, which PostgreSQL's uuid type refuses.
  ajv.addFormat('uuid', UUID_PATTERN);
  return ajv;
}

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isObjectSchema = (schema: Schema) => schema.type === 'object' || isSchema(schema.properties);

const bodySchemas = new WeakMap<object, Schema>();

/**
 * The body schema as validated: a copy in which every object that declares its properties, and
 * says nothing about others, gets `additionalProperties: false` — which Ajv's
 * `removeAdditional: true` turns into deleting them. Unknown fields are so dropped at any depth
 * (nested objects, array items) before the route, the idempotency fingerprint or a service sees
 * the body; they are never refused. An object that allows other properties (a `Record`, or
 * `additionalProperties: true`) keeps them. Branches of `allOf`, and of an `anyOf`/`oneOf` with
 * more than one object among them, are left alone: Ajv would strip in one branch what another
 * declares. `minProperties`/`maxProperties` move after the removal, so they count what is kept.
 */
export function droppingUnknownFields(schema: unknown): unknown {
  if (!isSchema(schema)) return schema;
  const known = bodySchemas.get(schema);
  if (known) return known;
  const copy: Schema = { ...schema };
  if (isSchema(schema.properties)) {
    copy.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, value]) => [name, droppingUnknownFields(value)]),
    );
  }
  if (isSchema(schema.patternProperties)) {
    copy.patternProperties = Object.fromEntries(
      Object.entries(schema.patternProperties).map(([name, value]) => [name, droppingUnknownFields(value)]),
    );
  }
  if (isSchema(schema.additionalProperties)) {
    copy.additionalProperties = droppingUnknownFields(schema.additionalProperties);
  }
  if (schema.items !== undefined) {
    copy.items = Array.isArray(schema.items)
      ? schema.items.map(droppingUnknownFields)
      : droppingUnknownFields(schema.items);
  }
  if (Array.isArray(schema.prefixItems)) copy.prefixItems = schema.prefixItems.map(droppingUnknownFields);
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && branches.filter((b) => isSchema(b) && isObjectSchema(b)).length <= 1) {
      copy[keyword] = branches.map(droppingUnknownFields);
    }
  }
  let result = copy;
  if (isSchema(schema.properties) && schema.additionalProperties === undefined) {
    copy.additionalProperties = false;
    // Ajv checks the property counts before it removes anything: count after, in a later step.
    const { minProperties, maxProperties, ...rest } = copy;
    if (minProperties !== undefined || maxProperties !== undefined) {
      result = {
        allOf: [
          rest,
          {
            ...(minProperties !== undefined ? { minProperties } : {}),
            ...(maxProperties !== undefined ? { maxProperties } : {}),
          },
        ],
      };
    }
  }
  bodySchemas.set(schema, result);
  return result;
}

/**
 * Two validators: query strings, params and headers arrive as text and are coerced to the
 * schema's types; JSON bodies are taken as sent, so `0` or `""` never silently becomes `null`
 * and `"5"` is not a number. Bodies drop the fields their schema does not declare (see
 * `droppingUnknownFields`); query strings, params and headers validate as declared.
 */
export const validationPlugin = fp(
  async (app: FastifyInstance) => {
    const text = buildAjv({ coerceTypes: 'array' });
    const json = buildAjv({ coerceTypes: false });
    app.setValidatorCompiler(({ schema, httpPart }) =>
      httpPart === 'body'
        ? json.compile(droppingUnknownFields(schema) as FastifySchema & object)
        : text.compile(schema as FastifySchema & object),
    );
  },
  { name: 'validation' },
);
