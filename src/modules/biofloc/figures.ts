import {
  compareDecimal,
  divideDecimal,
  lnDecimal,
  multiplyDecimal,
  subtractDecimal,
  sumDecimals,
} from '../../platform/decimal.js';

/*
 * The farm's formulas, on exact decimal strings: weights in g and kg, money, percentages. Ratios
 * are rounded to 4 decimals; a ratio whose divisor is 0 (or not positive) is null.
 */

/** Biomass in kg of `count` fish of `avgWeightG` grams each. */
export function biomassKg(count: number | string, avgWeightG: string | number): string {
  return divideDecimal(multiplyDecimal(count, avgWeightG), 1000) as string;
}

/** Feed of a session as a percentage of the biomass fed. */
export function feedingRatePct(feedKg: string, biomass: string): string | null {
  if (compareDecimal(biomass, 0) <= 0) return null;
  return divideDecimal(multiplyDecimal(feedKg, 100), biomass);
}

/** Fulton's condition factor K = 100 × W(g) ÷ L(cm)³. */
export function conditionFactor(weightG: number, lengthCm: number | undefined): string | null {
  if (!lengthCm) return null;
  return divideDecimal(
    multiplyDecimal(weightG, 100),
    multiplyDecimal(multiplyDecimal(lengthCm, lengthCm), lengthCm),
  );
}

/**
 * Feed conversion ratio: feed ÷ biomass gained, where the gain counts every harvest, the fish
 * that died (their biomass when they died) and the fish still in the tank, less what was stocked.
 */
export function fcr(input: {
  feedKg: string;
  harvestedKg: string;
  deadKg: string;
  standingKg: string;
  initialKg: string;
}): string | null {
  const gain = subtractDecimal(
    sumDecimals([input.harvestedKg, input.deadKg, input.standingKg]),
    input.initialKg,
  );
  if (compareDecimal(gain, 0) <= 0) return null;
  return divideDecimal(input.feedKg, gain);
}

/** Specific growth rate, % per day: (ln W2 − ln W1) ÷ days × 100. */
export function sgr(initialG: string, finalG: string, days: number): string | null {
  if (days <= 0 || compareDecimal(initialG, 0) <= 0 || compareDecimal(finalG, 0) <= 0) return null;
  const growth = subtractDecimal(lnDecimal(finalG, 12), lnDecimal(initialG, 12));
  return divideDecimal(multiplyDecimal(growth, 100), days);
}

/** `part` as a percentage of `whole`. */
export function percentOf(part: string | number, whole: string | number): string | null {
  return divideDecimal(multiplyDecimal(part, 100), whole);
}

/**
 * `total` split in proportion to `weights` (biomass), to 4 decimals; the last share takes what
 * rounding left, so the shares add up to the total exactly.
 */
export function splitByWeight(total: string, weights: string[]): string[] {
  const whole = sumDecimals(weights);
  const shares = weights.map((weight) => divideDecimal(multiplyDecimal(total, weight), whole) ?? '0');
  if (shares.length > 0) {
    shares[shares.length - 1] = subtractDecimal(total, sumDecimals(shares.slice(0, -1)));
  }
  return shares;
}

/** Days from `from` to `to` (ISO dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Feed is about half carbon; protein is 16 % nitrogen. */
const FEED_CARBON = '0.5';
const PROTEIN_NITROGEN = '0.16';

/**
 * The carbon source to add with a feeding to lift the C:N ratio to `targetCn`: the nitrogen the
 * feed brings (feed × protein × 16 %) times the target, less the carbon the feed brings itself
 * (half its weight), divided by the source's carbon content (molasses: about 40 %).
 */
export function carbonDose(input: {
  feedKg: number;
  proteinPct: number;
  targetCn: number;
  carbonPct: number;
}) {
  const protein = divideDecimal(multiplyDecimal(input.feedKg, input.proteinPct), 100, 10) as string;
  const nitrogen = multiplyDecimal(protein, PROTEIN_NITROGEN);
  const feedCarbon = multiplyDecimal(input.feedKg, FEED_CARBON);
  const wanted = multiplyDecimal(nitrogen, input.targetCn);
  const missing = subtractDecimal(wanted, feedCarbon);
  const carbonNeeded = compareDecimal(missing, 0) > 0 ? missing : '0';
  return {
    nitrogenKg: nitrogen,
    feedCarbonKg: feedCarbon,
    carbonNeededKg: carbonNeeded,
    doseKg: divideDecimal(multiplyDecimal(carbonNeeded, 100), input.carbonPct) as string,
  };
}

/** `a ÷ b` to 4 decimals, or null unless `b` is positive. */
export function divideOrNull(a: string, b: string): string | null {
  return compareDecimal(b, 0) > 0 ? divideDecimal(a, b) : null;
}
