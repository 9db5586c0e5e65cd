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
export const DispatchReconciliation = Type.Object({
  outstanding: OutstandingList.properties.items,
  discrepancies: Type.Array(discrepancy),
});

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
export const DispatchAnalytics = Type.Object({
  by_company: Type.Array(analyticsRow),
  by_project: Type.Array(analyticsRow),
  by_sample_type: Type.Array(analyticsRow),
  by_month: Type.Array(analyticsRow),
});
export const RangeQuery = Type.Object({ date_from: Type.Optional(day), date_to: Type.Optional(day) });
export const NoQuery = Type.Object({});
export { DispatchQuery };
