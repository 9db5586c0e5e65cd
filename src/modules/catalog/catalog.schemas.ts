import { type Static, Type } from 'typebox';
import { MAX_CURSOR_LENGTH } from '../../platform/keyset-cursor.js';
import {
  EstimatedPageOf,
  EXACT_TOTAL_UP_TO,
  PageOf,
  PageQuery,
  SEARCH_EXACT_TOTAL_UP_TO,
} from '../../platform/pagination.js';
import { nullable } from '../../platform/schemas.js';

const uuid = Type.String({ format: 'uuid' });
const stamp = Type.String({ format: 'date-time' });
const day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Version = Type.Optional(Type.Integer({ minimum: 1, description: 'The version you read; stale → 412' }));

export const PRODUCT_SORTS = [
  'name_asc',
  'name_desc',
  'sku_asc',
  'sku_desc',
  'stock_asc',
  'stock_desc',
  'created_asc',
  'created_desc',
] as const;

const stockExample = {
  on_hand: 120,
  reserved: 20,
  available: 100,
  warehouses: [
    {
      warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
      warehouse_code: 'BP1',
      on_hand: 120,
      reserved: 20,
      available: 100,
    },
  ],
};

const productExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e20',
  sku: 'LAPTOP-001',
  name: 'Laptop Computer',
  description: 'High-performance laptop',
  category_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e21',
  category: 'Electronics',
  unit_of_measure: 'pcs',
  unit_price: 999.99,
  barcode: '5901234123457',
  tracking: 'none',
  shelf_life_days: null,
  reorder_point: 5,
  is_active: true,
  on_hand: 120,
  version: 1,
  created_at: '2026-01-02T08:00:00.000Z',
  updated_at: '2026-01-02T08:00:00.000Z',
};

const productFields = {
  id: uuid,
  sku: Type.String(),
  name: Type.String(),
  description: Type.String(),
  category_id: nullable(uuid),
  category: nullable(Type.String()),
  unit_of_measure: Type.String(),
  unit_price: Type.Number(),
  barcode: nullable(Type.String()),
  tracking: Type.String(),
  shelf_life_days: nullable(Type.Integer()),
  reorder_point: Type.Number(),
  is_active: Type.Boolean(),
  on_hand: Type.Number({ description: 'Total on hand in every warehouse' }),
  version: Type.Integer(),
  created_at: stamp,
  updated_at: stamp,
};

export const ProductPublic = Type.Object(productFields, { examples: [productExample] });
export const ProductList = EstimatedPageOf(
  ProductPublic,
  productExample,
  `${EXACT_TOTAL_UP_TO.toLocaleString('en')} (${SEARCH_EXACT_TOTAL_UP_TO.toLocaleString('en')} with \`search\`)`,
);

export const ProductCursorPage = Type.Object(
  {
    items: Type.Array(ProductPublic),
    next_cursor: nullable(Type.String({ description: 'The cursor of the next page; null on the last' })),
  },
  { examples: [{ items: [productExample], next_cursor: null }] },
);
/** A page by number, or by keyset when `cursor` is given. */
export const ProductListResponse = Type.Union([ProductList, ProductCursorPage], {
  examples: [
    { items: [productExample], total: 1, total_is_estimate: false, page: 1, page_size: 20, pages: 1 },
  ],
});

export const StockLine = Type.Object({
  warehouse_id: uuid,
  warehouse_code: Type.String(),
  on_hand: Type.Number(),
  reserved: Type.Number(),
  available: Type.Number(),
});
export const StockDistribution = Type.Object({
  on_hand: Type.Number(),
  reserved: Type.Number(),
  available: Type.Number(),
  warehouses: Type.Array(StockLine),
});

export const ProductDetail = Type.Object(
  { ...productFields, stock: StockDistribution },
  { examples: [{ ...productExample, stock: stockExample }] },
);

const editable = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 4000 }),
  category_id: nullable(uuid),
  category: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'Category by name; created if new',
  }),
  unit_of_measure: Type.String({ minLength: 1, maxLength: 20, description: 'Unit code; "piece" means pcs' }),
  unit_price: Type.Number({ minimum: 0, maximum: 1e12 }),
  barcode: nullable(
    Type.String({
      minLength: 8,
      maxLength: 14,
      pattern: '^\\d+$',
      description: 'EAN-8, UPC-A, EAN-13 or GTIN-14',
    }),
  ),
  tracking: Type.Enum(['none', 'lot']),
  shelf_life_days: nullable(Type.Integer({ minimum: 1, maximum: 36500 })),
  reorder_point: Type.Number({ minimum: 0, maximum: 1e12 }),
  is_active: Type.Boolean(),
};
const Sku = Type.String({ minLength: 1, maxLength: 64, pattern: '^\\s*[^\\s].*$' });

export const ProductCreate = Type.Object(
  {
    sku: Sku,
    name: editable.name,
    description: Type.Optional(editable.description),
    category_id: Type.Optional(editable.category_id),
    category: Type.Optional(editable.category),
    unit_of_measure: Type.Optional(editable.unit_of_measure),
    unit_price: Type.Optional(editable.unit_price),
    barcode: Type.Optional(editable.barcode),
    tracking: Type.Optional(editable.tracking),
    shelf_life_days: Type.Optional(editable.shelf_life_days),
    reorder_point: Type.Optional(editable.reorder_point),
    is_active: Type.Optional(editable.is_active),
  },
  {
    examples: [
      {
        sku: 'LAPTOP-001',
        name: 'Laptop Computer',
        description: 'High-performance laptop',
        unit_price: 999.99,
        unit_of_measure: 'piece',
        category: 'Electronics',
      },
    ],
  },
);

