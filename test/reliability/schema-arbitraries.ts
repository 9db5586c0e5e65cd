// fast-check arbitraries for request values, derived from the JSON Schemas of the OpenAPI document:
// valid-looking values (types, enums, formats, bounds) and hostile ones (wrong types, extreme
// numbers, unstorable text, deep nesting, extra fields).
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
}

/** JSON text written into a body as it is: literals JSON.stringify cannot write (1e999, deep nesting). */
export class Raw {
  constructor(readonly text: string) {}
}

/** A record id of one kind (`products`, `bins` …) the run has seen, picked when the request is sent. */
export class IdRef {
  constructor(
    readonly kind: string,
    readonly pick: number,
  ) {}
}

/** The kind of record a field holding an id names (`from_bin_id` → `bins`). */
export function idKind(field: string): string {
  const name = field.replace(/^(from|to|default|parent)_/, '').replace(/_?ids?$/i, '');
  const kinds: Record<string, string> = {
    product: 'products',
    warehouse: 'warehouses',
    bin: 'bins',
    lot: 'lots',
    category: 'categories',
    parent: 'categories',
    supplier: 'suppliers',
    customer: 'customers',
    line: 'lines',
    user: 'users',
    actor: 'users',
    movement: 'stock-movements',
    reservation: 'reservations',
    transfer: 'stock-transfers',
  };
  return kinds[name] ?? 'any';
}

const SAFE = 2 ** 53 - 1;
const clamp = (n: number) => Math.max(-SAFE, Math.min(SAFE, n));
const WORDS = ['A-1', 'main', 'Kávé', 'pcs', 'kg', 'box', 'inventory', 'Doboz 📦', 'x'];

function lowerBound(schema: JsonSchema, fallback: number): { value: number; excluded: boolean } {
  if (schema.exclusiveMinimum !== undefined) return { value: schema.exclusiveMinimum, excluded: true };
  return { value: schema.minimum ?? fallback, excluded: false };
}

function upperBound(schema: JsonSchema, fallback: number): { value: number; excluded: boolean } {
  if (schema.exclusiveMaximum !== undefined) return { value: schema.exclusiveMaximum, excluded: true };
  return { value: schema.maximum ?? fallback, excluded: false };
}

function integers(schema: JsonSchema): fc.Arbitrary<number> {
  const lo = lowerBound(schema, -1_000_000);
  const hi = upperBound(schema, 1_000_000);
  const min = clamp(Math.ceil(lo.value + (lo.excluded ? 1 : 0)));
  const max = clamp(Math.floor(hi.value - (hi.excluded ? 1 : 0)));
  if (min > max) return fc.constant(min);
  // Mostly small values, as a client sends; now and then anywhere in range, bounds included.
  const small = fc.integer({ min: Math.max(min, Math.min(max, 0)), max: Math.min(max, Math.max(min, 100)) });
  return fc.oneof(
    { weight: 4, arbitrary: small },
    { weight: 1, arbitrary: fc.integer({ min, max }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
  );
}

function numbers(schema: JsonSchema): fc.Arbitrary<number> {
  const lo = lowerBound(schema, -1e12);
  const hi = upperBound(schema, 1e12);
  const doubles = fc.double({
    min: lo.value,
    max: hi.value,
    minExcluded: lo.excluded,
    maxExcluded: hi.excluded,
    noNaN: true,
    noDefaultInfinity: true,
  });
  // Quantities and prices: whole, three decimals, or any double in range.
  const scaled = integers({ ...schema, minimum: lo.value * 1000, maximum: hi.value * 1000 }).map(
    (n) => n / 1000,
  );
  return fc.oneof(
    { weight: 6, arbitrary: integers(schema) },
    { weight: 3, arbitrary: scaled.filter((n) => n > lo.value || !lo.excluded) },
    { weight: 1, arbitrary: doubles },
  );
}

const isoDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

function strings(schema: JsonSchema, name: string): fc.Arbitrary<unknown> {
  switch (schema.format) {
    case 'uuid':
      return fc.oneof(
        { weight: 5, arbitrary: fc.nat().map((pick) => new IdRef(idKind(name), pick)) },
        { weight: 1, arbitrary: fc.uuid() },
      );
    case 'date':
      return isoDate.map((iso) => iso.slice(0, 10));
    case 'date-time':
      return isoDate;
    case 'email':
      return fc.oneof(
        fc.stringMatching(/^[a-z][a-z0-9._-]{0,20}@[a-z]{1,10}\.(test|hu|com)$/),
        fc.emailAddress({ size: 'small' }),
      );
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, Math.max(minLength, 40));
  const text = fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.string({ minLength, maxLength, unit: 'grapheme' }),
    fc.constantFrom(...WORDS).filter((w) => w.length >= minLength && w.length <= maxLength),
  );
  if (!schema.pattern) return text;
  return fc.oneof({ weight: 3, arbitrary: fc.stringMatching(new RegExp(schema.pattern)) }, text);
}

/** Extreme and ill-typed values any field may be given instead of a valid one. */
// biome-ignore format: a table reads better packed
const HOSTILE_CONSTANTS: unknown[] = [
  true, false, null, 0, -1, 1, '', ' ', [], {}, [null], { '': null },
  1e308, -1e308, 1e-7, -1e-7, 2 ** 53 + 1, -(2 ** 63), 1e21, 4294967296, -2147483649, 0.1 + 0.2,
  new Raw('1e999'), new Raw('-1e999'), new Raw('-0'), new Raw('123456789012345678901234567890'),
  new Raw('0.00000000000000000000000000001'), new Raw('1.0E+2'),
  'NaN', 'Infinity', '-Infinity', '1e999', '1e308', '0x1F', '1_000', ' 1 ', '-0', '+1', '١٢٣', '1,5',
  'null', 'true', 'undefined', '[object Object]',
  'a\u0000b', '\u0000', '\ud800', 'x\udc00y', '\udbff\udbff', '\ufffe', '\uffff', 'a\u202eb', '\u200b',
  "'; drop table products; --", '%', '_', '\\', '../../etc/passwd', '\u0024{x}', '<script>alert(1)</script>',
  '2024-02-30', '0000-00-00', '9999-12-31', '2024-13-01', '+275760-09-13', '-000001-01-01',
  '2024-01-01T25:00:00Z', '+999999-01-01T00:00:00Z', '2024-01-01T00:00:00+99:00', '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59-14:00', '1900-01-01T00:00:00+14:00',
  '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '{00000000-0000-0000-0000-000000000000}', '00000000000000000000000000000000',
  'urn:uuid:01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f', '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f\n',
];

/** Nesting as deep as `depth`, as raw JSON (building it as an object would overflow the serializer). */
export const nested = (depth: number, kind: 'array' | 'object') =>
  new Raw(
    kind === 'array'
      ? '['.repeat(depth) + ']'.repeat(depth)
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

/** The nesting depths hostile values reach (FUZZ_MAX_DEPTH lowers the deepest). */
export const NESTING_DEPTHS = [10, 100, 1000, 5000, 20000];

export function hostileValue(maxDepth: number): fc.Arbitrary<unknown> {
  const depths = NESTING_DEPTHS.filter((d) => d <= maxDepth);
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...HOSTILE_CONSTANTS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constantFrom(300, 5000, 70_000, 300_000).map((n) => 'x'.repeat(n)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...depths),
          fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>,
        )
        .map(([depth, kind]) => nested(depth, kind)),
    },
    { weight: 1, arbitrary: fc.integer({ min: 2001, max: 5000 }).map((n) => new Array<number>(n).fill(1)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        new Raw('{"__proto__":{"polluted":1}}'),
        new Raw('{"constructor":{"prototype":{"x":1}}}'),
      ),
    },
  );
}

