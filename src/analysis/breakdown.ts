/**
 * Shared pieces of the breakdowns (timeline, phases, segments): category counts of a variant over the cells
 * that match, and the summaries of one slice. Breakdowns show the chosen interval method, except that the
 * Monte Carlo `bayes` method is replaced by `adjusted-wald` there (dozens of slices would each need a
 * million posterior draws); the report names the method used as `breakdownCiMethod`.
 */
import { npsDifference } from "../stats/difference.js";
import { differenceInterval, npsInterval } from "../stats/intervals/index.js";
import { categoryCounts, npsPoints, sampleSize } from "../stats/nps.js";
import { seededRandom } from "../stats/random.js";
import type { CategoryCounts, CiMethod, Interval, MonteCarloOptions } from "../stats/types.js";
import { SCORE_BINS, variantHistogram, type Tally, type TallyCell } from "../tally/tally.js";

export function breakdownMethod(method: CiMethod): Exclude<CiMethod, "bayes"> {
  return method === "bayes" ? "adjusted-wald" : method;
}

// Unused by the closed-form methods, but the interval dispatch takes Monte Carlo options.
const NO_MONTE_CARLO: MonteCarloOptions = { draws: 0, random: seededRandom(0) };

export function countsWhere(tally: Tally, variant: string, include: (cell: TallyCell) => boolean): CategoryCounts {
  return categoryCounts(variantHistogram(tally, variant, include));
}

/**
 * A variant's score histogram per group of cells (`groupOf`: a cell's group, or null to leave it out), in one
 * pass over the cells. countsWhere once per group went over every cell for each group and worked out its group
 * each time: with a timeline, monthly strata and segments, ~30 ms of the 2M-row bench file's ~4,000 cells,
 * and growing with cells x groups on longer exports. Read with countsIn.
 */
export function histogramsByGroup(tally: Tally, variant: string, groupOf: (cell: TallyCell) => string | null): ReadonlyMap<string, readonly number[]> {
  const histograms = new Map<string, number[]>();
  for (const cell of tally.cells.values()) {
    if (cell.variant !== variant) continue;
    const group = groupOf(cell);
    if (group === null) continue;
    let histogram = histograms.get(group);
    if (histogram === undefined) histograms.set(group, (histogram = new Array<number>(SCORE_BINS).fill(0)));
    for (let score = 0; score < SCORE_BINS; score += 1) histogram[score] = (histogram[score] as number) + (cell.counts[score] ?? 0);
  }
  return histograms;
}

/** The category counts of the cells of `groups` (histogramsByGroup): what countsWhere gives for the cells in them. */
export function countsIn(histograms: ReadonlyMap<string, readonly number[]>, groups: Iterable<string>): CategoryCounts {
  const total = new Array<number>(SCORE_BINS).fill(0);
  for (const group of groups) histograms.get(group)?.forEach((count, score) => (total[score] = (total[score] as number) + count));
  return categoryCounts(total);
}

export interface SliceVariant {
  readonly name: string;
  readonly n: number;
  readonly nps: number | null;
  readonly ci: Interval | null;
}

export interface SliceDifference {
  readonly estimate: number | null;
  readonly se: number | null;
  readonly ci: Interval | null;
}

export function sliceVariant(name: string, counts: CategoryCounts, method: CiMethod, alpha: number): SliceVariant {
  const n = sampleSize(counts);
  if (n === 0) return { name, n, nps: null, ci: null };
  return { name, n, nps: npsPoints(counts), ci: npsInterval(breakdownMethod(method), counts, alpha, NO_MONTE_CARLO) };
}

export function sliceDifference(control: CategoryCounts, treatment: CategoryCounts, method: CiMethod, alpha: number): SliceDifference {
  if (sampleSize(control) === 0 || sampleSize(treatment) === 0) return { estimate: null, se: null, ci: null };
  const { difference, se } = npsDifference(control, treatment);
  return { estimate: difference, se, ci: differenceInterval(breakdownMethod(method), control, treatment, alpha, NO_MONTE_CARLO) };
}
