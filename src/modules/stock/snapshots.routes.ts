import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess, Roles } from '../../platform/access.js';
import { bodyOptional } from '../../platform/optional-body.js';
import { PageQuery, pageRequest } from '../../platform/pagination.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { listRoute } from '../../platform/route-helpers.js';
import type { SnapshotsService } from './snapshots.service.js';
import { SnapshotCreate, SnapshotFillResult, SnapshotList, SnapshotPublic } from './stock.schemas.js';

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
  app.post(
    '/snapshots/fill',
    {
      config: { access: { roles: Roles.admin, module: 'inventory' } },
      schema: {
        tags,
        summary: 'Take the snapshots a busy ledger is due (what the fill job does every 10 minutes)',
        description:
          'Wherever more movements than `SNAPSHOT_EVERY_MOVEMENTS` (or than the balances of the ' +
          'snapshot before, if more) lie between two snapshots or since the last one, takes one at ' +
          'each such count, so `as_of` adds at most that many ledger rows to a snapshot. After a ' +
          'bulk load or restore this fills the history at once. Returns the snapshots taken (none ' +
          'when nothing is due or the setting is 0).',
        response: { 200: SnapshotFillResult },
      },
    },
    async (request) => ({ items: await snapshots.fill(ctxOf(request)) }),
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
