import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { amount, clock, day, fishCount, orNull, stamp, text, uuid } from './common.schemas.js';

const reading = (maximum = 1e6) => Type.Optional(amount({ maximum }));
/** The parameters a water test may carry, all optional. */
export const WATER_PARAMETERS = [
  'temperature_c',
  'ph',
  'dissolved_oxygen_mgl',
  'salinity_ppt',
  'ammonia_nh3_mgl',
  'nitrite_no2_mgl',
  'nitrate_no3_mgl',
  'alkalinity_mgl',
  'hardness_mgl',
  'turbidity_ntu',
  'tds_mgl',
  'floc_volume_mll',
] as const;
export type WaterParameter = (typeof WATER_PARAMETERS)[number];

const readings = {
  temperature_c: reading(100),
  ph: Type.Optional(Type.Number({ minimum: 0, maximum: 14 })),
  dissolved_oxygen_mgl: reading(),
  salinity_ppt: reading(),
  ammonia_nh3_mgl: reading(),
  nitrite_no2_mgl: reading(),
  nitrate_no3_mgl: reading(),
  alkalinity_mgl: reading(),
  hardness_mgl: reading(),
  turbidity_ntu: reading(),
  tds_mgl: reading(),
  floc_volume_mll: reading(),
};

export const WaterTestCreate = Type.Object(
  { tank_id: uuid, test_date: day, test_time: Type.Optional(clock), ...readings },
  {
    examples: [
      {
        tank_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f01',
        test_date: '2026-01-02',
        test_time: '08:00',
        temperature_c: 28.5,
        ph: 7.4,
        dissolved_oxygen_mgl: 3.5,
        ammonia_nh3_mgl: 0.2,
        floc_volume_mll: 18,
      },
    ],
  },
);
export type WaterTestCreate = Static<typeof WaterTestCreate>;

const Breach = Type.Object({
  parameter: Type.String(),
  value: Type.Number(),
  threshold: Type.Number(),
  breach: Type.Union([Type.Literal('below'), Type.Literal('above')]),
});
const measured = Object.fromEntries(WATER_PARAMETERS.map((key) => [key, orNull(Type.Number())])) as Record<
  WaterParameter,
  ReturnType<typeof orNull<ReturnType<typeof Type.Number>>>
>;
const waterExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f20',
  tank_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f01',
  batch_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f02',
  test_date: '2026-01-02',
  test_time: '08:00',
  ...(Object.fromEntries(WATER_PARAMETERS.map((key) => [key, null])) as Record<
    WaterParameter,
    number | null
  >),
  temperature_c: 28.5,
  ph: 7.4,
  dissolved_oxygen_mgl: 3.5,
  breaches: [{ parameter: 'dissolved_oxygen_mgl', value: 3.5, threshold: 4, breach: 'below' as const }],
  created_at: '2026-01-02T07:00:00.000Z',
};
export const WaterTestPublic = Type.Object(
  {
    id: uuid,
    tank_id: uuid,
    batch_id: orNull(uuid),
    test_date: day,
    test_time: orNull(Type.String()),
    ...measured,
    breaches: Type.Array(Breach, {
      description: 'Limits of the species’ profile this test breached; each raised an alert',
    }),
    created_at: stamp,
  },
  { examples: [waterExample] },
);
export const WaterTestList = PageOf(WaterTestPublic, waterExample);

const limit = (description: string) =>
  Type.Optional(orNull(Type.Number({ minimum: 0, maximum: 1e6, description })));
const limits = {
  do_min: limit('Dissolved oxygen below this (mg/L) alerts'),
  nh3_max: limit('Ammonia above this (mg/L) alerts'),
  no2_max: limit('Nitrite above this (mg/L) alerts'),
  ph_min: limit('pH below this alerts'),
  ph_max: limit('pH above this alerts'),
  floc_min: limit('Floc volume below this (mL/L) alerts'),
  floc_max: limit('Floc volume above this (mL/L) alerts'),
};
export const ProfileCreate = Type.Object(
  {
    species: Type.String({
      minLength: 1,
      maxLength: 100,
      description: '`default`: species without their own',
    }),
    ...limits,
  },
  {
    examples: [
      {
        species: 'Tilapia',
        do_min: 4,
        nh3_max: 1,
        no2_max: 0.5,
        ph_min: 6.5,
        ph_max: 8.5,
        floc_min: 10,
        floc_max: 40,
      },
    ],
  },
);
export type ProfileCreate = Static<typeof ProfileCreate>;
export const ProfileUpdate = Type.Object(
  { ...limits, version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { examples: [{ do_min: 5, version: 1 }] },
);
export type ProfileChanges = Omit<Static<typeof ProfileUpdate>, 'version'>;
const profileExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f21',
  species: 'default',
  do_min: 4,
  nh3_max: 1,
  no2_max: 0.5,
  ph_min: 6.5,
  ph_max: 8.5,
  floc_min: 10,
  floc_max: 40,
  version: 1,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};
