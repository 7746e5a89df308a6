import { describe, expect, it } from "vitest";
import { addResponses, dropRow, emptyTally, mergeInto, totalDropped, variantHistogram, type Tally } from "../../src/tally/tally.js";

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
