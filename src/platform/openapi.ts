import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import swagger, { type SwaggerTransformObject } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { ErrorResponse, errorRef } from './schemas.js';

/** ReDoc's browser bundle, from the npm package: the page works offline. */
const REDOC_SCRIPT = createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');

const redocPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Raktar API</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="/openapi.json"></redoc><script src="/redoc/redoc.standalone.js"></script></body></html>`;

/** Every tag an operation uses, declared once with what it groups. */
const TAGS = [
  { name: 'system', description: 'Service status, health and metrics' },
  { name: 'auth', description: 'Sign-in, tokens and passwords' },
  { name: 'users', description: 'User accounts, roles and module grants' },
  { name: 'modules', description: 'The modules that can be switched on and granted' },
  { name: 'audit', description: 'Who changed what, and when' },
  { name: 'products', description: 'The catalog: products, their stock and lots' },
  { name: 'lots', description: 'Lots (batches) of lot-tracked products, with expiry' },
  { name: 'categories', description: 'Product categories' },
  { name: 'units', description: 'Units of measure and their decimal places' },
  { name: 'suppliers', description: 'Suppliers' },
  { name: 'customers', description: 'Customers' },
  { name: 'warehouses', description: 'Warehouses and their statistics' },
  { name: 'bins', description: 'Storage locations inside a warehouse' },
  { name: 'stock movements', description: 'The ledger: post movements, list and reverse them' },
  {
    name: 'inventory',
    description: 'Balances, multi-line documents (receipts, issues, adjustments, counts), verify',
  },
  { name: 'reservations', description: 'Stock held for orders and transfers' },
  { name: 'stock transfers', description: 'Moving stock between warehouses and bins' },
  { name: 'purchase orders', description: 'Buying: orders, approval and receipts' },
  { name: 'sales orders', description: 'Selling: orders, reservation and shipments' },
  { name: 'work orders', description: 'Production: components consumed, output received' },
  { name: 'companies', description: 'Drill-core dispatch: the companies projects belong to' },
  { name: 'projects', description: 'Drill-core dispatch: exploration projects of a company' },
  { name: 'drillholes', description: 'Drill-core dispatch: the holes of a project' },
  { name: 'dispatches', description: 'Core trays out with samples and back, through the stock ledger' },
  { name: 'samples', description: 'Samples of a dispatch: depth intervals and their processing' },
  { name: 'dispatch inventory', description: 'Core trays per type: base, out on dispatches, available' },
  { name: 'dispatch reports', description: 'Dispatch dashboard, reconciliation, analytics and export' },
  {
    name: 'biofloc',
    description:
      'Fish farming: tanks, batches, feeding and inputs from stock, water quality, harvest into stock',
  },
  {
    name: 'reports',
    description: 'Dashboard, FEFO, stock on hand, valuation, aging, turnover, low stock, reconciliation, ABC',
  },
  { name: 'alerts', description: 'Expiry, low-stock and water-quality alerts, and who is mailed them' },
  {
    name: 'imports',
    description: 'Products, opening stock, bins and partners from CSV or XLSX files, all rows or none',
  },
];

/**
 * A stable operationId from the method and path, for client generators:
 * `POST /api/v1/stock-transfers/{id}/complete` → `postStockTransfersByIdComplete`.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v\d+/, '')
    .replace(/^\/$/, '/root')
    .split('/')
    .filter(Boolean)
    .flatMap((part) => (part.startsWith(':') ? ['by', ...part.slice(1).split(/[-_]/)] : part.split(/[-_]/)));
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route refuses bursts with 429 (documented as such). */
    rateLimited?: boolean;
  }
}

/** Either scheme signs a request in (see `addCommonSchemas`). */
const SIGNED_IN: Record<string, string[]>[] = [{ bearer: [] }, { oauth2: [] }];

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes that take stock out (or hold it), and so can be short of it. */
const TAKES_STOCK = [
  /^\/api\/v1\/stock-movements(\/:id\/reverse)?$/,
  /^\/api\/v1\/inventory\/(issues|adjustments|counts)$/,
  /^\/api\/v1\/reservations$/,
  /^\/api\/v1\/stock-transfers(\/:id\/complete)?$/,
  /^\/api\/v1\/sales-orders\/:id\/(confirm|ship)$/,
  /^\/api\/v1\/work-orders\/:id\/(release|produce|complete)$/,
];

const errorExample = {
  timestamp: '2026-01-15T09:30:00.000Z',
  request_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
};

const conflict = Type.Unsafe({
  $ref: 'ErrorResponse#',
  description:
    'Conflict: a duplicate (code, SKU, name), or the record is in a state that does not allow this',
});

/** With a real example: fastify-swagger keeps examples given per media type, not beside a $ref. */
const stockConflict = {
  description:
    'Conflict: INSUFFICIENT_STOCK (nothing is posted; `available` says how much could be taken), ' +
    'or the document is in a state that does not allow this',
  content: {
    'application/json': {
      schema: { $ref: 'ErrorResponse#' },
      example: {
        detail: 'Not enough stock of SKU-001: 12 requested, 7 available.',
        error_code: 'INSUFFICIENT_STOCK',
        available: 7,
        ...errorExample,
      },
    },
  },
};

/**
 * Every route answers these with the common error body (503: the database is unreachable, or the
 * instance is shutting down); routes add their own codes on top.
 */
const COMMON_ERROR_STATUSES = ['400', '413', '415', '422', '500', '503'] as const;

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      description: 'Send the same key when retrying: the request runs once and the retry gets its response',
    }),
  ),
});

/**
 * Documents the common error bodies on every API route, and Idempotency-Key on every POST. A
 * public route says it needs no token (`security: []`); every other one answers 401 without a
 * valid token and 403 without the role or module grant.
 */
function addCommonSchemas(route: RouteOptions) {
  if (route.schema?.hide) return;
  route.schema ??= {};
  // Service routes outside the API (status, health) are public.
  if (!route.url.startsWith('/api/')) {
    route.schema.security = [];
    // A malformed request is 400 on any route.
    route.schema.response = { '400': errorRef, ...(route.schema.response as object) };
    route.schema.description = describe(route);
    return;
  }
  route.schema.response ??= {};
  const response = route.schema.response as Record<string, unknown>;
  for (const status of COMMON_ERROR_STATUSES) response[status] ??= errorRef;
  const access = route.config?.access;
  if (access && 'public' in access) route.schema.security = [];
  else {
    // A token from either scheme: Swagger UI's Authorize signs in through the password form
    // (oauth2) or takes a pasted token (bearer), and "Try it out" sends whichever is set.
    route.schema.security = SIGNED_IN;
    for (const status of ['401', '403']) response[status] ??= errorRef;
  }
  const methods = [route.method].flat();
  const writes = methods.some((method) => WRITES.has(method));
  if (route.url.includes(':')) response['404'] ??= errorRef;
  if (writes && !route.url.startsWith('/api/v1/auth')) {
    response['409'] ??= TAKES_STOCK.some((pattern) => pattern.test(route.url)) ? stockConflict : conflict;
  }
  if (methods.includes('PUT') || methods.includes('PATCH')) response['412'] ??= errorRef;
  if (route.config?.rateLimited) response['429'] ??= errorRef;
  if (methods.includes('POST')) route.schema.headers ??= IdempotencyHeaders;
  route.schema.description = describe(route);
}

const ROLE_NAMES: Record<string, string> = {
  admin: 'admin',
  manager: 'manager',
  warehouse: 'warehouse staff',
  viewer: 'viewer',
};

/**
 * What an operation's description always says, from what the route declares: who may call it
 * (roles and module grant), and how a retry is made safe. A route's own description comes first.
 */
function describe(route: RouteOptions): string {
  const own = route.schema?.description;
  const access = route.config?.access;
  const who =
    !access || 'public' in access
      ? 'Public: no token needed.'
      : `Who: ${access.roles.map((role) => ROLE_NAMES[role] ?? role).join(', ')}` +
        (access.module ? ` (a non-admin needs the \`${access.module}\` module granted).` : '.');
  const retry = [route.method].flat().includes('POST')
    ? ' Send an `Idempotency-Key` to retry safely: a repeat gets the first answer and changes nothing.'
    : '';
  return `${own ? `${own}\n\n` : ''}${who}${retry}`;
}

