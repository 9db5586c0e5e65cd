import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess, Roles } from '../../platform/access.js';
import { bodyOptional } from '../../platform/optional-body.js';
import { PageQuery, pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { listRoute } from '../../platform/route-helpers.js';
import type { SnapshotsService } from './snapshots.service.js';
import { SnapshotCreate, SnapshotList, SnapshotPublic } from './stock.schemas.js';

const tags = ['inventory'];
const { read } = moduleAccess('inventory');

/** Balance snapshots: taken monthly by the scheduler, and here on demand. */
export const snapshotsRoutes: FastifyPluginAsyncTypebox<{ snapshots: SnapshotsService }> = async (
  app,
  { snapshots },
) => {
  app.post(
    '/snapshots',
    {
      config: { access: { roles: Roles.admin, module: 'inventory' } },
      preValidation: bodyOptional,
      schema: {
        tags,
        summary: 'Take a balance snapshot of a past moment (default now); body optional',
        description:
          'Every balance as of `cut_at`, built from the snapshot before it and the ledger between. ' +
          '`as_of` balances and incremental `verify` then add only the ledger since the nearest ' +
          'snapshot. Waits up to 10 s for postings begun before the cut (then 409 ' +
          'SNAPSHOT_CUT_IN_FLIGHT). A cut in the future is 422, one that exists 409 SNAPSHOT_EXISTS.',
        body: SnapshotCreate,
        response: { 201: SnapshotPublic },
      },
    },
    async (request, reply) => {
      const cut = request.body.cut_at ? new Date(request.body.cut_at) : undefined;
      return reply.code(201).send(await snapshots.take(ctxOf(request), cut));
    },
  );
  listRoute(app, {
    config: read,
    tags,
    summary: 'Balance snapshots, newest cut first',
    url: '/snapshots',
    querystring: PageQuery,
    response: SnapshotList,
    list: (q) => snapshots.list(pageRequest(q)),
  });
};
