/**
 * Stratified (e.g. season-adjusted) difference of NPS: compare the variants within each stratum (a calendar
 * month, a market, a channel) and combine the within-stratum differences, so that a variant is not credited or
 * blamed for having more of its respondents in a good or bad stratum. When the variants' volumes are spread
 * differently over the strata, the pooled difference can even have the opposite sign (Simpson's paradox).
 */
import { twoSidedCriticalValue, twoSidedNormalPValue } from "./distributions.js";
import { npsPoints, npsVariance, sampleSize } from "./nps.js";
import type { CategoryCounts, Interval } from "./types.js";

/** Both variants' category counts within one stratum. */
export interface StratumCounts {
  readonly control: CategoryCounts;
  readonly treatment: CategoryCounts;
}

/** How the within-stratum differences are weighted; see `stratifiedDifference`. */
export const STRATUM_WEIGHTINGS = ["mantel-haenszel", "inverse-variance"] as const;
export type StratumWeighting = (typeof STRATUM_WEIGHTINGS)[number];

/**
 * Why there is no stratified estimate: no strata given, no stratum with respondents in both variants
 * (or, for inverse-variance weights, none with a non-zero variance), or a combined standard error of 0.
 */
export type StratifiedReason = "no-strata" | "no-usable-strata" | "zero-standard-error";

export type StratifiedDifference =
  | {
      readonly difference: number;
      readonly se: number;
      readonly ci: Interval;
      readonly pValue: number;
      readonly weights: number[];
    }
  | {
      readonly difference: null;
      readonly se: null;
      readonly ci: null;
      readonly pValue: null;
      readonly weights: number[];
      readonly reason: StratifiedReason;
    };

interface StratumEstimate {
  readonly difference: number;
  readonly variance: number;
  readonly weight: number;
}

/** A stratum's difference NPS_B - NPS_A, its Wald variance and its raw weight; weight 0 if it cannot contribute. */
function stratumEstimate(stratum: StratumCounts, weighting: StratumWeighting): StratumEstimate {
  const controlSize = sampleSize(stratum.control);
  const treatmentSize = sampleSize(stratum.treatment);
  if (controlSize === 0 || treatmentSize === 0) return { difference: 0, variance: 0, weight: 0 };
  const difference = npsPoints(stratum.treatment) - npsPoints(stratum.control);
  const variance = npsVariance(stratum.control) + npsVariance(stratum.treatment);
  if (weighting === "mantel-haenszel") {
    return { difference, variance, weight: (controlSize * treatmentSize) / (controlSize + treatmentSize) };
  }
  // 1/0 would hand the whole estimate to a stratum whose Wald variance is 0 only because it is small or
  // one-sided (e.g. 3 promoters vs 2 promoters), so such a stratum is skipped under inverse-variance weights.
  return { difference, variance, weight: variance > 0 ? 1 / variance : 0 };
}

/**
 * Stratified difference of NPS, treatment - control, in points: a fixed-weight average of the per-stratum
 * differences d_k = NPS_B,k - NPS_A,k,
 *   estimate = sum_k w_k d_k / sum_k w_k,
 *   SE       = sqrt(sum_k w_k^2 Var(d_k)) / sum_k w_k,   Var(d_k) = Var(NPS_A,k) + Var(NPS_B,k) (unpooled Wald),
 *   interval = estimate +- z(1 - alpha/2) SE,  p = 2 Pr(Z > |estimate / SE|).
 * Weights:
 * - `mantel-haenszel`: w_k = n_A,k n_B,k / (n_A,k + n_B,k), the Mantel-Haenszel weights for a difference
 *   (Mantel & Haenszel 1959, JNCI 22:719-748; for risk differences Greenland & Robins 1985, Biometrics
 *   41:55-68). They depend on the sample sizes only, so a small stratum's chance NPS does not set its own
 *   weight; when both variants spread their respondents over the strata in the same proportions, the estimate
 *   equals the pooled difference.
 * - `inverse-variance`: w_k = 1 / Var(d_k) (Cochran 1954, Biometrics 10:101-129; Borenstein et al. 2009,
 *   Introduction to Meta-Analysis, eqs. 11.2-11.5): the smallest SE when the difference is the same in every
 *   stratum, but the Wald variance depends on the stratum's own NPS, so small strata bias it; prefer MH there.
 *   A stratum whose Var(d_k) is 0 gets weight 0.
 * Strata with no respondents in either variant get weight 0. The SE treats the weights as fixed and uses each
 * stratum's unpooled Wald variance, so it needs every stratum reasonably large (it is not Sato's 1989
 * variance, which stays valid for many sparse strata); for inverse variance the plug-in weights make it
 * slightly optimistic in small strata. It assumes independent respondents and, for a single "adjusted
 * difference" to be meaningful, a difference that is roughly the same in every stratum. `weights` are the
 * normalised w_k / sum w, in input order. Exceptions only for programmer errors (alpha outside (0, 1),
 * negative counts).
 *
 * @example stratifiedDifference([{ control: { detractors: 20, passives: 30, promoters: 50 }, treatment: { detractors: 10, passives: 30, promoters: 60 } }, { control: { detractors: 30, passives: 40, promoters: 30 }, treatment: { detractors: 25, passives: 40, promoters: 35 } }], "mantel-haenszel", 0.05)
 * // { difference: 15, se: 7.5, ci: { low: 0.30027011594958886, high: 29.699729884050413 }, pValue: 0.045500263896358355, weights: [0.5, 0.5] }
 */
export function stratifiedDifference(strata: readonly StratumCounts[], weighting: StratumWeighting, alpha: number): StratifiedDifference {
  const critical = twoSidedCriticalValue(alpha);
  const estimates = strata.map((stratum) => stratumEstimate(stratum, weighting));
  const weightTotal = estimates.reduce((sum, estimate) => sum + estimate.weight, 0);
  const degenerate = (reason: StratifiedReason, weights: number[]): StratifiedDifference => ({
    difference: null, se: null, ci: null, pValue: null, weights, reason,
  });
  if (strata.length === 0) return degenerate("no-strata", []);
  if (weightTotal === 0) return degenerate("no-usable-strata", estimates.map(() => 0));
  const weights = estimates.map((estimate) => estimate.weight / weightTotal);
  // Normalised weights give the same estimate and SE as the raw ones and keep the sums well scaled.
  let difference = 0;
  let variance = 0;
  estimates.forEach((estimate, index) => {
    difference += weights[index]! * estimate.difference;
    variance += weights[index]! ** 2 * estimate.variance;
  });
  const se = Math.sqrt(variance);
  if (se === 0) return degenerate("zero-standard-error", weights);
  return {
    difference,
    se,
    ci: { low: difference - critical * se, high: difference + critical * se },
    pValue: twoSidedNormalPValue(difference / se),
    weights,
  };
}