export interface GenOptions {
  /** Weight of a hostile value against 6 for a valid one at each field; 0 for valid values only. */
  hostile: number;
  maxDepth: number;
}

/** A value for `schema` (the field is called `name`), valid-looking or, at `options.hostile`, not. */
export function valueFor(
  schema: JsonSchema,
  name: string,
  options: GenOptions,
  example?: unknown,
): fc.Arbitrary<unknown> {
  const valid = validFor(schema, name, options, example);
  if (options.hostile === 0) return valid;
  return fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: options.hostile, arbitrary: hostileValue(options.maxDepth) },
  );
}

function validFor(
  schema: JsonSchema,
  name: string,
  options: GenOptions,
  example?: unknown,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((choice) => validFor(choice, name, options, example)));
  const type = Array.isArray(schema.type) ? fc.constantFrom(...schema.type) : fc.constant(schema.type);
  return type.chain((t) => {
    switch (t) {
      case 'string':
        return strings(schema, name);
      case 'integer':
        return integers(schema);
      case 'number':
        return numbers(schema);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array': {
        const minLength = schema.minItems ?? 0;
        const maxLength = Math.min(schema.maxItems ?? minLength + 3, minLength + 3);
        const item = valueFor(schema.items ?? {}, name.replace(/s$/, ''), options, asArray(example)[0]);
        return fc.array(item, { minLength, maxLength });
      }
      case 'object':
        return objectFor(schema, options, asRecord(example));
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  });
}

const isUuid = (value: unknown) => typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asRecord = (value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** Required properties always, optional ones sometimes, and (when hostile) fields no schema names. */
export function objectFor(schema: JsonSchema, options: GenOptions, example?: Record<string, unknown>) {
  const properties = schema.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries(properties)) {
    const given = example?.[key];
    const generated = valueFor(property, key, options, given);
    // An example's scalars (ids excepted: those come from records that exist) keep a body plausible.
    const plain = given !== null && typeof given !== 'object' && !isUuid(given);
    model[key] = plain ? fc.oneof(fc.constant(given), generated) : generated;
  }
  // The fields an example shows are usually sent; the required ones always are.
  const required = [...new Set([...(schema.required ?? []), ...Object.keys(example ?? {})])].filter(
    (key) => key in properties,
  );
  const known = fc.record(model, { requiredKeys: required });
  const extraValues = schema.additionalProperties;
  const additional =
    typeof extraValues === 'object'
      ? fc.dictionary(
          fc.constantFrom('aisle', 'rack', 'level', 'position', 'zone'),
          valueFor(extraValues, '', options),
          {
            maxKeys: 4,
          },
        )
      : fc.constant({});
  const extra =
    options.hostile === 0
      ? fc.constant({})
      : fc.option(
          fc.dictionary(fc.string({ maxLength: 12 }), hostileValue(options.maxDepth), { maxKeys: 3 }),
          {
            freq: 4,
            nil: {},
          },
        );
  return fc.tuple(known, additional, extra).map(([k, a, e]) => ({ ...e, ...a, ...k }));
}
