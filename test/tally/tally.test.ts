import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addResponses, cellFor, declareVariant, dropRow, emptyTally, mergeInto, moveInto, totalDropped, variantHistogram, type Tally } from "../../src/tally/tally.js";

function tallyOf(rows: Array<[string, string | null, number]>, dropped: number): Tally {
  const tally = emptyTally();
  for (const [variant, day, score] of rows) {
    tally.accounting.rowsRead += 1;
    addResponses(tally, variant, day, null, score);
  }
  for (let index = 0; index < dropped; index += 1) {
    tally.accounting.rowsRead += 1;
    dropRow(tally, "invalid-score");
  }
  return tally;
}

describe("Tally", () => {
  it("merging two partial tallies equals tallying the union of their rows", () => {
    const first: Array<[string, string | null, number]> = [["a", "2018-01-01", 9], ["b", "2018-01-02", 3], ["a", "2018-01-01", 10]];
    const second: Array<[string, string | null, number]> = [["b", "2018-01-02", 3], ["a", "2018-02-01", 0]];
    const merged = mergeInto(tallyOf(first, 1), tallyOf(second, 2));
    const union = tallyOf([...first, ...second], 3);
    expect(merged.accounting).toEqual(union.accounting);
    expect([...merged.cells.entries()].sort()).toEqual([...union.cells.entries()].sort());
    expect(merged.variantOrder).toEqual(["a", "b"]);
  });

  it("merges (and moves) as adding each cell's counts score by score would: the same cells, in the same order, none for a cell of zeros", () => {
    const cell = fc.record({ variant: fc.constantFrom("a", "b", "c"), day: fc.constantFrom(null, "2018-01-01", "2018-01-02"), segment: fc.constantFrom(null, "New"), counts: fc.oneof(fc.constant(new Array<number>(11).fill(0)), fc.array(fc.constantFrom(0, 0, 1, 7), { minLength: 11, maxLength: 11 })) });
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 12 }), fc.array(cell, { maxLength: 12 }), (before, cells) => {
        const source = emptyTally();
        for (const { variant, day, segment, counts } of cells) {
          const into = cellFor(source, variant, day, segment);
          counts.forEach((count, score) => (into.counts[score] = (into.counts[score] as number) + count));
        }
        const [target, expected] = [emptyTally(), emptyTally()];
        for (const tally of [target, expected]) for (const { variant, day, segment, counts } of before) counts.forEach((count, score) => addResponses(tally, variant, day, segment, score, count));
        mergeInto(target, source);
        // The source's variants first, in its order (a variant whose cells are all zeros keeps its place).
        for (const variant of source.variantOrder) declareVariant(expected, variant);
        for (const { variant, day, segment, counts } of source.cells.values()) counts.forEach((count, score) => count > 0 && addResponses(expected, variant, day, segment, score, count));
        expect([...target.cells.entries()]).toEqual([...expected.cells.entries()]);
        expect(target.accounting).toEqual(expected.accounting);
        expect(target.variantOrder).toEqual(expected.variantOrder);
        // Moving the source's cells gives the same, and leaves the source without cells.
        const moved = emptyTally();
        for (const { variant, day, segment, counts } of before) counts.forEach((count, score) => addResponses(moved, variant, day, segment, score, count));
        moveInto(moved, source);
        expect(source.cells.size).toBe(0);
        expect([...moved.cells.entries()]).toEqual([...expected.cells.entries()]);
        expect(moved.accounting).toEqual(expected.accounting);
        expect(moved.variantOrder).toEqual(expected.variantOrder);
      }),
      { seed: 1202, numRuns: 200 },
    );
  });

  it("keeps rows read = rows used + rows dropped", () => {
    const tally = tallyOf([["a", null, 9], ["a", null, 5]], 4);
    expect(tally.accounting.rowsRead).toBe(tally.accounting.rowsUsed + totalDropped(tally.accounting));
  });

  it("sums a variant's histogram over its cells", () => {
    const tally = tallyOf([["a", "2018-01-01", 9], ["a", "2018-02-01", 9], ["b", "2018-01-01", 9]], 0);
    expect(variantHistogram(tally, "a")).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0]);
    expect(variantHistogram(tally, "a", (cell) => cell.day === "2018-02-01")[9]).toBe(1);
  });
});