export const ProductUpdate = Type.Object(
  {
    sku: Type.Optional(Sku),
    name: Type.Optional(editable.name),
    description: Type.Optional(editable.description),
    category_id: Type.Optional(editable.category_id),
    category: Type.Optional(editable.category),
    unit_of_measure: Type.Optional(editable.unit_of_measure),
    unit_price: Type.Optional(editable.unit_price),
    barcode: Type.Optional(editable.barcode),
    tracking: Type.Optional(editable.tracking),
    shelf_life_days: Type.Optional(editable.shelf_life_days),
    reorder_point: Type.Optional(editable.reorder_point),
    is_active: Type.Optional(editable.is_active),
    version: Version,
  },
  { examples: [{ name: 'Updated Product Name', unit_price: 1299.99, version: 1 }] },
);
export type ProductCreate = Static<typeof ProductCreate>;
/** The fields a product update changes; the version travels beside them. */
export type ProductChanges = Omit<Static<typeof ProductUpdate>, 'version'>;

export const ProductQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    search: Type.Optional(
      Type.String({
        maxLength: 100,
        description:
          'Part of the name, SKU, barcode, description or category name, in any case and with or without accents; an exact SKU or barcode comes first',
      }),
    ),
    sort_by: Type.Optional(Type.Enum([...PRODUCT_SORTS], { default: 'name_asc' })),
    created_from_date: Type.Optional(Type.String({ format: 'date-time' })),
    created_to_date: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Created at or before, to the millisecond `created_at` shows',
      }),
    ),
    category_id: Type.Optional(uuid),
    is_active: Type.Optional(Type.Boolean()),
    include_inactive: Type.Optional(Type.Boolean({ default: false })),
    cursor: Type.Optional(
      Type.String({
        pattern: `^(first|[A-Za-z0-9_-]{1,${MAX_CURSOR_LENGTH}})$`,
        description:
          'Keyset paging: `first` for the first page, then the next_cursor of the page before; any order but by `stock`. Each page costs what the first does however deep it lies, and a product renamed meanwhile moves without upsetting the pages',
      }),
    ),
  }),
]);

const lotExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e30',
  product_id: productExample.id,
  lot_number: 'L2026-001',
  expiry_date: '2026-12-31',
  manufactured_on: '2026-01-10',
  supplier_id: null,
  notes: '',
  created_at: '2026-01-15T09:30:00.000Z',
};
export const LotPublic = Type.Object(
  {
    id: uuid,
    product_id: uuid,
    lot_number: Type.String(),
    expiry_date: nullable(day),
    manufactured_on: nullable(day),
    supplier_id: nullable(uuid),
    notes: Type.String(),
    created_at: stamp,
  },
  { examples: [lotExample] },
);
export const LotList = PageOf(LotPublic, lotExample);
export const LotCreate = Type.Object(
  {
    lot_number: Type.String({ minLength: 1, maxLength: 64 }),
    expiry_date: Type.Optional(nullable(day)),
    manufactured_on: Type.Optional(nullable(day)),
    supplier_id: Type.Optional(nullable(uuid)),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { examples: [{ lot_number: 'L2026-001', expiry_date: '2026-12-31', manufactured_on: '2026-01-10' }] },
);
export type LotCreate = Static<typeof LotCreate>;
export const LotQuery = Type.Intersect([
  PageQuery,
  Type.Object({ search: Type.Optional(Type.String({ maxLength: 64 })) }),
]);

const categoryExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e21',
  name: 'Electronics',
  description: '',
  parent_id: null,
  version: 1,
  created_at: '2026-01-02T08:00:00.000Z',
  updated_at: '2026-01-02T08:00:00.000Z',
};
export const CategoryPublic = Type.Object(
  {
    id: uuid,
    name: Type.String(),
    description: Type.String(),
    parent_id: nullable(uuid),
    version: Type.Integer(),
    created_at: stamp,
    updated_at: stamp,
  },
  { examples: [categoryExample] },
);
export const CategoryList = Type.Array(CategoryPublic, { examples: [[categoryExample]] });
export const CategoryCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    parent_id: Type.Optional(nullable(uuid)),
  },
  { examples: [{ name: 'Laptops', parent_id: categoryExample.id }] },
);
export type CategoryCreate = Static<typeof CategoryCreate>;
export const CategoryUpdate = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    parent_id: Type.Optional(nullable(uuid)),
    version: Version,
  },
  { examples: [{ parent_id: null, version: 1 }] },
);
export type CategoryChanges = Omit<Static<typeof CategoryUpdate>, 'version'>;

const unitExample = { code: 'kg', name: 'Kilogram', decimals: 3 };
export const UnitPublic = Type.Object(
  { code: Type.String(), name: Type.String(), decimals: Type.Integer() },
  { examples: [unitExample] },
);
export const UnitList = Type.Array(UnitPublic, { examples: [[unitExample]] });
export const UnitCreate = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 20, pattern: '^[a-z][a-z0-9_]*$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    decimals: Type.Optional(Type.Integer({ minimum: 0, maximum: 6 })),
  },
  { examples: [{ code: 'pal', name: 'Pallet', decimals: 0 }] },
);
export type UnitCreate = Static<typeof UnitCreate>;
export const UnitUpdate = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    decimals: Type.Optional(Type.Integer({ minimum: 0, maximum: 6 })),
  },
  // An update that names nothing to change is a client mistake, not a no-op.
  { minProperties: 1, examples: [{ name: 'Pallet (EUR)' }] },
);
export type UnitUpdate = Static<typeof UnitUpdate>;

export const IdParams = Type.Object({ id: uuid });
export const LotParams = Type.Object({ id: uuid, lotId: uuid });
export const UnitParams = Type.Object({ code: Type.String({ maxLength: 20 }) });
