import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';

const uuid = Type.String({ format: 'uuid' });
const stamp = Type.String({ format: 'date-time' });
const day = Type.String({ format: 'date' });
const orNull = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const ALERT_KINDS = [
  'lot_expiring',
  'lot_expired',
  'low_stock',
  'water_quality',
  'water_test_overdue',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
const Kind = Type.Union(
  [
    Type.Literal('lot_expiring'),
    Type.Literal('lot_expired'),
    Type.Literal('low_stock'),
    Type.Literal('water_quality'),
    Type.Literal('water_test_overdue'),
  ],
  {
    description:
      'lot_expiring: a lot with stock expires within the window; lot_expired: expired stock on hand; ' +
      'low_stock: on hand at or below the reorder point; water_quality: a biofloc water test ' +
      'breached its profile (one per parameter); water_test_overdue: an in-use tank had no water test in 24 h',
  },
);

/** What a subscription may ask to be mailed: alerts of these kinds, or the monthly report. */
export const SUBSCRIPTION_KINDS = [...ALERT_KINDS, 'monthly_report'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];
const SubscriptionKind = Type.Union(
  [
    Type.Literal('lot_expiring'),
    Type.Literal('lot_expired'),
    Type.Literal('low_stock'),
    Type.Literal('water_quality'),
    Type.Literal('water_test_overdue'),
    Type.Literal('monthly_report'),
  ],
  {
    description:
      'An alert kind, or monthly_report: the stock-on-hand and valuation workbook (XLSX) mailed on the 1st',
  },
);

/** The checks the scheduler runs daily, and an admin can run now. */
export const ALERT_CHECKS = ['expiry', 'low_stock'] as const;
export type AlertCheck = (typeof ALERT_CHECKS)[number];

const RunKind = Type.Union([
  Type.Literal('expiry'),
  Type.Literal('low_stock'),
  Type.Literal('monthly_report'),
]);

export const IdParams = Type.Object({ id: uuid });

const alertExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
  kind: 'lot_expiring' as const,
  product_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e10',
  sku: 'MILK-1L',
  product_name: 'Milk 1 l',
  lot_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e11',
  lot_number: 'L2026-10',
  expiry_date: '2026-10-26',
  days_to_expiry: 2,
  warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e12',
  warehouse_code: 'MAIN',
  on_hand: 40,
  reorder_point: null,
  subject_id: null,
  subject_label: null,
  source_id: null,
  parameter: null,
  value: null,
  threshold: null,
  business_day: '2026-10-24',
  created_at: '2026-10-24T04:00:00.000Z',
  acknowledged_by: null,
  acknowledged_at: null,
};

export const AlertPublic = Type.Object(
  {
    id: uuid,
    kind: Kind,
    product_id: orNull(Type.String({ format: 'uuid', description: 'Null for water alerts' })),
    sku: orNull(Type.String()),
    product_name: orNull(Type.String()),
    lot_id: orNull(uuid),
    lot_number: orNull(Type.String()),
    expiry_date: orNull(day),
    days_to_expiry: orNull(Type.Integer({ description: 'Negative once expired' })),
    warehouse_id: orNull(Type.String({ format: 'uuid', description: 'Null: over all warehouses' })),
    warehouse_code: orNull(Type.String()),
    on_hand: orNull(Type.Number()),
    reorder_point: orNull(Type.Number()),
    subject_id: orNull(Type.String({ format: 'uuid', description: 'Water alerts: the tank' })),
    subject_label: orNull(Type.String({ description: 'Water alerts: the tank code' })),
    source_id: orNull(Type.String({ format: 'uuid', description: 'water_quality: the water test' })),
    parameter: orNull(
      Type.String({ description: 'water_quality: the parameter, e.g. dissolved_oxygen_mgl' }),
    ),
    value: orNull(Type.Number({ description: 'water_quality: the value measured' })),
    threshold: orNull(Type.Number({ description: 'water_quality: the limit breached' })),
    business_day: Type.String({
      format: 'date',
      description: 'The day, in the business time zone, it was raised for',
    }),
    created_at: stamp,
    acknowledged_by: orNull(uuid),
    acknowledged_at: orNull(stamp),
  },
  { examples: [alertExample] },
);
export const AlertList = PageOf(AlertPublic, alertExample);

