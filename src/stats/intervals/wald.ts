/**
 * Wald (normal-approximation) intervals for one NPS and for the difference of two.
 */
import { npsDifference } from "../difference.js";
import { twoSidedCriticalValue } from "../distributions.js";
import { npsPoints, npsVariance } from "../nps.js";
import type { CategoryCounts, Interval } from "../types.js";

/**
 * Wald interval of the NPS: NPS +- z(1 - alpha/2) sqrt(Var(NPS)), Var(NPS) = 100^2 (P + D - (P - D)^2) / n.
 * Assumes n large enough for the normal approximation; it collapses to a point when every respondent is in
 * one category and can leave [-100, 100] for small n (Rocks 2016, The American Statistician 70(4);
 * see `adjustedWaldInterval` for the better-behaved default).
 *
 * @example waldInterval({ detractors: 1, passives: 2, promoters: 3 }, 0.05)
 * // { low: -26.30647145723858, high: 92.97313812390524 }
 */
export function waldInterval(counts: CategoryCounts, alpha: number): Interval {
  const nps = npsPoints(counts);
  const halfWidth = twoSidedCriticalValue(alpha) * Math.sqrt(npsVariance(counts));
  return { low: nps - halfWidth, high: nps + halfWidth };
}

/**
 * Wald interval of the difference NPS_B - NPS_A (treatment - control): difference +- z(1 - alpha/2) SE with
 * the unpooled SE = sqrt(Var(NPS_A) + Var(NPS_B)) (Rocks 2016). The interval the verdict uses.
 *
 * @example waldDifferenceInterval({ detractors: 77, passives: 96, promoters: 227 }, { detractors: 69, passives: 112, promoters: 319 }, 0.05)
 * // { low: 2.5052645997811496, high: 22.49473540021885 }
 */
export function waldDifferenceInterval(control: CategoryCounts, treatment: CategoryCounts, alpha: number): Interval {
  const { difference, se } = npsDifference(control, treatment);
  const halfWidth = twoSidedCriticalValue(alpha) * se;
  return { low: difference - halfWidth, high: difference + halfWidth };
}
