/**
 * Is the gap between the variants widening or closing? A weighted least-squares line through the
 * per-period differences (e.g. monthly NPS_B - NPS_A), each weighted by the inverse of its known sampling
 * variance: a fixed-effect meta-regression on time.
 */
import { chiSquareSurvival, twoSidedCriticalValue, twoSidedNormalPValue } from "./distributions.js";
import type { Interval } from "./types.js";

/** One period's difference (in points) and its sampling variance (points^2), at `time` (e.g. months since start). */
export interface TrendPoint {
  readonly time: number;
  readonly difference: number;
  readonly variance: number;
}

/** Why there is no trend: fewer than 3 usable periods, or all usable periods at the same time. */
export type TrendReason = "too-few-periods" | "no-time-variation";

/**
 * Cochran's Q of the residuals, Q_E = sum w_i (y_i - fitted_i)^2 with df = k - 2: a large value (small p) says
 * the differences scatter around the line more than their sampling variances allow, so the known-variance SE
 * of the slope is too small (consider a random-effects model).
 */
export interface ResidualHeterogeneity {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

export type DifferenceTrend =
  | {
      readonly slopePerUnit: number;
      readonly intercept: number;
      readonly se: number;
      readonly ci: Interval;
      readonly z: number;
      readonly pValue: number;
      readonly residualHeterogeneity: ResidualHeterogeneity;
      readonly usedPoints: number;
      readonly skippedPoints: number;
    }
  | {
      readonly slopePerUnit: null;
      readonly intercept: null;
      readonly se: null;
      readonly ci: null;
      readonly z: null;
      readonly pValue: null;
      readonly residualHeterogeneity: null;
      readonly usedPoints: number;
      readonly skippedPoints: number;
      readonly reason: TrendReason;
    };

/** Fewest usable periods for a line with a residual check: 2 define a line, a third tests it. */
export const MIN_TREND_PERIODS = 3;

/**
 * Weighted least-squares slope of the differences y_i over time t_i, with weights w_i = 1 / v_i, v_i the
 * known sampling variance of y_i (fixed-effect meta-regression; Borenstein, Hedges, Higgins & Rothstein 2009,
 * Introduction to Meta-Analysis, ch. 20; Hedges 1994, "Fixed effects models", in Cooper & Hedges (eds.),
 * The Handbook of Research Synthesis):
 *   tbar = sum w t / sum w,  ybar = sum w y / sum w,  S_tt = sum w (t - tbar)^2,
 *   slope = sum w (t - tbar)(y - ybar) / S_tt,  intercept = ybar - slope tbar (the gap at time 0),
 *   SE(slope) = sqrt(1 / S_tt),  z = slope / SE,  p = 2 Pr(Z > |z|),  interval = slope +- z(1 - alpha/2) SE.
 * The variances are taken as known, not rescaled by the residual scatter, so this equals R
 * `metafor::rma(yi, vi, mods = ~ time, method = "FE")` (test = "z"); R `lm(y ~ t, weights = w)` gives the same
 * slope with a different SE. Assumes independent periods (different respondents) and a linear trend; check
 * `residualHeterogeneity` before trusting the SE. Points whose variance is 0 or not finite, or whose time or
 * difference is not finite, are skipped and counted in `skippedPoints`. Needs >= 3 usable points.
 *
 * @example differenceTrend([{ time: 0, difference: 1, variance: 4 }, { time: 1, difference: 2, variance: 4 }, { time: 2, difference: 4, variance: 4 }, { time: 3, difference: 5, variance: 0 }], 0.05)
 * // { slopePerUnit: 1.5, intercept: 0.8333333333333335, se: 1.4142135623730951, ci: { low: -1.2718076486993568, high: 4.271807648699356 }, z: 1.0606601717798212, pValue: 0.2888443663464849, residualHeterogeneity: { statistic: 0.04166666666666667, df: 1, pValue: 0.8382564863858263 }, usedPoints: 3, skippedPoints: 1 }
 */
export function differenceTrend(points: readonly TrendPoint[], alpha: number): DifferenceTrend {
  const critical = twoSidedCriticalValue(alpha);
  const usable = points.filter(
    (point) => Number.isFinite(point.time) && Number.isFinite(point.difference) && Number.isFinite(point.variance) && point.variance > 0,
  );
  const counts = { usedPoints: usable.length, skippedPoints: points.length - usable.length };
  const degenerate = (reason: TrendReason): DifferenceTrend => ({
    slopePerUnit: null, intercept: null, se: null, ci: null, z: null, pValue: null, residualHeterogeneity: null, ...counts, reason,
  });
  if (usable.length < MIN_TREND_PERIODS) return degenerate("too-few-periods");

  const weights = usable.map((point) => 1 / point.variance);
  const weightTotal = weights.reduce((sum, weight) => sum + weight, 0);
  const weightedMean = (value: (point: TrendPoint) => number): number =>
    usable.reduce((sum, point, index) => sum + weights[index]! * value(point), 0) / weightTotal;
  const timeMean = weightedMean((point) => point.time);
  const differenceMean = weightedMean((point) => point.difference);
  let timeSquares = 0;
  let crossProducts = 0;
  usable.forEach((point, index) => {
    const centredTime = point.time - timeMean;
    timeSquares += weights[index]! * centredTime * centredTime;
    crossProducts += weights[index]! * centredTime * (point.difference - differenceMean);
  });
  // Relative test: centred times of 1e-17 are rounding noise around a single time.
  const timeScale = Math.max(...usable.map((point) => Math.abs(point.time)), 1);
  if (timeSquares <= 1e-24 * weightTotal * timeScale * timeScale) return degenerate("no-time-variation");

  const slope = crossProducts / timeSquares;
  const intercept = differenceMean - slope * timeMean;
  const se = Math.sqrt(1 / timeSquares);
  const z = slope / se;
  const residualStatistic = usable.reduce((sum, point, index) => {
    const residual = point.difference - (intercept + slope * point.time);
    return sum + weights[index]! * residual * residual;
  }, 0);
  const df = usable.length - 2;
  return {
    slopePerUnit: slope,
    intercept,
    se,
    ci: { low: slope - critical * se, high: slope + critical * se },
    z,
    pValue: twoSidedNormalPValue(z),
    residualHeterogeneity: { statistic: residualStatistic, df, pValue: chiSquareSurvival(residualStatistic, df) },
    ...counts,
  };
}
