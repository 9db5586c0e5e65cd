import { defineError } from '../../platform/errors.js';

export const SalesErrors = {
  notFound: defineError('SALES_ORDER_NOT_FOUND', 404, {
    en: 'Sales order not found.',
    hu: 'A vevői rendelés nem található.',
  }),
  illegalTransition: defineError(
    'ILLEGAL_STATUS_TRANSITION',
    409,
    {
      en: 'Cannot {action} a sales order that is {status}.',
      hu: 'A(z) {status} állapotú vevői rendelésen nem hajtható végre: {action}.',
    },
    'sales_order',
  ),
  shortLines: defineError(
    'INSUFFICIENT_STOCK',
    409,
    {
      en: 'Not enough stock for {count} line(s); nothing was reserved.',
      hu: '{count} sorhoz nincs elég készlet; semmi sem lett lefoglalva.',
    },
    'order_lines',
  ),
  lineNotFound: defineError(
    'ORDER_LINE_NOT_FOUND',
    422,
    {
      en: 'Line {line} is not on this order.',
      hu: 'A(z) {line} sor nem ehhez a rendeléshez tartozik.',
    },
    'sales_order',
  ),
  overShipment: defineError('OVER_SHIPMENT', 409, {
    en: 'Only {reserved} of {sku} is reserved for this order; {quantity} cannot be shipped.',
    hu: 'A(z) {sku} termékből csak {reserved} van lefoglalva ehhez a rendeléshez; {quantity} nem szállítható ki.',
  }),
  customerInactive: defineError('CUSTOMER_INACTIVE', 409, {
    en: 'The customer is inactive.',
    hu: 'A vevő inaktív.',
  }),
};
