/**
 * Sample ratio mismatch: do the response counts match the planned split? A mismatch (p < 0.001, the
 * conventional threshold of Fabijan et al. 2019, "Diagnosing Sample Ratio Mismatch in Online Controlled
 * Experiments", KDD) means responses reach the two sites unevenly, which can bias any comparison.
 */
import { sampleRatioTest } from "../stats/sample-ratio.js";
import type { TimelineEntry } from "./timeline.js";

export const SRM_THRESHOLD = 0.001;

export interface SrmResult {
  readonly expected: readonly number[];
  readonly observed: readonly number[];
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly mismatch: boolean;
  /** Why there is no test (e.g. no responses in that period). */
  readonly reason?: string;
}

export interface SrmCheck extends SrmResult {
  readonly byPeriod: ReadonlyArray<SrmResult & { readonly period: string }>;
}

function check(observed: readonly number[], expectedShares: readonly number[]): SrmResult {
  const result = sampleRatioTest(observed, expectedShares);
  const total = observed.reduce((sum, n) => sum + n, 0);
  const shareTotal = expectedShares.reduce((sum, share) => sum + share, 0);
  const expected = expectedShares.map((share) => (total * share) / shareTotal);
  return {
    expected,
    observed,
    statistic: result.statistic,
    pValue: result.pValue,
    mismatch: result.pValue !== null && result.pValue < SRM_THRESHOLD,
    ...(result.pValue === null ? { reason: result.reason } : {}),
  };
}

export function sampleRatioCheck(observed: readonly [number, number], expectedShares: readonly [number, number], monthly: readonly TimelineEntry[]): SrmCheck {
  return {
    ...check(observed, expectedShares),
    byPeriod: monthly.map((entry) => ({ period: entry.period, ...check([entry.variants[0].n, entry.variants[1].n], expectedShares) })),
  };
}
