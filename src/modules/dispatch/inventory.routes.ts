import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { moduleAccess } from '../../platform/access.js';
import { ctxOf } from '../../platform/request-ctx.js';
import { TrayAvailable, TrayBaseBody, TrayInventory } from './inventory.schemas.js';
import type { TrayInventoryService } from './inventory.service.js';

const tags = ['dispatch inventory'];
const { read, manage } = moduleAccess('dispatch');

export const trayInventoryRoutes: FastifyPluginAsyncTypebox<{ inventory: TrayInventoryService }> = async (
  app,
  { inventory },
) => {
  app.get(
    '/',
    {
      config: read,
      schema: {
        tags,
        summary: 'Trays per type: base (on hand + out), out on dispatches, available',
        response: { 200: TrayInventory },
      },
    },
    (request) => inventory.inventory(ctxOf(request)),
  );
  app.put(
    '/',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Set the base per type: the difference is posted as an audited adjustment',
        body: TrayBaseBody,
        response: { 200: TrayInventory },
      },
    },
    (request) => inventory.setBase(ctxOf(request), request.body),
  );
  app.get(
    '/available',
    {
      config: read,
      schema: { tags, summary: 'What a dispatch may take now, per type', response: { 200: TrayAvailable } },
    },
    (request) => inventory.available(ctxOf(request)),
  );
};
