import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyContextConfig,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Static, TObject, TSchema } from 'typebox';
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

interface RecordRoute {
  config: FastifyContextConfig;
  tags: string[];
  summary: string;
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
    config: route.config,
    schema: {
      tags: route.tags,
      summary: route.summary,
      params: route.params,
      body: route.body,
      response: { 200: route.response },
    },
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
