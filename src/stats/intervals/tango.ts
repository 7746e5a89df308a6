/**
 * Tango's score interval for one NPS, and Newcombe's hybrid score interval for the difference of two.
 */
import { bisection } from "../bisection.js";
import { twoSidedCriticalValue } from "../distributions.js";
import { npsPoints, sampleSize } from "../nps.js";
import type { CategoryCounts, Interval } from "../types.js";

/** Root-finding tolerance on the shares scale (1e-12 shares = 1e-10 points). */
const TOLERANCE = 1e-12;

/**
 * Tango's score statistic for H0: P - D = delta.
 *
 * NPS/100 = P - D is a difference of two proportions measured on the same respondents (promoter yes/no,
 * detractor yes/no), i.e. a paired design whose discordant cells are the promoters (p) and the detractors (d) (Tango's c and b).
 * Tango (1998, "Equivalence test and confidence interval for the difference in proportions for the
 * paired-sample design", Statistics in Medicine 17:891-908):
 *   T(delta) = (p - d - n delta) / sqrt(n (2 q + delta (1 - delta))),
 * where q is the maximum-likelihood detractor share under H0, the root of 2n q^2 + B q + C = 0 with
 * B = -p - d + (2n - p + d) delta, C = -d delta (1 - delta):  q = (sqrt(B^2 - 4 (2n) C) - B) / (4n).
 * Decreasing in delta; +-Infinity where the variance vanishes at delta = +-1.
 *
 * @example tangoScore(0, { detractors: 1, passives: 2, promoters: 3 }) // 1
 */
export function tangoScore(delta: number, counts: CategoryCounts): number {
  const n = sampleSize(counts);
  const { promoters, detractors } = counts;
  const b = -promoters - detractors + (2 * n - promoters + detractors) * delta;
  const c = -detractors * delta * (1 - delta);
  const q = (Math.sqrt(Math.max(0, b * b - 8 * n * c)) - b) / (4 * n);
  const numerator = promoters - detractors - n * delta;
  const variance = n * (2 * q + delta * (1 - delta));
  if (numerator === 0) return 0;
  return variance > 0 ? numerator / Math.sqrt(variance) : numerator * Infinity;
}

/**
 * Tango's score interval for the NPS (Tango 1998; recommended for NPS by Rocks 2016, The American
 * Statistician 70(4)): the deltas where the score statistic equals +-z(1 - alpha/2),
 *   lower: T(delta) = +z on [-1, NPS/100],  upper: T(delta) = -z on [NPS/100, 1],
 * found by bisection to 1e-12 (shares) and clamped to [-100, 100] points. Like Wilson's interval it stays
 * inside the parameter space and does not collapse when all respondents are promoters.
 *
 * @example tangoInterval({ detractors: 1, passives: 2, promoters: 3 }, 0.05)
 * // { low: -31.107378462396195, high: 75.39566635638646 }
 */
export function tangoInterval(counts: CategoryCounts, alpha: number): Interval {
  const z = twoSidedCriticalValue(alpha);
  const estimate = npsPoints(counts) / 100;
  const low = estimate <= -1 ? -1 : bisection((delta) => tangoScore(delta, counts) - z, -1, estimate, TOLERANCE);
  const high = estimate >= 1 ? 1 : bisection((delta) => tangoScore(delta, counts) + z, estimate, 1, TOLERANCE);
  return { low: Math.max(-100, 100 * low), high: Math.min(100, 100 * high) };
}

/**
 * Hybrid score interval of the difference NPS_B - NPS_A (treatment - control), combining the two Tango
 * intervals (l_A, u_A) and (l_B, u_B) by Newcombe's square-and-add rule (Newcombe 1998, "Interval estimation
 * for the difference between independent proportions: comparison of eleven methods", Statistics in
 * Medicine 17:873-890, method 10):
 *   low  = diff - sqrt((NPS_B - l_B)^2 + (u_A - NPS_A)^2)
 *   high = diff + sqrt((u_B - NPS_B)^2 + (NPS_A - l_A)^2).
 * Assumes independent samples; stays within [-200, 200].
 *
 * @example tangoDifferenceInterval({ detractors: 1, passives: 2, promoters: 3 }, { detractors: 0, passives: 0, promoters: 10 }, 0.05)
 * // { low: -2.9768402763861133, high: 131.10737846239618 }
 */
export function tangoDifferenceInterval(control: CategoryCounts, treatment: CategoryCounts, alpha: number): Interval {
  const controlNps = npsPoints(control);
  const treatmentNps = npsPoints(treatment);
  const controlInterval = tangoInterval(control, alpha);
  const treatmentInterval = tangoInterval(treatment, alpha);
  const difference = treatmentNps - controlNps;
  return {
    low: difference - Math.hypot(treatmentNps - treatmentInterval.low, controlInterval.high - controlNps),
    high: difference + Math.hypot(treatmentInterval.high - treatmentNps, controlNps - controlInterval.low),
  };
}
