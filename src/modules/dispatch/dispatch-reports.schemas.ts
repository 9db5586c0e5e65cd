import { Type } from 'typebox';
import { DispatchQuery, OutstandingList } from './dispatches.schemas.js';

const hqNq = Type.Object({ hq: Type.Integer(), nq: Type.Integer() });
const day = Type.String({ format: 'date' });

export const DispatchDashboard = Type.Object(
  {
    inventory: Type.Object({ base: hqNq, outstanding: hqNq, available: hqNq }),
    dispatches: Type.Object({
      total: Type.Integer(),
      outstanding: Type.Integer({ description: 'Not fully returned' }),
      returned: Type.Integer(),
      match_rate: Type.Number({ description: 'Percent of returned dispatches with every tray back' }),
    }),
    samples: Type.Object({
      total: Type.Integer(),
      outstanding: Type.Integer({ description: 'Not completed' }),
    }),
  },
  {
    examples: [
      {
        inventory: {
          base: { hq: 100, nq: 100 },
          outstanding: { hq: 10, nq: 5 },
          available: { hq: 90, nq: 95 },
        },
        dispatches: { total: 4, outstanding: 1, returned: 3, match_rate: 66.7 },
        samples: { total: 120, outstanding: 30 },
      },
    ],
  },
);

const discrepancy = Type.Object({
  id: Type.String({ format: 'uuid' }),
  dispatch_number: Type.String(),
  dispatch_date: day,
  status: Type.String(),
  company_name: Type.String(),
  project_name: Type.String(),
  drillhole_name: Type.String(),
  hq_dispatched: Type.Integer(),
  hq_returned: Type.Integer(),
  hq_difference: Type.Integer({ description: 'Returned − dispatched' }),
  nq_dispatched: Type.Integer(),
  nq_returned: Type.Integer(),
  nq_difference: Type.Integer(),
  written_off: Type.Integer(),
  write_off_reason: Type.Union([Type.String(), Type.Null()]),
});
const discrepancyExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9ec0',
  dispatch_number: 'DSP-000001',
  dispatch_date: '2026-01-15',
  status: 'partially_returned',
  company_name: 'Carpathian Minerals Kft.',
  project_name: 'Recsk deep copper',
  drillhole_name: 'RK-DH-001',
  hq_dispatched: 10,
  hq_returned: 9,
  hq_difference: -1,
  nq_dispatched: 5,
  nq_returned: 5,
  nq_difference: 0,
  written_off: 0,
  write_off_reason: null,
};
export const DispatchReconciliation = Type.Object(
  { outstanding: OutstandingList.properties.items, discrepancies: Type.Array(discrepancy) },
  { examples: [{ outstanding: [], discrepancies: [discrepancyExample] }] },
);

const analyticsRow = Type.Object({
  grouping: Type.String(),
  key: Type.String(),
  dispatches: Type.Integer(),
  hq_dispatched: Type.Integer(),
  nq_dispatched: Type.Integer(),
  hq_returned: Type.Integer(),
  nq_returned: Type.Integer(),
  samples_collected: Type.Integer(),
  avg_turnaround_days: Type.Union([Type.Number(), Type.Null()], {
    description: 'Days from dispatch to return, over returned dispatches',
  }),
});
const analyticsExample = {
  grouping: 'company',
  key: 'Carpathian Minerals Kft.',
  dispatches: 3,
  hq_dispatched: 24,
  nq_dispatched: 10,
  hq_returned: 23,
  nq_returned: 10,
  samples_collected: 96,
  avg_turnaround_days: 4.5,
};
export const DispatchAnalytics = Type.Object(
  {
    by_company: Type.Array(analyticsRow),
    by_project: Type.Array(analyticsRow),
    by_sample_type: Type.Array(analyticsRow),
    by_month: Type.Array(analyticsRow),
  },
  {
    examples: [
      {
        by_company: [analyticsExample],
        by_project: [{ ...analyticsExample, grouping: 'project', key: 'Recsk deep copper' }],
        by_sample_type: [{ ...analyticsExample, grouping: 'sample_type', key: 'core' }],
        by_month: [{ ...analyticsExample, grouping: 'month', key: '2026-01' }],
      },
    ],
  },
);
export const RangeQuery = Type.Object({ date_from: Type.Optional(day), date_to: Type.Optional(day) });
export const NoQuery = Type.Object({});
export { DispatchQuery };
