import { defineError } from '../../platform/errors.js';

export const PurchasingErrors = {
  notFound: defineError('PURCHASE_ORDER_NOT_FOUND', 404, {
    en: 'Purchase order not found.',
    hu: 'A beszerzési rendelés nem található.',
  }),
  illegalTransition: defineError(
    'ILLEGAL_STATUS_TRANSITION',
    409,
    {
      en: 'Cannot {action} a purchase order that is {status}.',
      hu: 'A(z) {status} állapotú beszerzési rendelésen nem hajtható végre: {action}.',
    },
    'purchase_order',
  ),
  notEditable: defineError('PURCHASE_ORDER_NOT_EDITABLE', 409, {
    en: 'Only a draft can be changed or deleted; this one is {status}.',
    hu: 'Csak piszkozat módosítható vagy törölhető; ez a rendelés {status}.',
  }),
  lineNotFound: defineError(
    'ORDER_LINE_NOT_FOUND',
    422,
    {
      en: 'Line {line_id} is not on this order.',
      hu: 'A(z) {line_id} sor nem ehhez a rendeléshez tartozik.',
    },
    'purchase_order',
  ),
  overReceipt: defineError('OVER_RECEIPT', 409, {
    en: 'Receiving {quantity} of {sku} exceeds the ordered {ordered} (already received {received}).',
    hu: 'A(z) {sku} {quantity} mennyiségű átvétele meghaladja a rendelt {ordered} mennyiséget (eddig átvett: {received}).',
  }),
  lotAndExpiryRequired: defineError('LOT_AND_EXPIRY_REQUIRED', 422, {
    en: 'Product {sku} is lot-tracked: give lot_number and expiry_date.',
    hu: 'A(z) {sku} termék tételkövetett: adja meg a lot_number és expiry_date mezőt.',
  }),
  supplierInactive: defineError('SUPPLIER_INACTIVE', 409, {
    en: 'The supplier is inactive.',
    hu: 'A beszállító inaktív.',
  }),
};
