import { type Static, Type } from 'typebox';
import { PageQuery } from '../../platform/pagination.js';
import { nullable } from '../../platform/schemas.js';
import { DISPATCH_STATUSES } from './dispatch.tables.js';
import { uuid } from './master-data.schemas.js';

const day = Type.String({ format: 'date' });
/** A business date, or a moment (whose date in the business time zone is taken), as clients send either. */
const dayOrMoment = Type.Union([day, Type.String({ format: 'date-time' })]);
const count = Type.Integer({ minimum: 0, maximum: 1_000_000 });
const note = (maxLength: number) => Type.String({ maxLength });
/** A project or drillhole: its id, or its code as the seed's clients may send it. */
const ref = Type.String({ minLength: 1, maxLength: 64, description: 'The id, or the code' });
/** Tray counts by type (`HQ`, `NQ`, …, any case). */
export const TrayCounts = Type.Record(Type.String({ pattern: '^[A-Za-z0-9]{1,8}$' }), count, {
  examples: [{ HQ: 10, NQ: 5 }],
});
export type TrayCounts = Static<typeof TrayCounts>;

const dispatchFields = {
  project_id: ref,
  drillhole_id: ref,
  company_id: Type.Optional(uuid),
  hq_boxes: Type.Optional(count),
  nq_boxes: Type.Optional(count),
  trays: Type.Optional(TrayCounts),
  driver: Type.Optional(note(200)),
  technician: Type.Optional(note(200)),
  samples_collected: Type.Optional(count),
  sample_type: Type.Optional(note(100)),
  dispatch_date: Type.Optional(dayOrMoment),
  notes: Type.Optional(note(2000)),
};
const createExample = {
  project_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9eb1',
  drillhole_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9eb2',
  company_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9eb0',
  hq_boxes: 10,
  nq_boxes: 5,
  driver: 'Kovács Péter',
  technician: 'Nagy Anna',
  samples_collected: 42,
  sample_type: 'core',
  dispatch_date: '2026-01-15',
};
export const DispatchCreate = Type.Object(dispatchFields, { examples: [createExample] });
export type DispatchCreate = Static<typeof DispatchCreate>;
export const DispatchChanges = Type.Partial(
  Type.Object({ ...dispatchFields, version: Type.Integer({ minimum: 1 }) }),
  { minProperties: 1, examples: [{ hq_boxes: 12, driver: 'Szabó Béla', version: 1 }] },
);
export type DispatchChanges = Omit<Static<typeof DispatchChanges>, 'version'>;

export const ReturnBody = Type.Object(
  {
    returned_hq: Type.Optional(count),
    returned_nq: Type.Optional(count),
    trays: Type.Optional(TrayCounts),
    return_condition: Type.String({
      pattern: '^([Gg][Oo][Oo][Dd]|[Ff][Aa][Ii][Rr]|[Dd][Aa][Mm][Aa][Gg][Ee][Dd])$',
      description: 'Good | Fair | Damaged, any case; damaged trays go to quarantine',
    }),
    return_notes: Type.Optional(note(2000)),
    return_date: Type.Optional(dayOrMoment),
    return_driver: Type.Optional(note(200)),
    return_technician: Type.Optional(note(200)),
  },
  {
    examples: [
      { returned_hq: 9, returned_nq: 5, return_condition: 'Damaged', return_notes: 'Two lids broken' },
    ],
  },
);
export type ReturnBody = Static<typeof ReturnBody>;
export const WriteOffBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500, pattern: '\\S' }) },
  { examples: [{ reason: 'Tray lost at the core shed' }] },
);

const trayFigures = Type.Object({
  dispatched: Type.Integer(),
  returned: Type.Integer(),
  written_off: Type.Integer(),
});
const dispatchExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9ec0',
  dispatch_number: 'DSP-000001',
  ...createExample,
  project_code: 'RK-2026',
  project_name: 'Recsk deep copper',
  drillhole_name: 'RK-DH-001',
  company_name: 'Carpathian Minerals Kft.',
  warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
  notes: '',
  status: 'partially_returned',
  trays: {
    HQ: { dispatched: 10, returned: 9, written_off: 0 },
    NQ: { dispatched: 5, returned: 5, written_off: 0 },
  },
  returned_hq: 9,
  returned_nq: 5,
  is_match: false,
  discrepancy: { HQ: -1, NQ: 0 },
  days_out: 3,
  return_date: '2026-01-18',
  return_condition: 'damaged',
  return_notes: 'Two lids broken',
  return_driver: '',
  return_technician: '',
  write_off_reason: null,
  version: 2,
  created_at: '2026-01-15T09:30:00.000Z',
  updated_at: '2026-01-18T14:00:00.000Z',
};
const dispatchFieldsOut = {
  id: uuid,
  dispatch_number: Type.String(),
  project_id: uuid,
  project_code: Type.String(),
  project_name: Type.String(),
  drillhole_id: uuid,
  drillhole_name: Type.String(),
  company_id: uuid,
  company_name: Type.String(),
  warehouse_id: uuid,
  dispatch_date: day,
  driver: Type.String(),
  technician: Type.String(),
  samples_collected: Type.Integer(),
  sample_type: Type.String(),
  notes: Type.String(),
  status: Type.String({ description: DISPATCH_STATUSES.join(' | ') }),
  trays: Type.Record(Type.String(), trayFigures),
  hq_boxes: Type.Integer(),
  nq_boxes: Type.Integer(),
  returned_hq: Type.Integer(),
  returned_nq: Type.Integer(),
  is_match: Type.Boolean(),
  discrepancy: Type.Record(Type.String(), Type.Integer(), {
    description: 'Per type, returned minus dispatched (negative: still out or written off)',
  }),
  days_out: Type.Integer({ description: 'Whole days in the business time zone, to the return or to today' }),
  return_date: nullable(day),
  return_condition: nullable(Type.String()),
  return_notes: Type.String(),
  return_driver: Type.String(),
  return_technician: Type.String(),
  write_off_reason: nullable(Type.String()),
  version: Type.Integer(),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
};
export const DispatchPublic = Type.Object(dispatchFieldsOut, { examples: [dispatchExample] });
export const DispatchList = Type.Object(
  {
    items: Type.Array(DispatchPublic),
    total: Type.Integer(),
    page: Type.Integer(),
    page_size: Type.Integer(),
    pages: Type.Integer(),
  },
  { examples: [{ items: [dispatchExample], total: 1, page: 1, page_size: 20, pages: 1 }] },
);
const status = Type.Enum([...DISPATCH_STATUSES]);
export const DispatchQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    status: Type.Optional(status),
    status_filter: Type.Optional(status),
    company_id: Type.Optional(uuid),
    project_id: Type.Optional(uuid),
    drillhole_id: Type.Optional(uuid),
    date_from: Type.Optional(day),
    date_to: Type.Optional(day),
  }),
]);
export type DispatchQuery = Static<typeof DispatchQuery>;

export const OutstandingList = Type.Object(
  {
    overdue_after_days: Type.Integer(),
    total: Type.Integer(),
    items: Type.Array(
      Type.Object({
        ...dispatchFieldsOut,
        band: Type.String({ description: '0-3 | 4-7 | 8+ days out' }),
        is_overdue: Type.Boolean(),
      }),
    ),
  },
  {
    examples: [
      {
        overdue_after_days: 10,
        total: 1,
        items: [{ ...dispatchExample, band: '0-3', is_overdue: false }],
      },
    ],
  },
);
