import { Type } from 'typebox';
import { TrayCounts } from './dispatches.schemas.js';
import { uuid } from './master-data.schemas.js';

const hqNq = Type.Object({ hq: Type.Integer(), nq: Type.Integer() });
const figures = Type.Object({
  sku: Type.String(),
  base: Type.Integer({ description: 'On hand + out' }),
  on_hand: Type.Integer(),
  out: Type.Integer({ description: 'Out on dispatches' }),
  available: Type.Integer({ description: 'What a dispatch may take now (quarantine excluded)' }),
  quarantined: Type.Integer(),
});
export const TrayInventory = Type.Object(
  {
    warehouse_id: uuid,
    trays: Type.Record(Type.String(), figures),
    base: hqNq,
    outstanding: hqNq,
    available: hqNq,
    quarantined: hqNq,
  },
  {
    examples: [
      {
        warehouse_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
        trays: {
          HQ: { sku: 'TRAY-HQ', base: 100, on_hand: 90, out: 10, available: 90, quarantined: 0 },
          NQ: { sku: 'TRAY-NQ', base: 100, on_hand: 95, out: 5, available: 95, quarantined: 0 },
        },
        base: { hq: 100, nq: 100 },
        outstanding: { hq: 10, nq: 5 },
        available: { hq: 90, nq: 95 },
        quarantined: { hq: 0, nq: 0 },
      },
    ],
  },
);
const count = Type.Integer({ minimum: 0, maximum: 10_000_000 });
export const TrayBaseBody = Type.Object(
  {
    hq: Type.Optional(count),
    nq: Type.Optional(count),
    trays: Type.Optional(TrayCounts),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { minProperties: 1, examples: [{ hq: 100, nq: 100 }, { trays: { HQ: 100, NQ: 100, PQ: 20 } }] },
);
export const TrayAvailable = Type.Object(
  { hq: Type.Integer(), nq: Type.Integer(), trays: Type.Record(Type.String(), Type.Integer()) },
  { examples: [{ hq: 90, nq: 95, trays: { HQ: 90, NQ: 95 } }] },
);
