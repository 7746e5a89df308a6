/**
 * An always-valid confidence sequence for the NPS difference: an interval that may be looked at after every
 * new batch of responses (daily, hourly) and still covers the true difference at all looks simultaneously with
 * probability about 1 - alpha. A fixed (1 - alpha) interval read every day does not: its chance of excluding a
 * true difference of 0 at some look grows with the number of looks (scripts/simulate-sequential.md).
 *
 * Method: the asymptotic confidence sequence of Waudby-Smith, Arbour, Sinha, Kennedy & Ramdas, "Time-uniform
 * central limit theory and asymptotic confidence sequences", Annals of Statistics (2024), arXiv 2103.06476v7,
 * with the two-sided normal-mixture ("Robbins") boundary, eq. 9 there, and its mixing parameter rho chosen
 * from a tuning parameter n* by eq. 161. This is what GrowthBook's stats engine implements (gbstats,
 * `packages/stats/gbstats/frequentist/tests.py`, `sequential_rho` / `sequential_interval_halfwidth` and the
 * sequential two-sided t test), with the same conventions for a difference of two means, established by
 * reproducing the shared reference value (control (d, s, p) = (30, 40, 80), treatment (20, 45, 100), alpha 0.05,
 * n* 5000: half-width 0.369941 on the -1..1 scale, i.e. 36.9941 points):
 * - N is the total number of observations in both arms, N = n_control + n_treatment;
 * - sigma is the per-observation standard deviation of the difference estimator, sigma^2 = SE^2 * N, where
 *   SE = sqrt(Var(NPS_A) + Var(NPS_B)) is the unpooled Wald standard error of the difference.
 * (Per-arm N with sigma^2 = SE^2 * N/2 gives 0.470738 instead, so it is not that one.)
 * Assumptions: independent respondents, finite variance, the central limit theorem (the coverage guarantee is
 * asymptotic; scripts/simulate-sequential.md checks it with 100 responses per arm per day), a tuning parameter
 * fixed before the data are seen.
 */
import { npsDifference } from "./difference.js";
import { sampleSize } from "./nps.js";
import type { CategoryCounts, Interval } from "./types.js";

/** Why a sequential interval could not be computed (stable strings, they reach the JSON report). */
export type SequentialDegenerateReason = "empty-sample" | "zero-standard-error";

export type SequentialDifferenceResult =
  | { readonly difference: number; readonly ci: Interval; readonly halfWidth: number }
  | { readonly difference: number | null; readonly ci: null; readonly halfWidth: null; readonly reason: SequentialDegenerateReason };

function requireSettings(alpha: number, tuning: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(tuning > 0 && Number.isFinite(tuning))) throw new RangeError(`the tuning parameter must be a positive number of observations, got ${tuning}`);
}

/**
 * Mixing standard deviation rho of the normal-mixture boundary, chosen so that the confidence sequence is
 * (approximately) tightest after n* = `tuning` observations (Waudby-Smith et al., arXiv 2103.06476v7, eq. 161):
 *   rho = sqrt( (-2 ln(alpha) + ln(-2 ln(alpha) + 1)) / n* ).
 * A small n* gives narrow early intervals and wider late ones; GrowthBook's default n* is 5000.
 * @example sequentialRho(0.05, 5000) // 0.03984006677137368
 */
export function sequentialRho(alpha: number, tuning: number): number {
  requireSettings(alpha, tuning);
  const twiceLogInverseAlpha = -2 * Math.log(alpha);
  return Math.sqrt((twiceLogInverseAlpha + Math.log(twiceLogInverseAlpha + 1)) / tuning);
}

/**
 * Half-width of the two-sided asymptotic confidence sequence for a mean after n observations with
 * per-observation standard deviation sd (Waudby-Smith et al., arXiv 2103.06476v7, eq. 9, normal-mixture
 * boundary divided by n):
 *   halfWidth = sd * sqrt( 2 (n rho^2 + 1) / (n^2 rho^2) * ln( sqrt(n rho^2 + 1) / alpha ) ),
 * rho = `sequentialRho(alpha, tuning)`. It is the boundary where the Gaussian mixture of exponential
 * martingales, integral of exp(lambda S_n - lambda^2 n / 2) dN(0, rho^2)(lambda), reaches 1/alpha (Ville's
 * inequality then bounds the chance of ever crossing it by alpha). Always wider than the fixed z interval
 * z(1 - alpha/2) sd / sqrt(n), and shrinking like sqrt(ln(n) / n).
 * For a difference of two means use n = n_control + n_treatment and sd = SE * sqrt(n) (see the module comment).
 * The result is on the scale of sd. n must be > 0 and sd >= 0 (programmer errors otherwise).
 * @example confidenceSequenceHalfWidth(315, 8.444611401638614 * Math.sqrt(315), 0.05, 5000) // 36.994062464345745
 */
export function confidenceSequenceHalfWidth(n: number, sd: number, alpha: number, tuning: number): number {
  if (!(n > 0 && Number.isFinite(n))) throw new RangeError(`the number of observations must be > 0, got ${n}`);
  if (!(sd >= 0 && Number.isFinite(sd))) throw new RangeError(`the standard deviation must be >= 0, got ${sd}`);
  const rhoSquared = sequentialRho(alpha, tuning) ** 2;
  const growth = n * rhoSquared + 1;
  return sd * Math.sqrt(((2 * growth) / (n * n * rhoSquared)) * Math.log(Math.sqrt(growth) / alpha));
}

/**
 * Always-valid (1 - alpha) confidence sequence for the NPS difference treatment - control, in points:
 *   difference +- confidenceSequenceHalfWidth(N, SE sqrt(N), alpha, tuning),  N = n_control + n_treatment,
 * SE the unpooled Wald standard error of the difference in points (`npsDifference`). The interval is not
 * clamped to [-200, 200]. When an arm is empty (difference null) or SE = 0 (both arms single-category), there
 * is no interval and `reason` says why.
 * @example sequentialDifferenceInterval({ detractors: 30, passives: 40, promoters: 80 }, { detractors: 20, passives: 45, promoters: 100 }, 0.05, 5000)
 * // { difference: 15.151515151515156, ci: { low: -21.842547312830582, high: 52.145577615860894 }, halfWidth: 36.99406246434574 }
 */
export function sequentialDifferenceInterval(
  control: CategoryCounts,
  treatment: CategoryCounts,
  alpha: number,
  tuning: number,
): SequentialDifferenceResult {
  requireSettings(alpha, tuning);
  const controlN = sampleSize(control);
  const treatmentN = sampleSize(treatment);
  if (controlN === 0 || treatmentN === 0) return { difference: null, ci: null, halfWidth: null, reason: "empty-sample" };
  const total = controlN + treatmentN;
  const { difference, se } = npsDifference(control, treatment);
  if (se === 0) return { difference, ci: null, halfWidth: null, reason: "zero-standard-error" };
  const halfWidth = confidenceSequenceHalfWidth(total, se * Math.sqrt(total), alpha, tuning);
  return { difference, ci: { low: difference - halfWidth, high: difference + halfWidth }, halfWidth };
}
