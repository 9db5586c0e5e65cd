import { defineError } from '../../platform/errors.js';

export const CatalogErrors = {
  invalidCursor: defineError('INVALID_CURSOR', 422, {
    en: 'The cursor is not one this list handed out for this order; start again with cursor=first.',
    hu: 'A kurzor nem ettől a listától, ehhez a rendezéshez származik; kezdje újra a cursor=first értékkel.',
  }),
  cursorWithStockOrder: defineError('CURSOR_WITH_STOCK_ORDER', 422, {
    en: 'Paging by cursor does not follow an order by stock, which every posting changes; use page and page_size.',
    hu: 'A kurzoros lapozás nem követi a készlet szerinti rendezést, mert azt minden könyvelés megváltoztatja; használja a page és page_size paramétert.',
  }),
  productNotFound: defineError('PRODUCT_NOT_FOUND', 404, {
    en: 'Product not found.',
    hu: 'A termék nem található.',
  }),
  skuTaken: defineError('SKU_TAKEN', 409, {
    en: 'SKU {sku} is already taken (also by inactive products).',
    hu: 'A(z) {sku} cikkszám már foglalt (inaktív termék is foglalhatja).',
  }),
  barcodeTaken: defineError('BARCODE_TAKEN', 409, {
    en: 'Barcode {barcode} already belongs to another product.',
    hu: 'A(z) {barcode} vonalkód már egy másik termékhez tartozik.',
  }),
  productInactive: defineError('PRODUCT_INACTIVE', 409, {
    en: 'Product {sku} is inactive.',
    hu: 'A(z) {sku} termék inaktív.',
  }),
  trackingLocked: defineError('TRACKING_LOCKED', 409, {
    en: 'Tracking cannot change once the product has lots.',
    hu: 'A nyomonkövetés módja nem változtatható, ha a terméknek már vannak tételei.',
  }),
  notLotTracked: defineError('PRODUCT_NOT_LOT_TRACKED', 409, {
    en: 'Product {sku} is not tracked by lot.',
    hu: 'A(z) {sku} termék nem tételkövetett.',
  }),
  lotNotFound: defineError('LOT_NOT_FOUND', 404, { en: 'Lot not found.', hu: 'A tétel nem található.' }),
  lotTaken: defineError('LOT_NUMBER_TAKEN', 409, {
    en: 'Lot {lot_number} already exists for this product.',
    hu: 'A(z) {lot_number} tétel már létezik ennél a terméknél.',
  }),
  categoryNotFound: defineError('CATEGORY_NOT_FOUND', 404, {
    en: 'Category not found.',
    hu: 'A kategória nem található.',
  }),
  categoryTaken: defineError('CATEGORY_NAME_TAKEN', 409, {
    en: 'A category named {name} already exists.',
    hu: 'Már létezik {name} nevű kategória.',
  }),
  categoryCycle: defineError('CATEGORY_CYCLE', 409, {
    en: 'A category cannot be placed under itself or one of its descendants.',
    hu: 'Kategória nem helyezhető saját maga vagy leszármazottja alá.',
  }),
  categoryInUse: defineError('CATEGORY_IN_USE', 409, {
    en: 'The category has products or subcategories.',
    hu: 'A kategóriához termékek vagy alkategóriák tartoznak.',
  }),
  unitNotFound: defineError('UNIT_NOT_FOUND', 404, {
    en: 'Unit not found.',
    hu: 'A mértékegység nem található.',
  }),
  unknownUnit: defineError('UNKNOWN_UNIT', 422, {
    en: 'Unknown unit of measure: {unit}.',
    hu: 'Ismeretlen mértékegység: {unit}.',
  }),
  unitTaken: defineError('UNIT_CODE_TAKEN', 409, {
    en: 'Unit {code} already exists.',
    hu: 'A(z) {code} mértékegység már létezik.',
  }),
  unitInUse: defineError('UNIT_IN_USE', 409, {
    en: 'The unit is used by products.',
    hu: 'A mértékegységet termékek használják.',
  }),
};
