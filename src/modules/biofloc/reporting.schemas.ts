import { Type } from 'typebox';
import { day, orNull, uuid } from './common.schemas.js';

export const DashboardQuery = Type.Object({
  harvest_after_days: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 3650,
      default: 150,
      description: 'A batch stocked at least this many days ago counts as an upcoming harvest',
    }),
  ),
});
export const Dashboard = Type.Object(
  {
    active_tanks: Type.Integer({ description: 'Active tanks not decommissioned' }),
    available_tanks: Type.Integer(),
    maintenance_tanks: Type.Integer(),
    active_batches: Type.Integer(),
    total_fish_count: Type.Integer(),
    total_biomass_kg: Type.Number(),
    avg_tank_utilization: orNull(Type.Number({ description: 'In-use tanks ÷ active tanks × 100' })),
    low_do_alerts: Type.Integer({ description: 'Unacknowledged low dissolved-oxygen alerts' }),
    high_ammonia_alerts: Type.Integer({ description: 'Unacknowledged high ammonia alerts' }),
    recent_mortalities_7d: Type.Integer({ description: 'Fish dead in the last 7 days' }),
    upcoming_harvests: Type.Integer({
      description: 'Active batches stocked at least harvest_after_days ago',
    }),
  },
  {
    examples: [
      {
        active_tanks: 4,
        available_tanks: 1,
        maintenance_tanks: 1,
        active_batches: 2,
        total_fish_count: 9500,
        total_biomass_kg: 1240,
        avg_tank_utilization: 50,
        low_do_alerts: 1,
        high_ammonia_alerts: 0,
        recent_mortalities_7d: 200,
        upcoming_harvests: 1,
      },
    ],
  },
);

const n = Type.Number();
const maybe = orNull(Type.Number());
export const Performance = Type.Object(
  {
    batch_id: uuid,
    batch_code: Type.String(),
    status: Type.String(),
    days: Type.Integer({ description: 'Stocking to the last weighing' }),
    biomass_curve: Type.Array(
      Type.Object({
        date: day,
        source: Type.String({ description: 'stocking | sampling | harvest' }),
        avg_weight_g: n,
        fish_count: Type.Integer(),
        biomass_kg: n,
      }),
    ),
    feed: Type.Object({ total_kg: n, sessions: Type.Integer(), cost: n }),
    initial_biomass_kg: n,
    current_biomass_kg: n,
    harvested_kg: n,
    dead_biomass_kg: n,
    fcr: maybe,
    sgr: maybe,
    survival_pct: maybe,
    costs: Type.Object({ feed: n, inputs: n, fingerlings: n, inherited: n, total: n }),
    cost_per_kg: maybe,
    revenue: n,
    margin: n,
  },
  {
    examples: [
      {
        batch_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f02',
        batch_code: 'B-2026-01',
        status: 'harvested',
        days: 100,
        biomass_curve: [
          { date: '2026-01-01', source: 'stocking', avg_weight_g: 10, fish_count: 5000, biomass_kg: 50 },
          { date: '2026-04-11', source: 'harvest', avg_weight_g: 200, fish_count: 4700, biomass_kg: 940 },
        ],
        feed: { total_kg: 1339.5, sessions: 1, cost: 2679 },
        initial_biomass_kg: 50,
        current_biomass_kg: 0,
        harvested_kg: 940,
        dead_biomass_kg: 3,
        fcr: 1.5,
        sgr: 2.9957,
        survival_pct: 94,
        costs: { feed: 2679, inputs: 0, fingerlings: 0, inherited: 0, total: 2679 },
        cost_per_kg: 2.85,
        revenue: 4230,
        margin: 1551,
      },
    ],
  },
);
