/** The typed options of an analysis, after the CLI (or a library caller) has validated them. */
import type { Adjustment } from "../stats/multiplicity.js";
import type { StratumWeighting } from "../stats/stratified.js";
import type { CiMethod } from "../stats/types.js";
import type { Gate } from "./gate.js";
import type { Period } from "./periods.js";
import type { PhaseStart } from "./phases.js";

export const STRATIFY = ["none", "month"] as const;
export type Stratify = (typeof STRATIFY)[number];

export interface AnalysisOptions {
  /** Significance level; intervals are at 1 - alpha, the equivalence interval at 1 - 2 alpha. */
  readonly alpha: number;
  /** Equivalence margin in NPS points: differences inside (-margin, margin) are "no meaningful change". */
  readonly marginPoints: number;
  readonly ciMethod: CiMethod;
  /** Name of the control variant; default: the first variant. */
  readonly controlName?: string | undefined;
  /** Seed of the Monte Carlo (bayes) computations. */
  readonly seed: number;
  /** Number of posterior draws for the Monte Carlo (bayes) computations. */
  readonly draws: number;
  /** Calendar period of the timeline. */
  readonly period: Period;
  /** Weights of the season-adjusted (stratified by month) difference. */
  readonly weights: StratumWeighting;
  /** `month`: the verdict and gates rest on the season-adjusted difference instead of the pooled one. */
  readonly stratify: Stratify;
  /** Starts of the rebrand's phases. */
  readonly phases: readonly PhaseStart[];
  /** Last day (`YYYY-MM-DD`) of the pre-period in which both sites carried the old brand. */
  readonly baselineUntil?: string | undefined;
  /** Multiplicity adjustment of the segment p-values. */
  readonly adjust: Adjustment;
  /** Segments with fewer responses than this in either variant are pooled into "(other)". */
  readonly minSegmentN: number;
  /** Planned split of responses between control and treatment, for the sample ratio mismatch check. */
  readonly expectedSplit?: readonly [number, number] | undefined;
  /** The analysis window, when one was given (phases run to its ends). */
  readonly window?: { readonly from?: string | undefined; readonly to?: string | undefined } | undefined;
  /** A decision rule for CI; its outcome picks the exit code. */
  readonly gate?: Gate | undefined;
  /** Always-valid confidence sequences instead of fixed-sample intervals for the decision. */
  readonly sequential: boolean;
  /** Tuning of the confidence sequence: the number of responses at which it is tightest. */
  readonly tuning: number;
  /** Power at which the minimum detectable difference is reported. */
  readonly power: number;
}

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = {
  alpha: 0.05,
  marginPoints: 5,
  ciMethod: "adjusted-wald",
  seed: 20180101,
  draws: 200_000,
  period: "month",
  weights: "mantel-haenszel",
  stratify: "none",
  phases: [],
  adjust: "holm",
  minSegmentN: 30,
  sequential: false,
  tuning: 5000,
  power: 0.8,
};
