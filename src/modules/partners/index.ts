import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/module-context.js';
import { partnerRoutes } from './partners.routes.js';
import { PartnersService } from './partners.service.js';
import { customers, suppliers } from './partners.tables.js';

export { PartnerCreate as PartnerCreateSchema } from './partners.schemas.js';
export type { PartnerKind, PartnersService } from './partners.service.js';
export { normalizePhone } from './phone.js';

export interface PartnersModule {
  suppliers: PartnersService;
  customers: PartnersService;
}

/** Suppliers and customers: one service and one set of routes, twice. */
export async function register(app: FastifyInstance, { db, config }: ModuleContext): Promise<PartnersModule> {
  const region = config.phoneDefaultRegion;
  const supplierService = new PartnersService(db, suppliers, 'supplier', region);
  const customerService = new PartnersService(db, customers, 'customer', region);
  await app.register(partnerRoutes, {
    prefix: '/api/v1/suppliers',
    partners: supplierService,
    noun: 'supplier',
    tag: 'suppliers',
  });
  await app.register(partnerRoutes, {
    prefix: '/api/v1/customers',
    partners: customerService,
    noun: 'customer',
    tag: 'customers',
  });
  return { suppliers: supplierService, customers: customerService };
}
