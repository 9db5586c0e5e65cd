import { defineError } from '../../platform/errors.js';

export const ProductionErrors = {
  notFound: defineError('WORK_ORDER_NOT_FOUND', 404, {
    en: 'Work order not found.',
    hu: 'A gyártási rendelés nem található.',
  }),
  illegalTransition: defineError(
    'ILLEGAL_STATUS_TRANSITION',
    409,
    {
      en: 'Cannot {action} a work order that is {status}.',
      hu: 'A(z) {status} állapotú gyártási rendelésen nem hajtható végre: {action}.',
    },
    'work_order',
  ),
  overProduction: defineError('OVER_PRODUCTION', 409, {
    en: 'Producing {quantity} would exceed the ordered {ordered} (already produced {produced}).',
    hu: '{quantity} legyártása meghaladná a rendelt {ordered} mennyiséget (eddig legyártva: {produced}).',
  }),
  componentIsOutput: defineError('COMPONENT_IS_OUTPUT', 422, {
    en: 'A work order cannot consume the product it makes.',
    hu: 'A gyártási rendelés nem használhatja fel azt a terméket, amelyet gyárt.',
  }),
};
