/**
 * What the verdict and the gates rest on: the pooled difference, or with `--stratify month` the
 * season-adjusted one; with fixed-sample Wald intervals, or with `--sequential` an always-valid confidence
 * sequence (Waudby-Smith et al. 2023), which stays honest when the same comparison is looked at every night.
 * Either way one standard error serves the z test, TOST, the verdict and the gate, so they never contradict.
 */
import { tost } from "../stats/equivalence.js";
import { normalQuantile } from "../stats/distributions.js";
import { confidenceSequenceHalfWidth } from "../stats/sequential.js";
import type { Interval } from "../stats/types.js";

export type DecisionBasis = "pooled" | "stratified-by-month";

export interface Decision {
  readonly basis: DecisionBasis;
  readonly sequential: boolean;
  readonly difference: number;
  readonly se: number;
  /** The (1 - alpha) interval: Wald, or the confidence sequence. `null` when SE is 0. */
  readonly ci: Interval | null;
  /** The (1 - 2 alpha) interval that TOST and the gates use. `null` when SE is 0. */
  readonly gateCi: Interval | null;
  readonly equivalent: boolean;
}

export interface DecisionInput {
  readonly basis: DecisionBasis;
  readonly difference: number;
  readonly se: number;
  /** Responses in both variants together: the time axis of the confidence sequence. */
  readonly totalN: number;
}

function around(difference: number, halfWidth: number): Interval {
  return { low: difference - halfWidth, high: difference + halfWidth };
}

export function decide(
  input: DecisionInput,
  options: { readonly alpha: number; readonly marginPoints: number; readonly sequential: boolean; readonly tuning: number },
): Decision {
  const { difference, se } = input;
  const base = { basis: input.basis, sequential: options.sequential, difference, se };
  if (!(se > 0)) return { ...base, ci: null, gateCi: null, equivalent: false };
  if (options.sequential) {
    // The confidence sequence for a difference of means with sigma^2 = SE^2 * N (see src/stats/sequential.ts).
    const halfWidth = (alpha: number): number => confidenceSequenceHalfWidth(input.totalN, se * Math.sqrt(input.totalN), alpha, options.tuning);
    const gateCi = around(difference, halfWidth(2 * options.alpha));
    return {
      ...base,
      ci: around(difference, halfWidth(options.alpha)),
      gateCi,
      equivalent: -options.marginPoints < gateCi.low && gateCi.high < options.marginPoints,
    };
  }
  const equivalence = tost(difference, se, options.marginPoints, options.alpha);
  return {
    ...base,
    ci: around(difference, normalQuantile(1 - options.alpha / 2) * se),
    gateCi: equivalence.ci,
    equivalent: equivalence.equivalent,
  };
}
