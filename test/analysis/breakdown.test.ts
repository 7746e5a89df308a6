/** The breakdowns' counts per group of cells (histogramsByGroup, countsIn) against countsWhere over the same cells. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countsIn, countsWhere, histogramsByGroup } from "../../src/analysis/breakdown.js";
import { addResponses, emptyTally, type TallyCell } from "../../src/tally/tally.js";

const response = fc.record({
  variant: fc.constantFrom("old", "new", "other"),
  day: fc.constantFrom(null, "2023-01-31", "2023-02-01", "2023-02-28", "2024-02-29"),
  segment: fc.constantFrom(null, "New", "Lapsed", "At Risk"),
  score: fc.nat({ max: 10 }),
  count: fc.integer({ min: 1, max: 5 }),
});

describe("counts per group of cells", () => {
  it("are what countsWhere counts over the cells of those groups, for any grouping and any groups", () => {
    const grouping = fc.constantFrom<(cell: TallyCell) => string | null>(
      (cell) => cell.segment,
      (cell) => (cell.day === null ? null : cell.day.slice(0, 7)),
      (cell) => cell.day,
      () => "all",
    );
    fc.assert(
      fc.property(fc.array(response, { maxLength: 60 }), grouping, fc.subarray(["New", "Lapsed", "At Risk", "2023-01", "2023-02", "2024-02", "2023-02-01", "all", "none"]), fc.constantFrom("old", "new"), (responses, groupOf, groups, variant) => {
        const tally = emptyTally();
        for (const { variant: name, day, segment, score, count } of responses) addResponses(tally, name, day, segment, score, count);
        const chosen = new Set(groups);
        const expected = countsWhere(tally, variant, (cell) => {
          const group = groupOf(cell);
          return group !== null && chosen.has(group);
        });
        expect(countsIn(histogramsByGroup(tally, variant, groupOf), chosen)).toEqual(expected);
      }),
      { seed: 1202, numRuns: 300 },
    );
  });
});
