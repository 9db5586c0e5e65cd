import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Roles } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { createRoute, deleteRoute, getRoute, listRoute, updateRoute } from '../../platform/route-helpers.js';
import {
  IdParams,
  SubscriptionCreate,
  SubscriptionList,
  SubscriptionPublic,
  SubscriptionQuery,
  SubscriptionUpdate,
} from './alerts.schemas.js';
import type { SubscriptionsService } from './subscriptions.service.js';

const tags = ['alerts'];
/** Everyone manages their own subscriptions; admins anyone's (the service narrows the rest). */
const own = { access: { roles: Roles.all, module: 'inventory', ownRecords: true } };

/** Who is mailed which alerts. */
export const subscriptionsRoutes: FastifyPluginAsyncTypebox<{ subscriptions: SubscriptionsService }> = async (
  app,
  { subscriptions },
) => {
  listRoute(app, {
    config: own,
    tags,
    summary: 'Alert subscriptions: your own, or (admins) everyone’s',
    querystring: SubscriptionQuery,
    response: SubscriptionList,
    list: (q, _params, ctx) => subscriptions.list(ctx, q.user_id, pageRequest(q)),
  });
  createRoute(app, {
    config: own,
    tags,
    summary: 'Subscribe to alert kinds, optionally of one warehouse',
    body: SubscriptionCreate,
    response: SubscriptionPublic,
    create: (ctx, body) => subscriptions.create(ctx, body),
  });
  getRoute(app, {
    config: own,
    tags,
    summary: 'Get an alert subscription',
    params: IdParams,
    response: SubscriptionPublic,
    get: ({ id }, ctx) => subscriptions.get(ctx, id),
  });
  updateRoute(app, {
    config: own,
    tags,
    summary: 'Change an alert subscription’s kinds, warehouse or language (stale version → 412)',
    params: IdParams,
    body: SubscriptionUpdate,
    response: SubscriptionPublic,
    update: (ctx, id, changes, version) => subscriptions.update(ctx, id, changes, version),
  });
  deleteRoute(app, {
    config: own,
    tags,
    summary: 'Delete an alert subscription',
    params: IdParams,
    remove: (ctx, { id }) => subscriptions.remove(ctx, id),
  });
};
