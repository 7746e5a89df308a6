/**
 * Segments (e.g. the 14 lifecycle stages): per segment each variant's n and NPS, the difference, its z-test
 * p-value, and the p-value adjusted for multiplicity across the segments shown, so that one of 14 groups
 * looking different by chance is not mistaken for a finding. Segments with fewer than `minSegmentN`
 * responses in either variant are pooled into "(other)".
 */
import { adjustPValues, type Adjustment } from "../stats/multiplicity.js";
import { sampleSize } from "../stats/nps.js";
import { zTest } from "../stats/tests/z-test.js";
import type { CategoryCounts, CiMethod } from "../stats/types.js";
import type { Tally } from "../tally/tally.js";
import { countsIn, histogramsByGroup, sliceDifference, sliceVariant, type SliceDifference, type SliceVariant } from "./breakdown.js";

export const OTHER_SEGMENT = "(other)";

export interface SegmentSummary {
  readonly segment: string;
  readonly variants: readonly [SliceVariant, SliceVariant];
  readonly difference: number | null;
  readonly ci: SliceDifference["ci"];
  readonly pValue: number | null;
  readonly adjustedPValue: number | null;
  /** Why there is no p-value (e.g. `zero-standard-error`, `empty-sample`). */
  readonly reason?: string;
  /** Segments pooled into "(other)", for that row only. */
  readonly pooled?: readonly string[];
}

export function segmentNames(tally: Tally): string[] {
  const names = new Set<string>();
  for (const cell of tally.cells.values()) if (cell.segment !== null) names.add(cell.segment);
  return [...names].sort((a, b) => a.localeCompare(b, "en"));
}

export function buildSegments(
  tally: Tally,
  [control, treatment]: readonly [string, string],
  options: { readonly minSegmentN: number; readonly adjust: Adjustment; readonly ciMethod: CiMethod; readonly alpha: number },
): SegmentSummary[] {
  const names = segmentNames(tally);
  if (names.length === 0) return [];
  const segmentOf = (cell: { segment: string | null }): string | null => cell.segment;
  const [controlSegments, treatmentSegments] = [histogramsByGroup(tally, control, segmentOf), histogramsByGroup(tally, treatment, segmentOf)];
  const countsOf = (segments: ReadonlySet<string>): [CategoryCounts, CategoryCounts] => [countsIn(controlSegments, segments), countsIn(treatmentSegments, segments)];
  const large: string[] = [];
  const small: string[] = [];
  for (const name of names) {
    const [a, b] = countsOf(new Set([name]));
    (Math.min(sampleSize(a), sampleSize(b)) >= options.minSegmentN ? large : small).push(name);
  }
  const groups: Array<{ segment: string; members: string[] }> = large.map((name) => ({ segment: name, members: [name] }));
  if (small.length > 0) groups.push({ segment: OTHER_SEGMENT, members: small });

  const rows = groups.map(({ segment, members }) => {
    const [a, b] = countsOf(new Set(members));
    const test = zTest(a, b);
    const difference = sliceDifference(a, b, options.ciMethod, options.alpha);
    return {
      segment,
      members,
      variants: [sliceVariant(control, a, options.ciMethod, options.alpha), sliceVariant(treatment, b, options.ciMethod, options.alpha)] as const,
      difference: difference.estimate,
      ci: difference.ci,
      pValue: test.pValue,
      reason: test.pValue === null ? test.reason : undefined,
    };
  });
  // Adjust across the rows that have a p-value; rows without one (no variance, or an empty arm) stay null.
  const tested = rows.filter((row) => row.pValue !== null);
  const adjusted = adjustPValues(tested.map((row) => row.pValue ?? 1), options.adjust);
  return rows.map((row) => {
    const index = tested.indexOf(row);
    const summary: SegmentSummary = {
      segment: row.segment,
      variants: row.variants,
      difference: row.difference,
      ci: row.ci,
      pValue: row.pValue,
      adjustedPValue: index === -1 ? null : (adjusted[index] ?? null),
      ...(row.reason === undefined ? {} : { reason: row.reason }),
    };
    return row.segment === OTHER_SEGMENT ? { ...summary, pooled: row.members } : summary;
  });
}
