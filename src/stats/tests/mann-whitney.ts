/**
 * Mann-Whitney U (Wilcoxon rank-sum) test on the raw 0-10 scores, computed exactly from two histograms.
 */
import { normalCdf } from "../distributions.js";
import { SCORE_BINS } from "../nps.js";
import type { TestOutcome } from "../types.js";

function requireHistogram(histogram: readonly number[], what: string): void {
  if (histogram.length !== SCORE_BINS) throw new RangeError(`${what} histogram must have ${SCORE_BINS} bins, got ${histogram.length}`);
  if (!histogram.every((count) => Number.isFinite(count) && count >= 0)) throw new RangeError(`${what} histogram has an invalid count`);
}

/**
 * Mann-Whitney U test (Mann & Whitney 1947; Wilcoxon 1945), two-sided, normal approximation with tie and
 * continuity corrections, exactly as R's `wilcox.test(treatmentScores, controlScores, exact = FALSE,
 * correct = TRUE)` (Hollander, Wolfe & Chicken, "Nonparametric Statistical Methods", 3rd ed., 2014,
 * chapter 4, for the tie correction). With all scores of a bin tied, their mid-rank is
 * (responses in lower bins) + (responses in the bin + 1)/2, so everything is exact from the histograms:
 *   W = U_treatment = sum over bins of treatment_k midrank_k - n_B (n_B + 1)/2,
 *   z = (W - n_A n_B / 2 - sign(.) / 2) / sqrt(n_A n_B / 12 (N + 1 - sum(t^3 - t) / (N (N - 1)))),
 *   p = 2 min(Phi(z), 1 - Phi(z)), t the bin totals, N = n_A + n_B.
 * The statistic is W (large: treatment scores higher). Tests the location of the whole score distribution,
 * not the NPS. An empty variant -> `empty-sample`; every response with one score (zero variance) ->
 * `zero-standard-error` (R returns NaN there).
 *
 * @example mannWhitneyTest([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2])
 * // { statistic: 13.5, pValue: 0.4448330086365214 }
 */
export function mannWhitneyTest(controlHistogram: readonly number[], treatmentHistogram: readonly number[]): TestOutcome {
  requireHistogram(controlHistogram, "control");
  requireHistogram(treatmentHistogram, "treatment");
  const controlSize = controlHistogram.reduce((total, count) => total + count, 0);
  const treatmentSize = treatmentHistogram.reduce((total, count) => total + count, 0);
  if (controlSize === 0 || treatmentSize === 0) return { statistic: null, pValue: null, reason: "empty-sample" };
  const total = controlSize + treatmentSize;
  let below = 0;
  let treatmentRankSum = 0;
  let tieTerm = 0;
  for (let score = 0; score < SCORE_BINS; score++) {
    const tied = controlHistogram[score]! + treatmentHistogram[score]!;
    treatmentRankSum += treatmentHistogram[score]! * (below + (tied + 1) / 2);
    tieTerm += tied * tied * tied - tied;
    below += tied;
  }
  const statistic = treatmentRankSum - (treatmentSize * (treatmentSize + 1)) / 2;
  const variance = ((controlSize * treatmentSize) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (!(variance > 0)) return { statistic: null, pValue: null, reason: "zero-standard-error" };
  const centred = statistic - (controlSize * treatmentSize) / 2;
  const z = (centred - Math.sign(centred) * 0.5) / Math.sqrt(variance);
  return { statistic, pValue: 2 * Math.min(normalCdf(z), normalCdf(-z)) };
}