export const AlertQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    kind: Type.Optional(Kind),
    acknowledged: Type.Optional(Type.Boolean()),
    warehouse_id: Type.Optional(uuid),
  }),
]);

export const AlertRun = Type.Object(
  {
    kind: Type.Union([Type.Literal('expiry'), Type.Literal('low_stock'), Type.Literal('monthly_report')], {
      description:
        'expiry or low_stock: the daily check; monthly_report: the report of the previous month, ' +
        'to subscribers not yet mailed it',
    }),
  },
  { examples: [{ kind: 'expiry' }] },
);
export const AlertRunResult = Type.Object(
  {
    kind: RunKind,
    business_day: day,
    raised: Type.Optional(
      Type.Integer({
        description:
          'expiry and low_stock: alerts new today (those raised earlier the same day are not again)',
      }),
    ),
    month: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}$',
        description: 'monthly_report: the month reported (YYYY-MM)',
      }),
    ),
    mails: Type.Integer({
      description: 'Mails queued: one per subscriber with a new alert, or not yet mailed the month’s report',
    }),
  },
  { examples: [{ kind: 'expiry', business_day: '2026-10-24', raised: 3, mails: 2 }] },
);

const subscriptionExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e20',
  user_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e21',
  role: null,
  module: null,
  kinds: ['lot_expiring', 'lot_expired'] as SubscriptionKind[],
  warehouse_id: null,
  locale: 'hu' as const,
  version: 1,
  created_at: '2026-10-01T08:00:00.000Z',
};

const Locale = Type.Union([Type.Literal('en'), Type.Literal('hu')], {
  description: 'Language of the mails (default: the Accept-Language of the request)',
});
const Kinds = Type.Array(SubscriptionKind, {
  minItems: 1,
  maxItems: SUBSCRIPTION_KINDS.length,
  uniqueItems: true,
});
const Role = Type.Union([
  Type.Literal('admin'),
  Type.Literal('manager'),
  Type.Literal('warehouse'),
  Type.Literal('viewer'),
]);
const ModuleKey = Type.String({ minLength: 1, maxLength: 64 });

export const SubscriptionPublic = Type.Object(
  {
    id: uuid,
    user_id: orNull(uuid),
    role: orNull(Role),
    module: orNull(Type.String()),
    kinds: Type.Array(SubscriptionKind),
    warehouse_id: orNull(uuid),
    locale: Locale,
    version: Type.Integer(),
    created_at: stamp,
  },
  { examples: [subscriptionExample] },
);
export const SubscriptionList = PageOf(SubscriptionPublic, subscriptionExample);

export const SubscriptionCreate = Type.Object(
  {
    user_id: Type.Optional(
      Type.String({ format: 'uuid', description: 'Default: the caller (when no role or module is given)' }),
    ),
    role: Type.Optional(Role),
    module: Type.Optional(ModuleKey),
    kinds: Kinds,
    warehouse_id: Type.Optional(orNull(uuid)),
    locale: Type.Optional(Locale),
  },
  {
    description:
      'Who is mailed: one user, everyone with a role, or everyone granted a module (admins only for the last two and for other users)',
    examples: [{ kinds: ['lot_expiring', 'lot_expired'], warehouse_id: null, locale: 'hu' }],
  },
);
export type SubscriptionCreate = Static<typeof SubscriptionCreate>;

export const SubscriptionUpdate = Type.Object(
  {
    kinds: Type.Optional(Kinds),
    warehouse_id: Type.Optional(orNull(uuid)),
    locale: Type.Optional(Locale),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { examples: [{ kinds: ['low_stock'], version: 1 }] },
);
export type SubscriptionChanges = Omit<Static<typeof SubscriptionUpdate>, 'version'>;

export const SubscriptionQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    user_id: Type.Optional(
      Type.String({ format: 'uuid', description: 'Admins: one user’s; others see only their own' }),
    ),
  }),
]);
