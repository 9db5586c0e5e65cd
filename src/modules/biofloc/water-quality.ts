import type { WaterBreach } from './records.tables.js';

/** A species' limits; null: not checked. */
export interface WaterLimits {
  doMin: number | null;
  nh3Max: number | null;
  no2Max: number | null;
  phMin: number | null;
  phMax: number | null;
  flocMin: number | null;
  flocMax: number | null;
}

/** The limits when no profile is stored: DO < 4, NH3 > 1, nitrite > 0.5, pH 6.5–8.5, floc 10–40. */
export const DEFAULT_LIMITS: WaterLimits = {
  doMin: 4,
  nh3Max: 1,
  no2Max: 0.5,
  phMin: 6.5,
  phMax: 8.5,
  flocMin: 10,
  flocMax: 40,
};

export interface WaterReadings {
  ph?: number;
  dissolved_oxygen_mgl?: number;
  ammonia_nh3_mgl?: number;
  nitrite_no2_mgl?: number;
  floc_volume_mll?: number;
}

const CHECKS: { parameter: keyof WaterReadings; min?: keyof WaterLimits; max?: keyof WaterLimits }[] = [
  { parameter: 'dissolved_oxygen_mgl', min: 'doMin' },
  { parameter: 'ammonia_nh3_mgl', max: 'nh3Max' },
  { parameter: 'nitrite_no2_mgl', max: 'no2Max' },
  { parameter: 'ph', min: 'phMin', max: 'phMax' },
  { parameter: 'floc_volume_mll', min: 'flocMin', max: 'flocMax' },
];

/** Every limit a test's readings breach (a value on the limit is within it). */
export function breachesOf(readings: WaterReadings, limits: WaterLimits): WaterBreach[] {
  const found: WaterBreach[] = [];
  for (const { parameter, min, max } of CHECKS) {
    const value = readings[parameter];
    if (value === undefined) continue;
    const low = min ? limits[min] : null;
    const high = max ? limits[max] : null;
    if (low !== null && value < low) found.push({ parameter, value, threshold: low, breach: 'below' });
    if (high !== null && value > high) found.push({ parameter, value, threshold: high, breach: 'above' });
  }
  return found;
}
