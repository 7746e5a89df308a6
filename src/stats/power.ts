/**
 * Power and sample size for comparing two Net Promoter Scores, by the normal approximation.
 * Each respondent scores +1 (promoter), 0 (passive) or -1 (detractor); NPS/100 is their mean, with
 * per-respondent variance v = P + D - (P - D)^2 (Rocks 2016, The American Statistician 70(4), section 2).
 * With n respondents per variant and both variants sharing the baseline's v, the difference of the two
 * NPS estimates has SE = sqrt(2 v / n) on the shares scale. Every formula below is the textbook
 * normal-approximation sample size for a difference of two means with known variance (Chow, Shao & Wang,
 * "Sample Size Calculations in Clinical Research", 2nd ed., 2008, section 3.2, two-sample parallel design:
 * 3.2.1 test for equality, 3.2.2 non-inferiority, 3.2.3 equivalence), with 2 v in place of 2 sigma^2.
 * Effects and margins are NPS points (-100..100) at this boundary and shares (points / 100) inside.
 * Assumptions: independent simple random samples, equal allocation, the same v in both variants (v is taken
 * at the baseline; a change of a few points barely moves it), n large enough for the normal approximation.
 */
import { npsDifference } from "./difference.js";
import { normalCdf, normalQuantile } from "./distributions.js";
import { sampleSize } from "./nps.js";
import type { CategoryCounts } from "./types.js";

/** The category mix expected in the control variant: shares in 0..1 with promoterShare + detractorShare <= 1. */
export interface PowerBaseline {
  readonly promoterShare: number;
  readonly detractorShare: number;
}

/**
 * Why a sample size or detectable difference could not be computed (stable strings, they reach the JSON report):
 * `zero-variance`: the baseline puts everyone in one category (v = 0), so the formula says n = 0, which is
 * meaningless; `zero-effect`: an effect or margin of 0 points needs infinitely many respondents;
 * `empty-sample`: a variant has no respondents; `zero-standard-error`: both variants are single-category.
 */
export type PowerDegenerateReason = "zero-variance" | "zero-effect" | "empty-sample" | "zero-standard-error";

/** Respondents needed per variant (a real number: round it up), and the per-respondent variance v it used. */
export type SampleSizeResult =
  | { readonly nPerVariant: number; readonly variance: number }
  | { readonly nPerVariant: null; readonly variance: number; readonly reason: PowerDegenerateReason };

/** Tolerance for P + D <= 1: shares computed from counts may exceed 1 by rounding. */
const SHARE_SLACK = 1e-12;

function requireProbability(value: number, name: string): void {
  if (!(value > 0 && value < 1)) throw new RangeError(`${name} must be in (0, 1), got ${value}`);
}

