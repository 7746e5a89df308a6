import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantile } from "../../src/stats/quantile.js";

/** Hyndman-Fan type 7 by sorting: the definition, to check the quickselect against. */
function sortedType7(values: readonly number[], probability: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

describe("quantile (quickselect, Hyndman-Fan type 7)", () => {
  it("matches R / NumPy defaults on small examples", () => {
    // R: quantile(c(4, 1, 3, 2), c(0, 0.25, 0.5, 1)) -> 1 1.75 2.5 4
    expect(quantile(Float64Array.of(4, 1, 3, 2), 0)).toBe(1);
    expect(quantile(Float64Array.of(4, 1, 3, 2), 0.25)).toBe(1.75);
    expect(quantile(Float64Array.of(4, 1, 3, 2), 0.5)).toBe(2.5);
    expect(quantile(Float64Array.of(4, 1, 3, 2), 1)).toBe(4);
    expect(quantile(Float64Array.of(7), 0.3)).toBe(7);
  });
  it("equals the sort-based definition for any data, ties included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, probability) => {
          // `+ 0` equates -0 and +0 (fc.double draws -0; either of two tied zeros may be the order statistic).
          expect(quantile(Float64Array.from(values), probability) + 0).toBe(sortedType7(values, probability) + 0);
        },
      ),
    );
  });
  it("rejects no values or a probability outside [0, 1]", () => {
    expect(() => quantile(new Float64Array(0), 0.5)).toThrow(RangeError);
    expect(() => quantile(Float64Array.of(1), 1.5)).toThrow(RangeError);
  });
});
