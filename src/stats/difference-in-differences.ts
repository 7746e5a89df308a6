/**
 * Difference in differences of NPS: how much did the gap between the variants change from a "pre" period
 * (before the rebrand reached the treatment group) to a "post" period? Subtracting the pre-period gap removes
 * a standing difference between the groups (a different customer mix, a different channel) that has nothing
 * to do with the rebrand.
 */
import { twoSidedCriticalValue, twoSidedNormalPValue } from "./distributions.js";
import { npsPoints, npsVariance, sampleSize } from "./nps.js";
import type { StratumCounts } from "./stratified.js";
import type { Interval } from "./types.js";

/** Why there is no estimate: one of the four cells has no respondents, or all four have zero variance. */
export type DifferenceInDifferencesReason = "empty-sample" | "zero-standard-error";

export type DifferenceInDifferences =
  | {
      readonly differenceInDifferences: number;
      readonly preDifference: number;
      readonly postDifference: number;
      readonly se: number;
      readonly ci: Interval;
      readonly z: number;
      readonly pValue: number;
    }
  | {
      readonly differenceInDifferences: null;
      readonly preDifference: number | null;
      readonly postDifference: number | null;
      readonly se: null;
      readonly ci: null;
      readonly z: null;
      readonly pValue: null;
      readonly reason: DifferenceInDifferencesReason;
    };

/** NPS_B - NPS_A of one period, or null when either variant has no respondents then. */
function periodDifference(period: StratumCounts): number | null {
  if (sampleSize(period.control) === 0 || sampleSize(period.treatment) === 0) return null;
  return npsPoints(period.treatment) - npsPoints(period.control);
}

/**
 * Difference in differences, in points:
 *   DiD = (NPS_B,post - NPS_A,post) - (NPS_B,pre - NPS_A,pre),
 *   SE  = sqrt(Var_A,pre + Var_B,pre + Var_A,post + Var_B,post)  (Wald variances, `npsVariance`),
 *   interval = DiD +- z(1 - alpha/2) SE,  z = DiD / SE,  p = 2 Pr(Z > |z|).
 * Assumptions: the four groups are independent samples (different respondents; a panel answering twice needs
 * a covariance term this omits), and parallel trends: without the rebrand the gap would have stayed as it was
 * (Angrist & Pischke 2009, Mostly Harmless Econometrics, sec. 5.2; Card & Krueger 1994, AER 84:772-793).
 * The SE is that of a linear combination of four independent estimates (the same unpooled Wald variance as the
 * two-group difference, Rocks 2016, The American Statistician 70(4), section 4). Swapping the variants negates
 * every difference. Period differences are still reported when the other period is empty.
 *
 * @example differenceInDifferences({ control: { detractors: 30, passives: 30, promoters: 40 }, treatment: { detractors: 30, passives: 30, promoters: 40 } }, { control: { detractors: 30, passives: 30, promoters: 40 }, treatment: { detractors: 20, passives: 30, promoters: 50 } }, 0.05)
 * // { differenceInDifferences: 19.999999999999996, preDifference: 0, postDifference: 19.999999999999996, se: 16.370705543744897, ci: { low: -12.085993267250213, high: 52.0859932672502 }, z: 1.2216944435630521, pValue: 0.22182319830680586 }
 */
export function differenceInDifferences(pre: StratumCounts, post: StratumCounts, alpha: number): DifferenceInDifferences {
  const critical = twoSidedCriticalValue(alpha);
  const preDifference = periodDifference(pre);
  const postDifference = periodDifference(post);
  const degenerate = (reason: DifferenceInDifferencesReason): DifferenceInDifferences => ({
    differenceInDifferences: null, preDifference, postDifference, se: null, ci: null, z: null, pValue: null, reason,
  });
  if (preDifference === null || postDifference === null) return degenerate("empty-sample");
  const variance = [pre.control, pre.treatment, post.control, post.treatment].reduce((sum, counts) => sum + npsVariance(counts), 0);
  const se = Math.sqrt(variance);
  if (se === 0) return degenerate("zero-standard-error");
  const estimate = postDifference - preDifference;
  const z = estimate / se;
  return {
    differenceInDifferences: estimate,
    preDifference,
    postDifference,
    se,
    ci: { low: estimate - critical * se, high: estimate + critical * se },
    z,
    pValue: twoSidedNormalPValue(z),
  };
}
