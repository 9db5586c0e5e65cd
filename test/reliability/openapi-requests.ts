// Requests for every operation of the OpenAPI document, as fast-check arbitraries: path parameters,
// query and body from the operation's schemas, valid-looking, with hostile fields, or hostile whole.
import fc from 'fast-check';
import {
  type GenOptions,
  hostileValue,
  IdRef,
  type JsonSchema,
  nested,
  objectFor,
  Raw,
  valueFor,
} from './schema-arbitraries.js';

export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** The OpenAPI path, `{id}` style. */
  path: string;
  params: Parameter[];
  query: Parameter[];
  body?: { schema: JsonSchema; example?: unknown; form: boolean };
}

/** Every operation of an OpenAPI 3.1 document. */
export function operationsOf(spec: {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>>;
}): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      const content = (
        op.requestBody as { content?: Record<string, { schema: JsonSchema; example?: unknown }> }
      )?.content;
      const json = content?.['application/json'];
      operations.push({
        method: method.toUpperCase(),
        path,
        params: parameters.filter((p) => p.in === 'path'),
        query: parameters.filter((p) => p.in === 'query'),
        body: json
          ? {
              schema: json.schema,
              example: json.example,
              form: Boolean(content['application/x-www-form-urlencoded']),
            }
          : undefined,
      });
    }
  }
  return operations;
}

/** Text already percent-encoded for a URL, sent as it is. */
export class Encoded {
  constructor(readonly text: string) {}
}

/** What a generated request carries before ids are picked and the body is written out. */
export interface RequestPlan {
  op: Operation;
  style: 'valid' | 'hostile fields' | 'hostile body';
  params: Record<string, unknown>;
  query: [string, unknown][];
  /** `undefined`: no body; a string: sent as it is; anything else: written as JSON. */
  body: unknown;
  contentType?: string;
  caller: 'admin' | 'anonymous' | number;
  headers: Record<string, string>;
}

/** The kind of record a path parameter names: the collection segment before it (`/products/{id}`). */
export function paramKind(path: string, name: string): string {
  if (name === 'code') return 'units';
  if (name === 'key') return 'modules';
  if (name === 'lotId') return 'lots';
  const segments = path.split('/');
  const at = segments.indexOf(`{${name}}`);
  return segments[at - 1] ?? 'any';
}

/** Path segments a router, a decoder or a lookup may trip on. */
const HOSTILE_SEGMENTS = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF',
  '%C0%AF',
  '%',
  '%%41',
  '..',
  '%2e%2e',
  '%2F',
  ' ',
  '%20',
  '-1',
  '1e308',
  'NaN',
  'null',
  'undefined',
  '%27%20or%201%3D1',
  '%F0%9F%93%A6',
  'x'.repeat(5000),
  'x'.repeat(70_000),
  '00000000-0000-0000-0000-000000000000',
  '01936D3E-8F2A-7C4B-9E1D-5A6B7C8D9E0F',
  '01936d3e8f2a7c4b9e1d5a6b7c8d9e0f',
  '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f%00',
  '{01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f}',
  'urn:uuid:01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
  '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f%0A',
].map((text) => new Encoded(text));

const hostileUrlValue = (maxDepth: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
    { weight: 2, arbitrary: hostileValue(maxDepth).filter((v) => typeof v !== 'object' || v === null) },
  );

function pathValue(op: Operation, param: Parameter, options: GenOptions): fc.Arbitrary<unknown> {
  const kind = paramKind(op.path, param.name);
  const valid = fc.oneof(
    { weight: 6, arbitrary: fc.nat().map((pick) => new IdRef(kind, pick)) },
    { weight: 1, arbitrary: param.schema.format === 'uuid' ? fc.uuid() : fc.string({ maxLength: 20 }) },
  );
  if (options.hostile === 0) return valid;
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: options.hostile, arbitrary: hostileUrlValue(options.maxDepth) },
  );
}

function queryValues(op: Operation, options: GenOptions): fc.Arbitrary<[string, unknown][]> {
  const entries = op.query.map((param) => {
    const value = valueFor(param.schema, param.name, options);
    const pair = value.map((v) => [param.name, v] as [string, unknown]);
    // The same key twice (an array to the parser) now and then.
    const repeated =
      options.hostile === 0
        ? pair.map((p) => [p])
        : fc.oneof(
            { weight: 8, arbitrary: pair.map((p) => [p]) },
            { weight: 1, arbitrary: fc.array(pair, { minLength: 2, maxLength: 3 }) },
          );
    return param.required ? repeated : fc.option(repeated, { nil: [] as [string, unknown][], freq: 2 });
  });
  const extra =
    options.hostile === 0
      ? fc.constant([] as [string, unknown][])
      : fc.array(fc.tuple(fc.string({ maxLength: 10 }), hostileUrlValue(options.maxDepth)), { maxLength: 2 });
  return fc.tuple(fc.tuple(...entries), extra).map(([pairs, more]) => [...pairs.flat(), ...more]);
}

