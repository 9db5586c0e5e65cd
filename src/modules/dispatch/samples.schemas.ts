import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { nullable } from '../../platform/schemas.js';
import { SAMPLE_STATUSES, SAMPLE_TYPES } from './dispatch.tables.js';
import { uuid } from './master-data.schemas.js';

const depth = Type.Number({ minimum: 0, maximum: 100_000, multipleOf: 0.01 });
const sampleType = Type.Enum([...SAMPLE_TYPES]);
const sampleStatus = Type.Enum([...SAMPLE_STATUSES]);

export const SampleCreate = Type.Object(
  {
    sample_id: Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' }),
    dispatch_id: uuid,
    drillhole_id: Type.Optional(nullable(uuid)),
    from_depth: depth,
    to_depth: depth,
    sample_type: Type.Optional(sampleType),
    status: Type.Optional(sampleStatus),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  {
    examples: [
      {
        sample_id: 'RK-DH-001-0042',
        dispatch_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9ec0',
        from_depth: 120.5,
        to_depth: 121.5,
        sample_type: 'assay',
      },
    ],
  },
);
export type SampleCreate = Static<typeof SampleCreate>;
export const SampleChanges = Type.Object(
  {
    status: Type.Optional(sampleStatus),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { minProperties: 1, examples: [{ status: 'processing', version: 1 }] },
);
export type SampleChanges = Omit<Static<typeof SampleChanges>, 'version'>;

const sampleExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9ed0',
  sample_id: 'RK-DH-001-0042',
  dispatch_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9ec0',
  dispatch_number: 'DSP-000001',
  drillhole_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9eb2',
  drillhole_name: 'RK-DH-001',
  from_depth: 120.5,
  to_depth: 121.5,
  sample_type: 'assay',
  status: 'collected',
  notes: '',
  version: 1,
  created_at: '2026-01-15T09:30:00.000Z',
  updated_at: '2026-01-15T09:30:00.000Z',
};
export const SamplePublic = Type.Object(
  {
    id: uuid,
    sample_id: Type.String(),
    dispatch_id: uuid,
    dispatch_number: Type.String(),
    drillhole_id: uuid,
    drillhole_name: Type.String(),
    from_depth: Type.Number(),
    to_depth: Type.Number(),
    sample_type: Type.String({ description: SAMPLE_TYPES.join(' | ') }),
    status: Type.String({ description: SAMPLE_STATUSES.join(' → ') }),
    notes: Type.String(),
    version: Type.Integer(),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { examples: [sampleExample] },
);
export const SampleList = PageOf(SamplePublic, sampleExample);
export const SampleQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    dispatch_id: Type.Optional(uuid),
    drillhole_id: Type.Optional(uuid),
    sample_type: Type.Optional(sampleType),
    status: Type.Optional(sampleStatus),
    status_filter: Type.Optional(sampleStatus),
  }),
]);
export type SampleQuery = Static<typeof SampleQuery>;