/** Gives every operation of the finished document its operationId (per method: PUT and PATCH of one route differ). */
const withOperationIds: SwaggerTransformObject = (document) => {
  const spec = 'openapiObject' in document ? document.openapiObject : document.swaggerObject;
  const paths = (spec.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation && typeof operation === 'object' && 'responses' in operation) {
        // A copy: the methods of one route (PUT and PATCH) share one operation object.
        item[method] = {
          ...operation,
          operationId: operationIdOf(method, path.replace(/\{(\w+)\}/g, ':$1')),
        };
      }
    }
  }
  return spec;
};

/** OpenAPI 3.1 document at /openapi.json, Swagger UI at /docs, ReDoc at /redoc. */
export const openapiPlugin = fp(
  async (app: FastifyInstance, options: { version: string }) => {
    app.addSchema(ErrorResponse);
    app.addHook('onRoute', addCommonSchemas);
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Raktar API',
          version: options.version,
          description:
            'Inventory, warehouse and light-ERP backend. Every error body is ' +
            '`{detail, error_code, timestamp, request_id}`; send `Accept-Language: hu` for Hungarian messages. ' +
            'Unknown fields in a request body are ignored and dropped, at any depth, before anything ' +
            'sees the request: they are never an error and never stored. Unknown query parameters are ignored.',
        },
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
            oauth2: { type: 'oauth2', flows: { password: { tokenUrl: '/api/v1/auth/login', scopes: {} } } },
          },
        },
        servers: [{ url: '/', description: 'This server' }],
        tags: TAGS,
      },
      transformObject: withOperationIds,
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    app.get(
      '/redoc',
      { schema: { hide: true }, config: { securityHeaders: { contentSecurityPolicy: false } } },
      async (_req, reply) => reply.type('text/html; charset=utf-8').send(redocPage),
    );
    let redocScript: Promise<Buffer> | undefined;
    app.get('/redoc/redoc.standalone.js', { schema: { hide: true } }, async (_req, reply) => {
      redocScript ??= readFile(REDOC_SCRIPT);
      return reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(await redocScript);
    });
  },
  { name: 'openapi' },
);
