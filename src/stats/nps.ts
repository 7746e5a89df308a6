/**
 * Net Promoter Score of one variant, from its category counts. Scores 0-6 are detractors, 7-8 passives,
 * 9-10 promoters (Reichheld 2003, "The One Number You Need to Grow", Harvard Business Review).
 */
import type { CategoryCounts } from "./types.js";

/** Number of possible scores on the 0-10 likelihood-to-recommend scale. */
export const SCORE_BINS = 11;

function requireCount(value: number, what: string): void {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${what} must be a finite count >= 0, got ${value}`);
}

/**
 * Collapses an 11-bin histogram (histogram[score] = respondents with that score, 0..10) into categories.
 *
 * @example categoryCounts([1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 3]) // { detractors: 1, passives: 2, promoters: 3 }
 */
export function categoryCounts(histogram: readonly number[]): CategoryCounts {
  if (histogram.length !== SCORE_BINS) throw new RangeError(`a score histogram has ${SCORE_BINS} bins (0..10), got ${histogram.length}`);
  histogram.forEach((count, score) => requireCount(count, `count of score ${score}`));
  const sum = (from: number, to: number): number => histogram.slice(from, to + 1).reduce((total, count) => total + count, 0);
  return { detractors: sum(0, 6), passives: sum(7, 8), promoters: sum(9, 10) };
}

/**
 * Number of respondents n = detractors + passives + promoters.
 *
 * @example sampleSize({ detractors: 1, passives: 2, promoters: 3 }) // 6
 */
export function sampleSize(counts: CategoryCounts): number {
  requireCount(counts.detractors, "detractors");
  requireCount(counts.passives, "passives");
  requireCount(counts.promoters, "promoters");
  return counts.detractors + counts.passives + counts.promoters;
}

/** Shares P = promoters / n and D = detractors / n; n must be > 0 (a programmer error otherwise). */
export function categoryShares(counts: CategoryCounts): { n: number; promoterShare: number; detractorShare: number } {
  const n = sampleSize(counts);
  if (!(n > 0)) throw new RangeError("NPS of an empty sample: the caller must check n > 0");
  return { n, promoterShare: counts.promoters / n, detractorShare: counts.detractors / n };
}

/**
 * Net Promoter Score in points: NPS = 100 (P - D), P and D the promoter and detractor shares. Range -100..100.
 * The caller guarantees n > 0.
 *
 * @example npsPoints({ detractors: 1, passives: 2, promoters: 3 }) // 33.333333333333336
 */
export function npsPoints(counts: CategoryCounts): number {
  const { promoterShare, detractorShare } = categoryShares(counts);
  return 100 * (promoterShare - detractorShare);
}

/**
 * Per-respondent variance of the NPS on the shares scale: v = P + D - (P - D)^2.
 *
 * Each respondent contributes +1 (promoter), 0 (passive) or -1 (detractor); NPS/100 is the mean of these,
 * whose variance is E[X^2] - E[X]^2 = (P + D) - (P - D)^2 (multinomial sampling; Rocks 2016, "Interval
 * Estimation for the 'Net Promoter Score'", The American Statistician 70(4), and the R package NPS).
 *
 * @example perRespondentVariance({ detractors: 1, passives: 2, promoters: 3 }) // 0.5555555555555555
 */
export function perRespondentVariance(counts: CategoryCounts): number {
  const { promoterShare, detractorShare } = categoryShares(counts);
  const nps = promoterShare - detractorShare;
  // max(0, .): rounding can leave -1e-17 when every respondent is in one category.
  return Math.max(0, promoterShare + detractorShare - nps * nps);
}

/**
 * Sampling variance of the NPS estimate, in points^2: Var(NPS) = 100^2 v / n (Rocks 2016).
 *
 * @example npsVariance({ detractors: 1, passives: 2, promoters: 3 }) // 925.9259259259258
 */
export function npsVariance(counts: CategoryCounts): number {
  return (1e4 * perRespondentVariance(counts)) / sampleSize(counts);
}
