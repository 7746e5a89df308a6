/**
 * Season-adjusted comparison: the overall difference stratified by calendar month (so months in which the two
 * sites' volumes differ do not mix seasons), and the trend of the monthly difference (is the gap widening as
 * the rebrand progresses?).
 */
import { stratifiedDifference, type StratumCounts, type StratumWeighting } from "../stats/stratified.js";
import { differenceTrend } from "../stats/trend.js";
import type { Interval } from "../stats/types.js";
import type { Tally } from "../tally/tally.js";
import { countsIn, histogramsByGroup } from "./breakdown.js";
import { monthsBetween, periodOf } from "./periods.js";
import { periodsIn, type TimelineEntry } from "./timeline.js";

export interface StratifiedSummary {
  readonly by: "month";
  /** The weighting scheme (`--weights`). */
  readonly weights: StratumWeighting;
  readonly difference: number | null;
  readonly se: number | null;
  readonly ci: Interval | null;
  readonly pValue: number | null;
  /** Normalised weight of each month, keyed by month. */
  readonly stratumWeights: Record<string, number>;
  readonly reason?: string;
}

export interface TrendSummary {
  /** Slope of the monthly difference, in NPS points per month. */
  readonly slopePerMonth: number | null;
  readonly se: number | null;
  readonly ci: Interval | null;
  readonly pValue: number | null;
  /** Months that entered the fit (months with a difference of zero variance carry no weight and are left out). */
  readonly months: number;
  readonly reason?: string;
}

export function monthlyStrata(tally: Tally, [control, treatment]: readonly [string, string]): { months: string[]; strata: StratumCounts[] } {
  const months = periodsIn(tally, "month");
  const monthOf = (cell: { day: string | null }): string | null => (cell.day === null ? null : periodOf(cell.day, "month"));
  const [controlMonths, treatmentMonths] = [histogramsByGroup(tally, control, monthOf), histogramsByGroup(tally, treatment, monthOf)];
  const strata = months.map((month) => ({ control: countsIn(controlMonths, [month]), treatment: countsIn(treatmentMonths, [month]) }));
  return { months, strata };
}

export function stratifyByMonth(
  tally: Tally,
  variants: readonly [string, string],
  weighting: StratumWeighting,
  alpha: number,
): StratifiedSummary | null {
  const { months, strata } = monthlyStrata(tally, variants);
  if (months.length === 0) return null;
  const result = stratifiedDifference(strata, weighting, alpha);
  const stratumWeights = Object.fromEntries(months.map((month, index) => [month, result.weights[index] ?? 0]));
  if (result.difference === null) {
    return { by: "month", weights: weighting, difference: null, se: null, ci: null, pValue: null, stratumWeights, reason: result.reason };
  }
  return { by: "month", weights: weighting, difference: result.difference, se: result.se, ci: result.ci, pValue: result.pValue, stratumWeights };
}

/** The trend needs the monthly timeline (differences and their Wald standard errors). */
export function monthlyTrend(monthly: readonly TimelineEntry[], alpha: number): TrendSummary | null {
  const first = monthly[0];
  if (first === undefined) return null;
  const points = monthly.flatMap((entry) =>
    entry.difference.estimate === null || entry.difference.se === null
      ? []
      : [{ time: monthsBetween(first.period, entry.period), difference: entry.difference.estimate, variance: entry.difference.se ** 2 }],
  );
  const result = differenceTrend(points, alpha);
  if (result.slopePerUnit === null) {
    return { slopePerMonth: null, se: null, ci: null, pValue: null, months: result.usedPoints, reason: result.reason };
  }
  return { slopePerMonth: result.slopePerUnit, se: result.se, ci: result.ci, pValue: result.pValue, months: result.usedPoints };
}
