/**
 * Interval of one NPS, or of the difference treatment - control, by the method the user picked
 * (DESIGN.md, "Statistical definitions"). The sets of methods are closed: adding a `CiMethod` without an
 * entry here is a compile error.
 */
import type { CategoryCounts, CiMethod, Interval, MonteCarloOptions } from "../types.js";
import { adjustedWaldDifferenceInterval, adjustedWaldInterval } from "./adjusted-wald.js";
import { bayesComparison, bayesInterval } from "./bayes.js";
import { tangoDifferenceInterval, tangoInterval } from "./tango.js";
import { waldDifferenceInterval, waldInterval } from "./wald.js";

const SINGLE_VARIANT = {
  "adjusted-wald": (counts, alpha) => adjustedWaldInterval(counts, alpha),
  wald: (counts, alpha) => waldInterval(counts, alpha),
  tango: (counts, alpha) => tangoInterval(counts, alpha),
  bayes: (counts, alpha, options) => bayesInterval(counts, alpha, options),
} satisfies Record<CiMethod, (counts: CategoryCounts, alpha: number, options: MonteCarloOptions) => Interval>;

const DIFFERENCE = {
  "adjusted-wald": (control, treatment, alpha) => adjustedWaldDifferenceInterval(control, treatment, alpha),
  wald: (control, treatment, alpha) => waldDifferenceInterval(control, treatment, alpha),
  tango: (control, treatment, alpha) => tangoDifferenceInterval(control, treatment, alpha),
  bayes: (control, treatment, alpha, options) => bayesComparison(control, treatment, alpha, options).differenceInterval,
} satisfies Record<CiMethod, (control: CategoryCounts, treatment: CategoryCounts, alpha: number, options: MonteCarloOptions) => Interval>;

/**
 * (1 - alpha) interval of one variant's NPS in points by `method`; `options` is used by `bayes` only.
 *
 * @example npsInterval("wald", { detractors: 1, passives: 2, promoters: 3 }, 0.05, { draws: 1, random: Math.random })
 * // { low: -26.30647145723858, high: 92.97313812390524 }
 */
export function npsInterval(method: CiMethod, counts: CategoryCounts, alpha: number, options: MonteCarloOptions): Interval {
  return SINGLE_VARIANT[method](counts, alpha, options);
}

/**
 * (1 - alpha) interval of NPS_B - NPS_A (treatment - control) in points by `method`: Wald, adjusted Wald,
 * Newcombe's hybrid of the Tango intervals, or the Bayesian credible interval; `options` is used by `bayes` only.
 *
 * @example differenceInterval("wald", { detractors: 77, passives: 96, promoters: 227 }, { detractors: 69, passives: 112, promoters: 319 }, 0.05, { draws: 1, random: Math.random })
 * // { low: 2.5052645997811496, high: 22.49473540021885 }
 */
export function differenceInterval(
  method: CiMethod,
  control: CategoryCounts,
  treatment: CategoryCounts,
  alpha: number,
  options: MonteCarloOptions,
): Interval {
  return DIFFERENCE[method](control, treatment, alpha, options);
}
