/**
 * Multiplicity adjustment of p-values: when several hypotheses are tested at once (the z test, the
 * chi-square test, Mann-Whitney, the monthly trend, each segment...), a raw p-value below alpha somewhere
 * is no longer rare. Both adjustments below return p-values on the raw scale (compare them with alpha as
 * usual) and reproduce R's `p.adjust` exactly, including its floating-point order of operations, so the
 * figures match R to the last bit. Input order is kept.
 */

/** The adjustments offered: Holm's family-wise error control, Benjamini-Hochberg's false discovery rate, or none. */
export const ADJUSTMENTS = ["holm", "bh", "none"] as const;
export type Adjustment = (typeof ADJUSTMENTS)[number];

function checkPValues(pValues: readonly number[]): void {
  pValues.forEach((p, index) => {
    if (!Number.isFinite(p) || p < 0 || p > 1) {
      throw new RangeError(`p-value ${index} must be a number in [0, 1], got ${p}`);
    }
  });
}

/** Indices that sort `pValues` ascending (stable, as R's `order`) or descending. */
function order(pValues: readonly number[], descending: boolean): number[] {
  const indices = pValues.map((_, index) => index);
  return indices.sort((left, right) => {
    const byValue = descending ? pValues[right]! - pValues[left]! : pValues[left]! - pValues[right]!;
    return byValue === 0 ? left - right : byValue;
  });
}

/**
 * Holm's step-down adjustment (Holm 1979, "A simple sequentially rejective multiple test procedure",
 * Scand. J. Statist. 6:65-70). Sort the m p-values ascending, p_(1) <= ... <= p_(m); then
 *   p~_(i) = min(1, max_{j <= i} (m - j + 1) p_(j)).
 * Controls the family-wise error rate at alpha under any dependence between the tests; uniformly more
 * powerful than Bonferroni. Identical to R `p.adjust(p, method = "holm")`.
 *
 * @example holmAdjust([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  checkPValues(pValues);
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  let runningMax = 0;
  order(pValues, false).forEach((index, rank) => {
    // rank is i - 1, so m - i + 1 = m - rank.
    runningMax = Math.max(runningMax, (m - rank) * pValues[index]!);
    adjusted[index] = Math.min(1, runningMax);
  });
  return adjusted;
}

/**
 * Benjamini-Hochberg step-up adjustment (Benjamini & Hochberg 1995, "Controlling the false discovery rate",
 * J. R. Statist. Soc. B 57:289-300, eq. 1). Sort ascending, p_(1) <= ... <= p_(m); then
 *   p~_(i) = min(1, min_{j >= i} (m / j) p_(j)).
 * Controls the expected share of false discoveries among the rejections at alpha for independent or
 * positively dependent tests (Benjamini & Yekutieli 2001). Never larger than Holm's adjustment.
 * Identical to R `p.adjust(p, method = "BH")`.
 *
 * @example benjaminiHochbergAdjust([0.01, 0.04, 0.03]) // [0.03, 0.04, 0.04]
 */
export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  checkPValues(pValues);
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  let runningMin = Infinity;
  order(pValues, true).forEach((index, position) => {
    const rank = m - position; // j, counting from the smallest p-value
    // (m / j) * p, in this order, as R computes `n / i * p[o]`.
    runningMin = Math.min(runningMin, (m / rank) * pValues[index]!);
    adjusted[index] = Math.min(1, runningMin);
  });
  return adjusted;
}

/**
 * Adjusts `pValues` with the named method (`none` returns a copy).
 *
 * @example adjustPValues([0.01, 0.04, 0.03], "none") // [0.01, 0.04, 0.03]
 */
export function adjustPValues(pValues: readonly number[], method: Adjustment): number[] {
  switch (method) {
    case "holm":
      return holmAdjust(pValues);
    case "bh":
      return benjaminiHochbergAdjust(pValues);
    case "none":
      checkPValues(pValues);
      return [...pValues];
  }
}
