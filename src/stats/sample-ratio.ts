/**
 * Sample ratio mismatch (SRM): did the variants receive the share of respondents the design intended?
 * A split far from the planned one (say 50/50 planned, 52/48 observed over 100,000 responses) means the
 * assignment or the response collection is broken, and every comparison built on it is suspect
 * (Fabijan et al. 2019, "Diagnosing Sample Ratio Mismatch in Online Controlled Experiments", KDD '19).
 */
import { chiSquareSurvival } from "./distributions.js";

/** Why there is no SRM test: nobody observed, fewer than two groups, or a group that was planned to get nobody. */
export type SampleRatioReason = "empty-sample" | "too-few-groups" | "zero-expected-share";

export type SampleRatioResult =
  | { readonly statistic: number; readonly df: number; readonly pValue: number }
  | { readonly statistic: null; readonly df: null; readonly pValue: null; readonly reason: SampleRatioReason };

function degenerate(reason: SampleRatioReason): SampleRatioResult {
  return { statistic: null, df: null, pValue: null, reason };
}

/**
 * Pearson's chi-square goodness-of-fit test of observed counts O_i against expected shares s_i
 * (normalised to sum 1, so `[50, 50]` and `[0.5, 0.5]` are the same plan): with N = sum O_i and
 * E_i = N s_i,
 *   X^2 = sum_i (O_i - E_i)^2 / E_i,  df = k - 1,  p = P(chi2_df >= X^2).
 * Assumes each respondent lands in group i independently with probability s_i; the chi-square
 * approximation is good when every E_i is at least about 5 (Pearson 1900; Agresti 2013, Categorical Data
 * Analysis, 3rd ed., sec. 1.5, "Pearson statistic for testing a specified multinomial"). Same as R `chisq.test(x, p = shares, rescale.p = TRUE)` and
 * `scipy.stats.chisquare(x, N * shares)`. A small p (practitioners use 0.001 or lower, since the check runs on
 * every experiment) signals a broken split. Exceptions are for programmer errors only: counts and shares
 * must be finite and non-negative, of equal length, with a positive share total.
 *
 * @example sampleRatioTest([5100, 4900], [50, 50]) // { statistic: 4, df: 1, pValue: 0.045500263896358355 }
 */
export function sampleRatioTest(observed: readonly number[], expectedShares: readonly number[]): SampleRatioResult {
  if (observed.length !== expectedShares.length) {
    throw new RangeError(`observed has ${observed.length} groups but expectedShares has ${expectedShares.length}`);
  }
  [...observed, ...expectedShares].forEach((value) => {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`counts and shares must be finite and >= 0, got ${value}`);
  });
  const shareTotal = expectedShares.reduce((sum, share) => sum + share, 0);
  if (observed.length > 0 && shareTotal <= 0) throw new RangeError("expectedShares must not all be 0");
  if (observed.length < 2) return degenerate("too-few-groups");
  const total = observed.reduce((sum, count) => sum + count, 0);
  if (total === 0) return degenerate("empty-sample");
  // A planned share of 0 has E_i = 0: X^2 is undefined (0/0) or infinite, so no test; it is a design error.
  if (expectedShares.some((share) => share === 0)) return degenerate("zero-expected-share");
  let statistic = 0;
  observed.forEach((count, index) => {
    const expected = (total * expectedShares[index]!) / shareTotal;
    statistic += (count - expected) ** 2 / expected;
  });
  const df = observed.length - 1;
  return { statistic, df, pValue: chiSquareSurvival(statistic, df) };
}
