/**
 * Pearson's chi-square test of homogeneity on the 2 x 3 table variant x (detractor, passive, promoter).
 */
import { chiSquareSurvival } from "../distributions.js";
import type { CategoryCounts, Degenerate } from "../types.js";

const CATEGORIES = ["detractors", "passives", "promoters"] as const;

/**
 * Pearson's chi-square test that both variants share one distribution over the three categories
 * (Pearson 1900; Agresti, "Categorical Data Analysis", 3rd ed., 2013, section 3.2):
 *   X^2 = sum over cells (O - E)^2 / E,  E = row total x column total / n,  df = (columns - 1),
 * without continuity correction, after dropping categories empty in both variants (as R's
 * `chisq.test(correct = FALSE)` on the reduced table). It tests the whole distribution, so it can reject when
 * the NPS is equal but passives moved. Fewer than two non-empty categories -> `single-category`; an empty
 * variant -> `empty-sample`.
 *
 * @example chiSquareTest({ detractors: 77, passives: 96, promoters: 227 }, { detractors: 69, passives: 112, promoters: 319 })
 * // { statistic: 6.135593858196602, df: 2, pValue: 0.046523536688728266 }
 */
export function chiSquareTest(
  control: CategoryCounts,
  treatment: CategoryCounts,
): { statistic: number; df: number; pValue: number } | (Degenerate & { df: null }) {
  const columns = CATEGORIES.filter((category) => control[category] + treatment[category] > 0);
  const rows = [control, treatment].map((counts) => columns.map((category) => counts[category]));
  const rowTotals = rows.map((row) => row.reduce((total, count) => total + count, 0));
  if (rowTotals.some((total) => !(total > 0))) return { statistic: null, pValue: null, reason: "empty-sample", df: null };
  if (columns.length < 2) return { statistic: null, pValue: null, reason: "single-category", df: null };
  const total = rowTotals.reduce((sum, rowTotal) => sum + rowTotal, 0);
  let statistic = 0;
  columns.forEach((_, column) => {
    const columnTotal = rows.reduce((sum, row) => sum + row[column]!, 0);
    rows.forEach((row, rowIndex) => {
      const expected = (rowTotals[rowIndex]! * columnTotal) / total;
      statistic += (row[column]! - expected) ** 2 / expected;
    });
  });
  const df = columns.length - 1;
  return { statistic, df, pValue: chiSquareSurvival(statistic, df) };
}
