/**
 * The timeline: per calendar period (in the analysis time zone), each variant's n, NPS and interval and the
 * difference with its interval. Seasonality and a gap opening as the rebrand takes shape show here.
 */
import type { CiMethod } from "../stats/types.js";
import type { Tally } from "../tally/tally.js";
import { countsIn, histogramsByGroup, sliceDifference, sliceVariant, type SliceDifference, type SliceVariant } from "./breakdown.js";
import { periodOf, type Period } from "./periods.js";

export interface TimelineEntry {
  readonly period: string;
  readonly variants: readonly [SliceVariant, SliceVariant];
  readonly difference: SliceDifference;
}

/** The distinct periods holding responses, in calendar order (period keys sort as text). */
export function periodsIn(tally: Tally, period: Period): string[] {
  const keys = new Set<string>();
  for (const cell of tally.cells.values()) if (cell.day !== null) keys.add(periodOf(cell.day, period));
  return [...keys].sort();
}

export function buildTimeline(
  tally: Tally,
  [control, treatment]: readonly [string, string],
  period: Period,
  method: CiMethod,
  alpha: number,
): TimelineEntry[] {
  const periodOfCell = (cell: { day: string | null }): string | null => (cell.day === null ? null : periodOf(cell.day, period));
  const [controlPeriods, treatmentPeriods] = [histogramsByGroup(tally, control, periodOfCell), histogramsByGroup(tally, treatment, periodOfCell)];
  return periodsIn(tally, period).map((key) => {
    const controlCounts = countsIn(controlPeriods, [key]);
    const treatmentCounts = countsIn(treatmentPeriods, [key]);
    return {
      period: key,
      variants: [sliceVariant(control, controlCounts, method, alpha), sliceVariant(treatment, treatmentCounts, method, alpha)],
      difference: sliceDifference(controlCounts, treatmentCounts, method, alpha),
    };
  });
}
