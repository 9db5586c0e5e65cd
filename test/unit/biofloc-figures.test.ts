import { describe, expect, it } from 'vitest';
import {
  biomassKg,
  carbonDose,
  conditionFactor,
  daysBetween,
  fcr,
  feedingRatePct,
  sgr,
  splitByWeight,
} from '../../src/modules/biofloc/figures.js';
import { speciesSku } from '../../src/modules/biofloc/harvests.service.js';
import { breachesOf, DEFAULT_LIMITS } from '../../src/modules/biofloc/water-quality.js';

describe('biofloc figures', () => {
  it('computes biomass, feeding rate and condition factor', () => {
    expect(biomassKg(5000, '10')).toBe('50');
    expect(biomassKg(4800, '50')).toBe('240');
    expect(feedingRatePct('2.5', '50')).toBe('5');
    expect(feedingRatePct('1', '0')).toBeNull();
    expect(conditionFactor(50, 10)).toBe('5');
    expect(conditionFactor(50, undefined)).toBeNull();
  });

  it('counts partial harvests, the dead and the fish still standing in the FCR', () => {
    // 300 kg harvested early, 620 kg at the end, 3 kg dead, 50 kg stocked: gain 873 kg.
    expect(fcr({ feedKg: '1309.5', harvestedKg: '920', deadKg: '3', standingKg: '0', initialKg: '50' })).toBe(
      '1.5',
    );
    // An active batch: its standing biomass is the gain so far.
    expect(fcr({ feedKg: '285', harvestedKg: '0', deadKg: '0', standingKg: '240', initialKg: '50' })).toBe(
      '1.5',
    );
    expect(
      fcr({ feedKg: '10', harvestedKg: '0', deadKg: '0', standingKg: '50', initialKg: '50' }),
    ).toBeNull();
  });

  it('computes SGR as (ln W2 − ln W1) ÷ days × 100', () => {
    expect(daysBetween('2026-01-01', '2026-04-11')).toBe(100);
    expect(sgr('10', '200', 100)).toBe('2.9957');
    expect(sgr('10', '10', 0)).toBeNull();
  });

  it('splits a cost by biomass to 4 decimals, the last share taking the rounding', () => {
    expect(splitByWeight('7', ['168', '72'])).toEqual(['4.9', '2.1']);
    const thirds = splitByWeight('10', ['1', '1', '1']);
    expect(thirds).toEqual(['3.3333', '3.3333', '3.3334']);
  });

  it('doses molasses for a target C:N, never below zero', () => {
    expect(carbonDose({ feedKg: 10, proteinPct: 30, targetCn: 15, carbonPct: 40 })).toEqual({
      nitrogenKg: '0.48',
      feedCarbonKg: '5',
      carbonNeededKg: '2.2',
      doseKg: '5.5',
    });
    expect(carbonDose({ feedKg: 10, proteinPct: 30, targetCn: 5, carbonPct: 40 }).doseKg).toBe('0');
  });

  it('breaches the default limits below the minimum and above the maximum, not on them', () => {
    expect(breachesOf({ dissolved_oxygen_mgl: 4, ph: 8.5, floc_volume_mll: 10 }, DEFAULT_LIMITS)).toEqual([]);
    expect(
      breachesOf(
        { dissolved_oxygen_mgl: 3.5, ammonia_nh3_mgl: 1.2, nitrite_no2_mgl: 0.6, ph: 9, floc_volume_mll: 41 },
        DEFAULT_LIMITS,
      ).map((b) => `${b.parameter} ${b.breach} ${b.threshold}`),
    ).toEqual([
      'dissolved_oxygen_mgl below 4',
      'ammonia_nh3_mgl above 1',
      'nitrite_no2_mgl above 0.5',
      'ph above 8.5',
      'floc_volume_mll above 40',
    ]);
  });

  it('names a species’ harvest product', () => {
    expect(speciesSku('Tilapia')).toBe('FISH-TILAPIA');
    expect(speciesSku('Afrikai harcsa')).toBe('FISH-AFRIKAI-HARCSA');
    expect(speciesSku('Pangasius (ázsiai)')).toBe('FISH-PANGASIUS-AZSIAI');
  });
});
