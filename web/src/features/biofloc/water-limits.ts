import type { Profile } from './queries';

export type Reading =
  | 'dissolved_oxygen_mgl'
  | 'ammonia_nh3_mgl'
  | 'nitrite_no2_mgl'
  | 'ph'
  | 'floc_volume_mll';
type Limits = Pick<Profile, 'do_min' | 'nh3_max' | 'no2_max' | 'ph_min' | 'ph_max' | 'floc_min' | 'floc_max'>;

/** The API's limits when no profile is stored (src/modules/biofloc/water-quality.ts). */
const DEFAULT_LIMITS: Limits = {
  do_min: 4,
  nh3_max: 1,
  no2_max: 0.5,
  ph_min: 6.5,
  ph_max: 8.5,
  floc_min: 10,
  floc_max: 40,
};

const CHECKS: { reading: Reading; min?: keyof Limits; max?: keyof Limits }[] = [
  { reading: 'dissolved_oxygen_mgl', min: 'do_min' },
  { reading: 'ammonia_nh3_mgl', max: 'nh3_max' },
  { reading: 'nitrite_no2_mgl', max: 'no2_max' },
  { reading: 'ph', min: 'ph_min', max: 'ph_max' },
  { reading: 'floc_volume_mll', min: 'floc_min', max: 'floc_max' },
];

/** The profile the API checks a tank's test against: the batch's species, else `default`, else its built-in limits. */
export function limitsFor(profiles: Profile[], species: string | undefined): Limits {
  const named = (name: string) => profiles.find((p) => p.species.toLowerCase() === name.toLowerCase());
  return (species ? named(species) : undefined) ?? named('default') ?? DEFAULT_LIMITS;
}

/** A reading outside its limit: which side and the limit (a value on the limit is within it). */
export function outOfRange(
  reading: string,
  text: string | undefined,
  limits: Limits,
): { breach: 'below' | 'above'; threshold: number } | null {
  const check = CHECKS.find((c) => c.reading === reading);
  const value = Number(text);
  if (!check || !text?.trim() || !Number.isFinite(value)) return null;
  const low = check.min ? limits[check.min] : null;
  const high = check.max ? limits[check.max] : null;
  if (low !== null && value < low) return { breach: 'below', threshold: low };
  if (high !== null && value > high) return { breach: 'above', threshold: high };
  return null;
}
