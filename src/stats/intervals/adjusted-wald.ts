/**
 * Adjusted Wald intervals (pseudo-counts 0.75 / 1.5 / 0.75) for one NPS and for the difference of two.
 */
import { twoSidedCriticalValue } from "../distributions.js";
import { npsPoints, npsVariance } from "../nps.js";
import type { CategoryCounts, Interval } from "../types.js";

/** The pseudo-counts added to (detractors, passives, promoters): 3 respondents in all. */
export const ADJUSTMENT = { detractors: 0.75, passives: 1.5, promoters: 0.75 } as const;

/**
 * Counts with the adjusted-Wald pseudo-counts added: d + 0.75, s + 1.5, p + 0.75 (n' = n + 3).
 *
 * @example adjustedCounts({ detractors: 0, passives: 0, promoters: 10 }) // { detractors: 0.75, passives: 1.5, promoters: 10.75 }
 */
export function adjustedCounts(counts: CategoryCounts): CategoryCounts {
  return {
    detractors: counts.detractors + ADJUSTMENT.detractors,
    passives: counts.passives + ADJUSTMENT.passives,
    promoters: counts.promoters + ADJUSTMENT.promoters,
  };
}

/**
 * Adjusted Wald interval of the NPS (Rocks 2016, The American Statistician 70(4), after
 * Agresti & Caffo 2000 and Sauro & Lewis, "Quantifying the User Experience", 2nd ed. 2016, ch. 5): add 0.75
 * detractors, 1.5 passives and 0.75 promoters, then NPS' +- z(1 - alpha/2) 100 sqrt(v'/n') on the adjusted
 * counts, v' = P' + D' - (P' - D')^2. Centred on the adjusted NPS', not the raw NPS (which is what a report
 * shows as the estimate); it has near-nominal coverage for small n and never collapses to a point. It is not
 * clamped, so it can pass 100 or -100 (e.g. all promoters).
 *
 * @example adjustedWaldInterval({ detractors: 0, passives: 0, promoters: 10 }, 0.05)
 * // { low: 47.5035515447902, high: 106.34260230136364 }
 */
export function adjustedWaldInterval(counts: CategoryCounts, alpha: number): Interval {
  const adjusted = adjustedCounts(counts);
  const centre = npsPoints(adjusted);
  const halfWidth = twoSidedCriticalValue(alpha) * Math.sqrt(npsVariance(adjusted));
  return { low: centre - halfWidth, high: centre + halfWidth };
}

/**
 * Adjusted Wald interval of the difference NPS_B - NPS_A (treatment - control): NPS'_B - NPS'_A
 * +- z(1 - alpha/2) 100 sqrt(v'_A/n'_A + v'_B/n'_B), each variant with its own pseudo-counts (Rocks 2016;
 * the adjusted analogue of the unpooled Wald interval).
 *
 * @example adjustedWaldDifferenceInterval({ detractors: 77, passives: 96, promoters: 227 }, { detractors: 69, passives: 112, promoters: 319 }, 0.05)
 * // { low: 2.5146725804009247, high: 22.447218603512965 }
 */
export function adjustedWaldDifferenceInterval(control: CategoryCounts, treatment: CategoryCounts, alpha: number): Interval {
  const adjustedControl = adjustedCounts(control);
  const adjustedTreatment = adjustedCounts(treatment);
  const centre = npsPoints(adjustedTreatment) - npsPoints(adjustedControl);
  const halfWidth = twoSidedCriticalValue(alpha) * Math.sqrt(npsVariance(adjustedControl) + npsVariance(adjustedTreatment));
  return { low: centre - halfWidth, high: centre + halfWidth };
}
