import { defineError } from '../../platform/errors.js';

export const LocationErrors = {
  warehouseNotFound: defineError('WAREHOUSE_NOT_FOUND', 404, {
    en: 'Warehouse not found.',
    hu: 'A raktár nem található.',
  }),
  warehouseCodeTaken: defineError('WAREHOUSE_CODE_TAKEN', 409, {
    en: 'A warehouse with code {code} already exists.',
    hu: 'Már létezik raktár ezzel a kóddal: {code}.',
  }),
  warehouseHoldsStock: defineError('WAREHOUSE_HOLDS_STOCK', 409, {
    en: 'The warehouse still holds stock; move or issue it first.',
    hu: 'A raktárban még van készlet; előbb mozgassa vagy adja ki.',
  }),
  binNotFound: defineError('BIN_NOT_FOUND', 404, {
    en: 'Bin not found.',
    hu: 'A tárhely nem található.',
  }),
  binCodeTaken: defineError('BIN_CODE_TAKEN', 409, {
    en: 'Bin code {code} already exists in this warehouse.',
    hu: 'A(z) {code} tárhelykód már létezik ebben a raktárban.',
  }),
  binCodesTaken: defineError('BIN_CODES_TAKEN', 409, {
    en: '{count} of the codes already exist in this warehouse; nothing was created.',
    hu: 'A kódok közül {count} már létezik ebben a raktárban; semmi sem jött létre.',
  }),
  binHoldsStock: defineError('BIN_HOLDS_STOCK', 409, {
    en: 'The bin holds stock; it cannot be deleted or deactivated.',
    hu: 'A tárhelyen készlet van; nem törölhető és nem inaktiválható.',
  }),
  binHasHistory: defineError('BIN_HAS_HISTORY', 409, {
    en: 'The bin has stock history; deactivate it instead of deleting it.',
    hu: 'A tárhelynek készlettörténete van; törlés helyett inaktiválja.',
  }),
  defaultBin: defineError('DEFAULT_BIN', 409, {
    en: "The warehouse's default bin cannot be deleted or deactivated.",
    hu: 'A raktár alapértelmezett tárhelye nem törölhető és nem inaktiválható.',
  }),
  inactiveWarehouse: defineError('WAREHOUSE_INACTIVE', 409, {
    en: 'The warehouse is inactive.',
    hu: 'A raktár inaktív.',
  }),
};