function requireFinite(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number of NPS points, got ${value}`);
}

/**
 * Per-respondent variance of the NPS on the shares scale, v = P + D - (P - D)^2: the variance of a score that
 * is +1 with probability P, -1 with probability D and 0 otherwise, E[X^2] - E[X]^2 (Rocks 2016, section 2).
 * v is at most 1 (P = D = 1/2) and 0 when every respondent is in one category.
 * @example perRespondentVarianceOf({ promoterShare: 0.5, detractorShare: 0.2 }) // 0.61
 */
export function perRespondentVarianceOf(baseline: PowerBaseline): number {
  const { promoterShare, detractorShare } = baseline;
  if (!(promoterShare >= 0 && detractorShare >= 0 && promoterShare + detractorShare <= 1 + SHARE_SLACK)) {
    throw new RangeError(`baseline shares must be >= 0 with a sum <= 1, got P=${promoterShare}, D=${detractorShare}`);
  }
  const nps = promoterShare - detractorShare;
  // max(0, .): P + D - (P - D)^2 can round to -1e-17 for a single-category baseline.
  return Math.max(0, promoterShare + detractorShare - nps * nps);
}

/** n = (zSum)^2 * 2 v / d^2 with d in shares, or the reason it is undefined. */
function normalSampleSize(baseline: PowerBaseline, points: number, zSum: number): SampleSizeResult {
  const variance = perRespondentVarianceOf(baseline);
  if (variance === 0) return { nPerVariant: null, variance, reason: "zero-variance" };
  const shares = points / 100;
  if (shares === 0) return { nPerVariant: null, variance, reason: "zero-effect" };
  return { nPerVariant: (zSum * zSum * 2 * variance) / (shares * shares), variance };
}

/**
 * Sample size per variant to detect a difference of `mdePoints` with a two-sided z test (superiority, or
 * "test for equality" in Chow, Shao & Wang 2008, section 3.2.1):
 *   n = (z(1 - alpha/2) + z(power))^2 * 2 v / d^2,  d = mdePoints / 100,
 * z(q) the standard normal quantile. The sign of the difference does not matter. It ignores rejections in
 * the wrong direction (the other tail, below alpha/2), as is standard.
 * @example sampleSizeForDifference({ promoterShare: 0.5, detractorShare: 0.2 }, 5, 0.05, 0.8)
 * // { nPerVariant: 3830.253310362355, variance: 0.61 }
 */
export function sampleSizeForDifference(baseline: PowerBaseline, mdePoints: number, alpha: number, power: number): SampleSizeResult {
  requireProbability(alpha, "alpha");
  requireProbability(power, "power");
  requireFinite(mdePoints, "mdePoints");
  return normalSampleSize(baseline, mdePoints, normalQuantile(1 - alpha / 2) + normalQuantile(power));
}

/**
 * Power of the two-sided z test at level alpha to find a true difference of `mdePoints` with `nPerVariant`
 * respondents per variant, counting rejections in the direction of the effect only (a significant result of the
 * wrong sign is not a detection):
 *   power = Phi(|d| / SE - z(1 - alpha/2)),  SE = sqrt(2 v / n),  d = mdePoints / 100.
 * It inverts `sampleSizeForDifference` exactly. No power when v = 0 or n = 0.
 * @example powerForDifference({ promoterShare: 0.5, detractorShare: 0.2 }, 5, 0.05, 3830.253310362355)
 * // { power: 0.7999999999999999 }
 */
export function powerForDifference(
  baseline: PowerBaseline,
  mdePoints: number,
  alpha: number,
  nPerVariant: number,
): { power: number } | { power: null; reason: PowerDegenerateReason } {
  requireProbability(alpha, "alpha");
  requireFinite(mdePoints, "mdePoints");
  if (!(nPerVariant >= 0 && Number.isFinite(nPerVariant))) throw new RangeError(`nPerVariant must be >= 0, got ${nPerVariant}`);
  const variance = perRespondentVarianceOf(baseline);
  if (variance === 0) return { power: null, reason: "zero-variance" };
  if (nPerVariant === 0) return { power: null, reason: "empty-sample" };
  const standardError = Math.sqrt((2 * variance) / nPerVariant);
  return { power: normalCdf(Math.abs(mdePoints / 100) / standardError - normalQuantile(1 - alpha / 2)) };
}

/**
 * Sample size per variant for an equivalence test (TOST, two one-sided tests at level alpha each, the gate
 * "the (1 - 2 alpha) interval lies inside (-m, m)") when the true difference is 0 (Chow, Shao & Wang 2008,
 * section 3.2.3):
 *   n = (z(1 - alpha) + z(1 - beta/2))^2 * 2 v / m^2,  beta = 1 - power,  m = marginPoints / 100.
 * beta is halved because at a true difference of 0 either one-sided test can fail, with equal probability.
 * @example sampleSizeForEquivalence({ promoterShare: 0.5, detractorShare: 0.2 }, 5, 0.05, 0.8)
 * // { nPerVariant: 4179.157507125973, variance: 0.61 }
 */
export function sampleSizeForEquivalence(baseline: PowerBaseline, marginPoints: number, alpha: number, power: number): SampleSizeResult {
  requireProbability(alpha, "alpha");
  requireProbability(power, "power");
  requireMargin(marginPoints);
  return normalSampleSize(baseline, marginPoints, normalQuantile(1 - alpha) + normalQuantile(1 - (1 - power) / 2));
}

/**
 * Sample size per variant for a non-inferiority test with margin m when the true difference is 0 (Chow, Shao &
 * Wang 2008, section 3.2.2):
 *   n = (z(1 - alpha) + z(power))^2 * 2 v / m^2,  m = marginPoints / 100.
 * One-sided at alpha, consistent with a gate that reads the lower bound of the (1 - 2 alpha) interval.
 * @example sampleSizeForNonInferiority({ promoterShare: 0.5, detractorShare: 0.2 }, 5, 0.05, 0.8)
 * // { nPerVariant: 3017.0879292256454, variance: 0.61 }
 */
export function sampleSizeForNonInferiority(baseline: PowerBaseline, marginPoints: number, alpha: number, power: number): SampleSizeResult {
  requireProbability(alpha, "alpha");
  requireProbability(power, "power");
  requireMargin(marginPoints);
  return normalSampleSize(baseline, marginPoints, normalQuantile(1 - alpha) + normalQuantile(power));
}

function requireMargin(marginPoints: number): void {
  requireFinite(marginPoints, "marginPoints");
  if (marginPoints < 0) throw new RangeError(`marginPoints must be >= 0, got ${marginPoints}`);
}

/**
 * Minimum detectable difference achieved by the data: the true difference that the two-sided z test at level
 * alpha would have found with probability `power`, given the standard error the data actually have:
 *   MDE = (z(1 - alpha/2) + z(power)) * SE,  SE = sqrt(Var(NPS_A) + Var(NPS_B))  (unpooled Wald, points).
 * Read it as "a change smaller than MDE points could easily have gone unnoticed"; it is the inverse of
 * `sampleSizeForDifference` at the observed n and v. Not a post-hoc "observed power", which only restates
 * the p-value (Hoenig & Heisey 2001, The American Statistician 55(1)).
 * @example minimumDetectableDifference({ detractors: 30, passives: 40, promoters: 80 }, { detractors: 20, passives: 45, promoters: 100 }, 0.05, 0.8)
 * // { mdePoints: 23.658298475538974 }
 */
export function minimumDetectableDifference(
  control: CategoryCounts,
  treatment: CategoryCounts,
  alpha: number,
  power: number,
): { mdePoints: number } | { mdePoints: null; reason: PowerDegenerateReason } {
  requireProbability(alpha, "alpha");
  requireProbability(power, "power");
  if (sampleSize(control) === 0 || sampleSize(treatment) === 0) return { mdePoints: null, reason: "empty-sample" };
  const { se } = npsDifference(control, treatment);
  if (se === 0) return { mdePoints: null, reason: "zero-standard-error" };
  return { mdePoints: (normalQuantile(1 - alpha / 2) + normalQuantile(power)) * se };
}
