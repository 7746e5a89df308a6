/**
 * Difference of two independent Net Promoter Scores, treatment - control, with its unpooled standard error.
 */
import { npsPoints, npsVariance } from "./nps.js";
import type { CategoryCounts } from "./types.js";

/**
 * Difference NPS_B - NPS_A (treatment minus control) in points, and its unpooled (Wald) standard error
 * SE = sqrt(Var(NPS_A) + Var(NPS_B)), the variances from `npsVariance`. Assumes independent samples; the SE is
 * 0 when both variants have a single category each (e.g. all promoters).
 * Reference: Rocks (2016), "Interval Estimation for the 'Net Promoter Score'", The American Statistician 70(4).
 *
 * @example npsDifference({ detractors: 77, passives: 96, promoters: 227 }, { detractors: 69, passives: 112, promoters: 319 })
 * // { difference: 12.5, se: 5.099448499592873 }
 */
export function npsDifference(control: CategoryCounts, treatment: CategoryCounts): { difference: number; se: number } {
  return {
    difference: npsPoints(treatment) - npsPoints(control),
    se: Math.sqrt(npsVariance(control) + npsVariance(treatment)),
  };
}
