import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyContextConfig,
  FastifyInstance,
  FastifySchema,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import { type Static, type TObject, type TSchema, Type } from 'typebox';
import { expectedVersion } from './if-match.js';
import { ctxOf, type RequestCtx } from './request-ctx.js';

/** A route plugin's instance, typed by TypeBox schemas. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What every route declares: who may call it, and where and how the OpenAPI document lists it. */
interface RouteDoc {
  config: FastifyContextConfig;
  tags: string[];
  summary: string;
}

/**
 * A route's options from its doc: its access config, and a schema of its tags, summary, path
 * parameters when it has any, and the rest (`body`, `querystring`, `response`).
 */
function optionsOf(route: RouteDoc & { params?: TSchema }, schema: FastifySchema) {
  return {
    config: route.config,
    schema: {
      tags: route.tags,
      summary: route.summary,
      ...(route.params ? { params: route.params } : {}),
      ...schema,
    },
  };
}

interface RecordRoute extends RouteDoc {
  /** The `{id}` path parameter's schema. */
  params: TSchema;
  /** The updated record as answered. */
  response: TSchema;
}

/**
 * `PUT` and `PATCH /:id` of a versioned record: both take only the fields to change (clients of
 * the seed systems PUT partial bodies), and the version read comes in the body or `If-Match`
 * (stale → 412, none → last write wins).
 */
export function updateRoute<B extends TObject>(
  app: Api,
  route: RecordRoute & {
    body: B;
    update: (ctx: RequestCtx, id: string, changes: Omit<Static<B>, 'version'>, version?: number) => unknown;
  },
): void {
  app.route({
    method: ['PUT', 'PATCH'],
    url: '/:id',
    ...optionsOf(route, { body: route.body, response: { 200: route.response } }),
    handler: (request) => {
      const { version, ...changes } = request.body as Static<B> & { version?: number };
      const { id } = request.params as { id: string };
      return route.update(ctxOf(request), id, changes, expectedVersion(request, version));
    },
  });
}

/** One lifecycle action of a document: `POST /:id/{action}`, no body needed. */
export interface ActionRoute<A extends string> {
  action: A;
  config: FastifyContextConfig;
  summary: string;
}

/** `POST /:id/{action}` for each lifecycle action of a document, all answered by one transition. */
export function transitionRoutes<A extends string>(
  app: Api,
  route: Omit<RecordRoute, 'config' | 'summary'> & {
    actions: ActionRoute<A>[];
    transition: (ctx: RequestCtx, id: string, action: A) => unknown;
  },
): void {
  for (const { action, config, summary } of route.actions) {
    app.post(
      `/:id/${action}`,
      {
        config,
        schema: { tags: route.tags, summary, params: route.params, response: { 200: route.response } },
      },
      (request) => route.transition(ctxOf(request), (request.params as { id: string }).id, action),
    );
  }
}

/*
 * The helpers below hand a write its `RequestCtx` first, as the services take it; a read gets
 * the request's typed input first and the `RequestCtx` last, since few reads need it.
 */

/** `POST /` (or `url`, under a parent's `params`) creating a record: 201 with the record. */
export function createRoute<B extends TSchema, P extends TSchema = TSchema>(
  app: Api,
  route: RouteDoc & {
    url?: string;
    params?: P;
    body: B;
    response: TSchema;
    create: (ctx: RequestCtx, body: Static<B>, params: Static<P>) => unknown;
  },
): void {
  app.post(
    route.url ?? '/',
    optionsOf(route, { body: route.body, response: { 201: route.response } }),
    async (request, reply) =>
      reply
        .code(201)
        .send(await route.create(ctxOf(request), request.body as Static<B>, request.params as Static<P>)),
  );
}

/** `GET /:id` (or `url`) answering one record by its path parameters. */
export function getRoute<P extends TSchema>(
  app: Api,
  route: RouteDoc & {
    url?: string;
    params: P;
    response: TSchema;
    get: (params: Static<P>, ctx: RequestCtx) => unknown;
  },
): void {
  app.get(route.url ?? '/:id', optionsOf(route, { response: { 200: route.response } }), (request) =>
    route.get(request.params as Static<P>, ctxOf(request)),
  );
}

/** `GET /` (or `url`, under a parent's `params`) answering a page of records filtered by the query. */
export function listRoute<Q extends TSchema, P extends TSchema = TSchema>(
  app: Api,
  route: RouteDoc & {
    url?: string;
    params?: P;
    querystring: Q;
    response: TSchema;
    list: (query: Static<Q>, params: Static<P>, ctx: RequestCtx) => unknown;
  },
): void {
  app.get(
    route.url ?? '/',
    optionsOf(route, { querystring: route.querystring, response: { 200: route.response } }),
    (request) => route.list(request.query as Static<Q>, request.params as Static<P>, ctxOf(request)),
  );
}

/**
 * `DELETE /:id` (or `url`): 200 with what `remove` answers (a deactivated record, say) when the
 * route declares a `response`, else 204 with no body.
 */
export function deleteRoute<P extends TSchema>(
  app: Api,
  route: RouteDoc & {
    url?: string;
    params: P;
    response?: TSchema;
    remove: (ctx: RequestCtx, params: Static<P>) => unknown;
  },
): void {
  app.delete(
    route.url ?? '/:id',
    optionsOf(route, { response: route.response ? { 200: route.response } : { 204: Type.Null() } }),
    async (request, reply) => {
      const result = await route.remove(ctxOf(request), request.params as Static<P>);
      return route.response ? result : reply.code(204).send(null);
    },
  );
}
