import { describe, expect, it } from "vitest";
import { decideVerdict } from "../../src/analysis/verdict.js";

describe("decideVerdict", () => {
  it.each([
    [{ low: -1, high: 1 }, true, "equivalent"],
    // Significant but inside the margin reads as equivalent (significance is reported separately).
    [{ low: 0.5, high: 2 }, true, "equivalent"],
    [{ low: 0.5, high: 12 }, false, "improved"],
    [{ low: -12, high: -0.5 }, false, "worsened"],
    [{ low: -3, high: 9 }, false, "inconclusive"],
    [{ low: 0, high: 9 }, false, "inconclusive"],
    // No sampling variance, so no interval: nothing can be concluded.
    [null, false, "inconclusive"],
  ] as const)("interval %j, TOST %s -> %s", (ci, equivalent, verdict) => {
    expect(decideVerdict({ ci, equivalent })).toBe(verdict);
  });
});
