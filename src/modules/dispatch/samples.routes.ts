import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess } from '../../platform/access.js';
import { pageRequest } from '../../platform/pagination.js';
import { createRoute, getRoute, listRoute, updateRoute } from '../../platform/route-helpers.js';
import { IdParams } from './master-data.schemas.js';
import { SampleChanges, SampleCreate, SampleList, SamplePublic, SampleQuery } from './samples.schemas.js';
import { type SamplesService, sampleFilterOf } from './samples.service.js';

const tags = ['samples'];
const { read, staff } = moduleAccess('dispatch');

export const samplesRoutes: FastifyPluginAsyncTypebox<{ samples: SamplesService }> = async (
  app,
  { samples },
) => {
  createRoute(app, {
    config: staff,
    tags,
    summary:
      'Record a sample of a dispatch (unique id; from < to; no overlap on the hole unless a duplicate)',
    body: SampleCreate,
    response: SamplePublic,
    create: (ctx, body) => samples.create(ctx, body),
  });
  listRoute(app, {
    config: read,
    tags,
    summary: 'List samples by drillhole and depth',
    querystring: SampleQuery,
    response: SampleList,
    list: (q) => samples.list(sampleFilterOf(q), pageRequest(q)),
  });
  getRoute(app, {
    config: read,
    tags,
    summary: 'Get a sample',
    params: IdParams,
    response: SamplePublic,
    get: ({ id }) => samples.get(id),
  });
  updateRoute(app, {
    config: staff,
    tags,
    summary: 'Move a sample on (collected → processing → completed) or change its notes',
    params: IdParams,
    body: SampleChanges,
    response: SamplePublic,
    update: (ctx, id, changes, version) => samples.update(ctx, id, changes, version),
  });
};