function bodyValue(op: Operation, options: GenOptions): fc.Arbitrary<unknown> {
  if (!op.body) {
    // Most body-less requests go without one; a write sometimes gets one it does not expect.
    if (!WRITE_METHODS.includes(op.method) || options.hostile === 0) return fc.constant(undefined);
    return fc.option(hostileValue(options.maxDepth), { nil: undefined, freq: 3 });
  }
  const { schema, example } = op.body;
  if (schema.type !== 'object') return valueFor(schema, 'body', options, example);
  return fc.oneof(objectFor(schema, options, example as Record<string, unknown>), objectFor(schema, options));
}

/** Whole bodies that are not what any operation takes. */
function hostileBody(op: Operation, maxDepth: number): fc.Arbitrary<{ body: unknown; contentType?: string }> {
  const bodies = fc.oneof(
    fc.constantFrom<unknown>(
      '',
      'null',
      '[]',
      '"x"',
      '123',
      '{',
      '{"a":1,"a":2}',
      '\ufeff{}',
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
      'x'.repeat(1_100_000),
      new Raw(`[${'{},'.repeat(1000)}{}]`),
    ),
    fc.constantFrom(...[100, 1000, 5000, 20000].filter((d) => d <= maxDepth)).map((d) => nested(d, 'array')),
    op.body
      ? fc.array(objectFor(op.body.schema, { hostile: 0, maxDepth }), { minLength: 1, maxLength: 3 })
      : fc.constant([{}]),
    hostileValue(maxDepth),
  );
  const contentTypes = fc.constantFrom<string | undefined>(
    undefined,
    'application/json',
    'application/json; charset=utf-16',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
  );
  return fc.record({ body: bodies, contentType: contentTypes });
}

/** Idempotency-Key, If-Match and Accept-Language now and then; malformed ones only when hostile. */
function extraHeaders(op: Operation, hostile: boolean): fc.Arbitrary<Record<string, string>> {
  const keys = hostile
    ? fc.oneof(fc.uuid(), fc.constantFrom('fuzz-key-1', '', ' ', 'k'.repeat(300), 'é-kulcs'))
    : fc.uuid();
  const versions = hostile
    ? fc.constantFrom('"1"', 'W/"2"', '*', 'garbage', '"-1"', '"99999999999999999999"', '"1e308"')
    : fc.constantFrom('"1"', '"2"');
  const languages = hostile
    ? fc.constantFrom('hu', 'en-GB,hu;q=0.5', '*', 'xx', ';;;')
    : fc.constantFrom('hu', 'en');
  const idempotency = op.method === 'POST' ? fc.option(keys, { freq: 4 }) : fc.constant(null);
  const ifMatch =
    op.method === 'PUT' || op.method === 'PATCH' ? fc.option(versions, { freq: 6 }) : fc.constant(null);
  return fc.tuple(idempotency, ifMatch, fc.option(languages, { freq: 4 })).map(([key, match, lang]) => ({
    ...(key === null ? {} : { 'idempotency-key': key }),
    ...(match === null ? {} : { 'if-match': match }),
    ...(lang === null ? {} : { 'accept-language': lang }),
  }));
}

/** Requests for one operation: a third valid-looking, a third with hostile fields, the rest hostile whole. */
export function requestsFor(
  op: Operation,
  garbageTokens: number,
  maxDepth: number,
): fc.Arbitrary<RequestPlan> {
  const params = (options: GenOptions) =>
    fc.record(Object.fromEntries(op.params.map((p) => [p.name, pathValue(op, p, options)])));
  const parts = (hostile: number) => {
    const options = { hostile, maxDepth };
    return fc.record({
      params: params(options),
      query: queryValues(op, options),
      body: bodyValue(op, options),
    });
  };
  const valid = { hostile: 0, maxDepth };
  const hostileWhole = fc
    .record({ params: params(valid), query: queryValues(op, valid), whole: hostileBody(op, maxDepth) })
    .map(({ params, query, whole }) => ({ params, query, body: whole.body, contentType: whole.contentType }));
  const caller = fc.oneof(
    { weight: 17, arbitrary: fc.constant<'admin'>('admin') },
    { weight: 1, arbitrary: fc.constant<'anonymous'>('anonymous') },
    { weight: 2, arbitrary: fc.nat({ max: garbageTokens - 1 }) },
  );
  const shaped = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ p: parts(0), headers: extraHeaders(op, false) }).map(({ p, headers }) => ({
        ...p,
        headers,
        style: 'valid' as const,
      })),
    },
    {
      weight: 4,
      arbitrary: fc.record({ p: parts(1), headers: extraHeaders(op, true) }).map(({ p, headers }) => ({
        ...p,
        headers,
        style: 'hostile fields' as const,
      })),
    },
    {
      weight: 2,
      arbitrary: fc.record({ p: hostileWhole, headers: extraHeaders(op, true) }).map(({ p, headers }) => ({
        ...p,
        headers,
        style: 'hostile body' as const,
      })),
    },
  );
  const formBody = op.body?.form ? fc.boolean() : fc.constant(false);
  return fc.record({ shaped, caller, form: formBody }).map(({ shaped, caller, form }) => ({
    op,
    style: shaped.style,
    params: shaped.params,
    query: shaped.query,
    body: shaped.body,
    contentType:
      'contentType' in shaped ? shaped.contentType : form ? 'application/x-www-form-urlencoded' : undefined,
    caller,
    headers: shaped.headers,
  }));
}
