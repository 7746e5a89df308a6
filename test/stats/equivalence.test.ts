import { describe, expect, it } from "vitest";
import { npsDifference } from "../../src/stats/difference.js";
import { tost } from "../../src/stats/equivalence.js";
import { waldDifferenceInterval } from "../../src/stats/intervals/wald.js";
import { categoryCounts } from "../../src/stats/nps.js";
import { expectNear } from "./close.js";
import { EXTRA, SHARED_CASES } from "./reference.js";

/** The verdict rule of DESIGN.md, from the stats results (the analysis module owns the real one). */
function verdictOf(equivalent: boolean, waldLow: number, waldHigh: number): string {
  if (equivalent) return "equivalent";
  if (waldLow > 0) return "improved";
  if (waldHigh < 0) return "worsened";
  return "inconclusive";
}

describe("TOST against the shared reference cases", () => {
  it.each(SHARED_CASES.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const control = categoryCounts(c.scoresA);
    const treatment = categoryCounts(c.scoresB);
    const { difference, se } = npsDifference(control, treatment);
    const result = tost(difference, se, c.margin, c.alpha);
    if (result.pValue === null) throw new Error(`${name}: unexpected degenerate TOST`);
    expectNear(result.pValue, c.tost.pValue, `${name} TOST p-value`, 0);
    expectNear(result.ci.low, c.tost.ci90[0], `${name} TOST ci low`);
    expectNear(result.ci.high, c.tost.ci90[1], `${name} TOST ci high`);
    const wald = waldDifferenceInterval(control, treatment, c.alpha);
    expect(verdictOf(result.equivalent, wald.low, wald.high)).toBe(c.verdict);
  });
});

describe("TOST against the extra cases (margins 3, 5, 10; alpha 0.05 and 0.1)", () => {
  it.each(EXTRA.cases.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const result = tost(c.difference, c.se, c.margin, c.alpha);
    if (c.tost === null) {
      expect(result).toEqual({ pValue: null, ci: null, equivalent: false, reason: "zero-standard-error" });
      return;
    }
    if (result.pValue === null) throw new Error(`${name}: unexpected degenerate TOST`);
    expectNear(result.pValue, c.tost.pValue, `${name} TOST p-value`, 0);
    expectNear(result.ci.low, c.tost.ci[0], `${name} TOST ci low`);
    expectNear(result.ci.high, c.tost.ci[1], `${name} TOST ci high`);
    expect(result.equivalent).toBe(c.tost.equivalent);
  });
});

describe("TOST decision", () => {
  it("equivalent exactly when p < alpha", () => {
    for (const difference of [-6, -4.9, -2, 0, 1.5, 3.1, 4.99, 7]) {
      for (const se of [0.5, 1, 2, 4]) {
        const result = tost(difference, se, 5, 0.05);
        if (result.pValue === null) throw new Error("unexpected degenerate TOST");
        expect(result.equivalent).toBe(result.pValue < 0.05);
      }
    }
  });
  it("SE 0 is degenerate with a reason; bad arguments throw", () => {
    expect(tost(0, 0, 5, 0.05)).toEqual({ pValue: null, ci: null, equivalent: false, reason: "zero-standard-error" });
    expect(() => tost(0, 1, 0, 0.05)).toThrow(RangeError);
    expect(() => tost(0, 1, 5, 0.5)).toThrow(RangeError);
    expect(() => tost(Number.NaN, 1, 5, 0.05)).toThrow(RangeError);
  });
});