const limitOut = orNull(Type.Number());
export const ProfilePublic = Type.Object(
  {
    id: uuid,
    species: Type.String(),
    do_min: limitOut,
    nh3_max: limitOut,
    no2_max: limitOut,
    ph_min: limitOut,
    ph_max: limitOut,
    floc_min: limitOut,
    floc_max: limitOut,
    version: Type.Integer(),
    created_at: stamp,
    updated_at: stamp,
  },
  { examples: [profileExample] },
);
export const ProfileList = PageOf(ProfilePublic, profileExample);
export const ProfileQuery = PageQuery;

export const SamplingCreate = Type.Object(
  {
    batch_id: uuid,
    sample_date: day,
    sample_size: fishCount(),
    avg_weight_g: amount({ exclusiveMinimum: 0, maximum: 1e6 }),
    min_weight_g: Type.Optional(amount({ maximum: 1e6 })),
    max_weight_g: Type.Optional(amount({ maximum: 1e6 })),
    avg_length_cm: Type.Optional(amount({ exclusiveMinimum: 0, maximum: 1e4 })),
  },
  {
    examples: [
      {
        batch_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f02',
        sample_date: '2026-02-01',
        sample_size: 50,
        avg_weight_g: 50,
        avg_length_cm: 14,
      },
    ],
  },
);
export type SamplingCreate = Static<typeof SamplingCreate>;
const samplingExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f22',
  batch_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f02',
  sample_date: '2026-02-01',
  sample_size: 50,
  avg_weight_g: 50,
  min_weight_g: null,
  max_weight_g: null,
  avg_length_cm: 14,
  condition_factor: 1.8222,
  fish_count: 4800,
  biomass_kg: 240,
  created_at: '2026-02-01T08:00:00.000Z',
};
export const SamplingPublic = Type.Object(
  {
    id: uuid,
    batch_id: uuid,
    sample_date: day,
    sample_size: Type.Integer(),
    avg_weight_g: Type.Number(),
    min_weight_g: orNull(Type.Number()),
    max_weight_g: orNull(Type.Number()),
    avg_length_cm: orNull(Type.Number()),
    condition_factor: orNull(Type.Number({ description: 'Fulton’s K: 100 × W(g) ÷ L(cm)³' })),
    fish_count: Type.Integer({ description: 'The batch’s count when sampled' }),
    biomass_kg: Type.Number({ description: 'fish_count × avg_weight_g ÷ 1000' }),
    created_at: stamp,
  },
  { examples: [samplingExample] },
);
export const SamplingList = PageOf(SamplingPublic, samplingExample);

export const MortalityCreate = Type.Object(
  {
    batch_id: uuid,
    mortality_date: day,
    count: fishCount(),
    cause: Type.Optional(text(500)),
    avg_weight_g: Type.Optional(amount({ exclusiveMinimum: 0, maximum: 1e6 })),
  },
  {
    examples: [
      {
        batch_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f02',
        mortality_date: '2026-01-20',
        count: 200,
        cause: 'low oxygen',
      },
    ],
  },
);
export type MortalityCreate = Static<typeof MortalityCreate>;
const mortalityExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f23',
  batch_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9f02',
  mortality_date: '2026-01-20',
  count: 200,
  cause: 'low oxygen',
  avg_weight_g: 10,
  biomass_kg: 2,
  created_at: '2026-01-20T08:00:00.000Z',
};
export const MortalityPublic = Type.Object(
  {
    id: uuid,
    batch_id: uuid,
    mortality_date: day,
    count: Type.Integer(),
    cause: Type.String(),
    avg_weight_g: Type.Number({ description: 'As given, or the batch’s average weight then' }),
    biomass_kg: Type.Number(),
    created_at: stamp,
  },
  { examples: [mortalityExample] },
);
export const MortalityList = PageOf(MortalityPublic, mortalityExample);
