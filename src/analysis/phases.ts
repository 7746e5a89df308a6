/**
 * Phases of a gradual rebrand (`--phase 2018-06-01=logo`, each starting on its day and running to the day
 * before the next) and the baseline comparison (`--baseline-until`): the difference-in-differences between
 * a pre-period in which both sites still carried the old brand and the period after.
 */
import { differenceInDifferences } from "../stats/difference-in-differences.js";
import type { CiMethod, Interval } from "../stats/types.js";
import type { Tally } from "../tally/tally.js";
import { countsWhere, sliceDifference, sliceVariant, type SliceVariant } from "./breakdown.js";

export interface PhaseStart {
  readonly from: string;
  readonly name: string;
}

export interface PhaseSummary {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly variants: readonly [SliceVariant, SliceVariant];
  readonly difference: number | null;
  readonly ci: Interval | null;
}

export interface BaselineSummary {
  readonly until: string;
  readonly preDifference: number | null;
  readonly postDifference: number | null;
  readonly differenceInDifferences: number | null;
  readonly se: number | null;
  readonly ci: Interval | null;
  readonly pValue: number | null;
  readonly reason?: string;
}

/** The day before `day` (`YYYY-MM-DD`). */
function previousDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return new Date(date.getTime() - 86_400_000).toISOString().slice(0, 10);
}

function dayRange(tally: Tally): { first: string; last: string } | null {
  let first: string | null = null;
  let last: string | null = null;
  for (const { day } of tally.cells.values()) {
    if (day === null) continue;
    if (first === null || day < first) first = day;
    if (last === null || day > last) last = day;
  }
  return first === null || last === null ? null : { first, last };
}

export function buildPhases(
  tally: Tally,
  [control, treatment]: readonly [string, string],
  starts: readonly PhaseStart[],
  window: { readonly from?: string | undefined; readonly to?: string | undefined },
  options: { readonly ciMethod: CiMethod; readonly alpha: number },
): PhaseSummary[] {
  const range = dayRange(tally);
  if (starts.length === 0 || range === null) return [];
  const sorted = [...starts].sort((a, b) => a.from.localeCompare(b.from));
  const windowStart = window.from ?? range.first;
  const windowEnd = window.to ?? range.last;
  const bounds: Array<{ name: string; from: string }> = [];
  const firstStart = sorted[0];
  if (firstStart !== undefined && windowStart < firstStart.from) bounds.push({ name: `before ${firstStart.name}`, from: windowStart });
  bounds.push(...sorted);
  return bounds.map((phase, index) => {
    const next = bounds[index + 1];
    const to = next === undefined ? windowEnd : previousDay(next.from);
    const inPhase = (cell: { day: string | null }): boolean => cell.day !== null && cell.day >= phase.from && cell.day <= to;
    const a = countsWhere(tally, control, inPhase);
    const b = countsWhere(tally, treatment, inPhase);
    const difference = sliceDifference(a, b, options.ciMethod, options.alpha);
    return {
      name: phase.name,
      from: phase.from,
      to,
      variants: [sliceVariant(control, a, options.ciMethod, options.alpha), sliceVariant(treatment, b, options.ciMethod, options.alpha)],
      difference: difference.estimate,
      ci: difference.ci,
    };
  });
}

export function buildBaseline(tally: Tally, [control, treatment]: readonly [string, string], until: string, alpha: number): BaselineSummary {
  const pre = (cell: { day: string | null }): boolean => cell.day !== null && cell.day <= until;
  const post = (cell: { day: string | null }): boolean => cell.day !== null && cell.day > until;
  const result = differenceInDifferences(
    { control: countsWhere(tally, control, pre), treatment: countsWhere(tally, treatment, pre) },
    { control: countsWhere(tally, control, post), treatment: countsWhere(tally, treatment, post) },
    alpha,
  );
  if (result.differenceInDifferences === null) {
    return {
      until,
      preDifference: result.preDifference,
      postDifference: result.postDifference,
      differenceInDifferences: null,
      se: null,
      ci: null,
      pValue: null,
      reason: result.reason,
    };
  }
  return {
    until,
    preDifference: result.preDifference,
    postDifference: result.postDifference,
    differenceInDifferences: result.differenceInDifferences,
    se: result.se,
    ci: result.ci,
    pValue: result.pValue,
  };
}
