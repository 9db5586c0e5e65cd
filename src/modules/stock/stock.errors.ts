import { defineError } from '../../platform/errors.js';

export const StockErrors = {
  insufficient: defineError('INSUFFICIENT_STOCK', 409, {
    en: 'Not enough stock of {sku}: {requested} requested, {available} available.',
    hu: 'Nincs elég készlet ebből: {sku}. Kért: {requested}, elérhető: {available}.',
  }),
  movementNotFound: defineError('MOVEMENT_NOT_FOUND', 404, {
    en: 'Stock movement not found.',
    hu: 'A készletmozgás nem található.',
  }),
  signMismatch: defineError('QUANTITY_SIGN_MISMATCH', 422, {
    en: 'A {movement_type} movement cannot have a negative quantity.',
    hu: 'A(z) {movement_type} mozgás mennyisége nem lehet negatív.',
  }),
  zeroQuantity: defineError('ZERO_QUANTITY', 422, {
    en: 'The quantity must not be zero.',
    hu: 'A mennyiség nem lehet nulla.',
  }),
  tooPrecise: defineError('QUANTITY_TOO_PRECISE', 422, {
    en: 'Quantities in {unit} allow at most {decimals} decimal places.',
    hu: 'A(z) {unit} mértékegységben legfeljebb {decimals} tizedesjegy adható meg.',
  }),
  lotRequired: defineError('LOT_REQUIRED', 422, {
    en: 'Product {sku} is lot-tracked: give lot_number (and expiry_date) or lot_id.',
    hu: 'A(z) {sku} termék tételkövetett: adja meg a lot_number (és expiry_date) vagy a lot_id mezőt.',
  }),
  lotMismatch: defineError('LOT_NOT_OF_PRODUCT', 422, {
    en: 'The lot does not belong to this product.',
    hu: 'A tétel nem ehhez a termékhez tartozik.',
  }),
  forceNotAllowed: defineError('FORCE_EXPIRED_FORBIDDEN', 403, {
    en: 'Only a manager or admin may issue expired stock.',
    hu: 'Lejárt készletet csak vezető vagy adminisztrátor adhat ki.',
  }),
  alreadyReversed: defineError('ALREADY_REVERSED', 409, {
    en: 'This movement has already been reversed.',
    hu: 'Ezt a mozgást már sztornózták.',
  }),
  notReversible: defineError('NOT_REVERSIBLE', 409, {
    en: 'Movements posted by a document ({reference}) are undone through that document, and reversals are not reversed.',
    hu: 'Dokumentum ({reference}) által könyvelt mozgás a dokumentumon keresztül vonható vissza, sztornó pedig nem sztornózható.',
  }),
  reservationNotFound: defineError('RESERVATION_NOT_FOUND', 404, {
    en: 'Reservation not found.',
    hu: 'A foglalás nem található.',
  }),
  reservationClosed: defineError('RESERVATION_NOT_ACTIVE', 409, {
    en: 'The reservation is {status}.',
    hu: 'A foglalás állapota: {status}.',
  }),
  transferNotFound: defineError('TRANSFER_NOT_FOUND', 404, {
    en: 'Stock transfer not found.',
    hu: 'A készletáthelyezés nem található.',
  }),
  transferState: defineError('TRANSFER_NOT_PENDING', 409, {
    en: 'The transfer is {status}; only a pending transfer can be completed or cancelled.',
    hu: 'Az áthelyezés állapota: {status}; csak függőben lévő áthelyezés zárható le vagy vonható vissza.',
  }),
  sameLocation: defineError('SAME_LOCATION', 422, {
    en: 'Source and destination are the same location.',
    hu: 'A forrás és a cél ugyanaz a hely.',
  }),
  snapshotInFuture: defineError('SNAPSHOT_CUT_IN_FUTURE', 422, {
    en: 'A snapshot can only be taken of a moment that has passed.',
    hu: 'Pillanatkép csak elmúlt időpontról készíthető.',
  }),
  snapshotExists: defineError('SNAPSHOT_EXISTS', 409, {
    en: 'A snapshot of {cut_at} exists already.',
    hu: 'Már van pillanatkép erről az időpontról: {cut_at}.',
  }),
  snapshotInFlight: defineError('SNAPSHOT_CUT_IN_FLIGHT', 409, {
    en: 'Postings that began before {cut_at} are still open; retry in a moment.',
    hu: 'A(z) {cut_at} előtt indult könyvelések még folyamatban vannak; próbálja újra hamarosan.',
  }),
};
