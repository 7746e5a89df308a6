/**
 * Two-sample z test of the difference in NPS.
 */
import { npsDifference } from "../difference.js";
import { twoSidedNormalPValue } from "../distributions.js";
import { sampleSize } from "../nps.js";
import type { CategoryCounts, TestOutcome } from "../types.js";

/**
 * Wald z test of H0: NPS_A = NPS_B, two-sided: z = (NPS_B - NPS_A) / SE, SE the unpooled Wald standard error
 * sqrt(Var(NPS_A) + Var(NPS_B)); p = 2 (1 - Phi(|z|)) (Rocks 2016, The American Statistician 70(4)).
 * Assumes independent samples large enough for the normal approximation. The statistic has the sign of
 * the difference (positive: treatment ahead). SE 0 (each variant a single category) -> `zero-standard-error`;
 * an empty variant -> `empty-sample`.
 *
 * @example zTest({ detractors: 77, passives: 96, promoters: 227 }, { detractors: 69, passives: 112, promoters: 319 })
 * // { statistic: 2.451245463308036, pValue: 0.014236283402266318 }
 */
export function zTest(control: CategoryCounts, treatment: CategoryCounts): TestOutcome {
  if (sampleSize(control) === 0 || sampleSize(treatment) === 0) return { statistic: null, pValue: null, reason: "empty-sample" };
  const { difference, se } = npsDifference(control, treatment);
  if (!(se > 0)) return { statistic: null, pValue: null, reason: "zero-standard-error" };
  const statistic = difference / se;
  return { statistic, pValue: twoSidedNormalPValue(statistic) };
}
