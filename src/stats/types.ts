/**
 * Types shared by the statistics core. `stats` imports nothing else of nps-ab.
 * Convention: degenerate input (a zero standard error, an empty sample) is a result with a reason code,
 * never an exception and never NaN; exceptions are reserved for programmer errors.
 */

/** Respondents by category: detractors score 0-6, passives 7-8, promoters 9-10. */
export interface CategoryCounts {
  readonly detractors: number;
  readonly passives: number;
  readonly promoters: number;
}

/** A two-sided interval, in NPS points (-100..100) unless stated otherwise. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** Why a statistic could not be computed. Stable strings: they appear in the JSON report. */
export type DegenerateReason =
  | "zero-standard-error"
  | "empty-sample"
  | "single-category";

export interface Degenerate {
  readonly statistic: null;
  readonly pValue: null;
  readonly reason: DegenerateReason;
}

/** A test statistic and its two-sided p-value, or why there is none. */
export type TestOutcome = { readonly statistic: number; readonly pValue: number } | Degenerate;

/** Interval methods for one variant's NPS and for the difference (DESIGN.md, "Statistical definitions"). */
export const CI_METHODS = ["adjusted-wald", "wald", "tango", "bayes"] as const;
export type CiMethod = (typeof CI_METHODS)[number];

/** A source of uniform numbers in [0, 1). Injected so that randomised methods are reproducible. */
export type RandomSource = () => number;

/** What the Monte Carlo (bayes) computations need. */
export interface MonteCarloOptions {
  readonly draws: number;
  readonly random: RandomSource;
}
