/** src/stats/tests/: the z test, Pearson's chi-square and Mann-Whitney, against SciPy and R. */
import { describe, expect, it } from "vitest";
import { categoryCounts } from "../../src/stats/nps.js";
import { chiSquareTest } from "../../src/stats/tests/chi-square.js";
import { mannWhitneyTest } from "../../src/stats/tests/mann-whitney.js";
import { zTest } from "../../src/stats/tests/z-test.js";
import { expectNear } from "./close.js";
import { EXTRA, SHARED_CASES } from "./reference.js";

describe("shared reference cases (SciPy, checked with R 4.2)", () => {
  it.each(SHARED_CASES.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const control = categoryCounts(c.scoresA);
    const treatment = categoryCounts(c.scoresB);
    const z = zTest(control, treatment);
    expectNear(z.statistic, c.z, `${name} z`);
    expectNear(z.pValue, c.zPValue, `${name} z p-value`, 0);
    const chi = chiSquareTest(control, treatment);
    expectNear(chi.statistic, c.chiSquare.statistic, `${name} chi-square`);
    expect(chi.df).toBe(c.chiSquare.df);
    expectNear(chi.pValue, c.chiSquare.pValue, `${name} chi-square p-value`, 0);
    expectNear(mannWhitneyTest(c.scoresA, c.scoresB).pValue, c.mannWhitney.pValue, `${name} Mann-Whitney p-value`, 0);
  });
});

describe("extra cases (R wilcox.test / chisq.test, confirmed by SciPy)", () => {
  it.each(EXTRA.cases.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const control = categoryCounts(c.scoresA);
    const treatment = categoryCounts(c.scoresB);
    const z = zTest(control, treatment);
    if (c.z === null || c.zPValue === null) {
      expect(z).toEqual({ statistic: null, pValue: null, reason: "zero-standard-error" });
    } else {
      expectNear(z.statistic, c.z, `${name} z`);
      expectNear(z.pValue, c.zPValue, `${name} z p-value`, 0);
    }
    const chi = chiSquareTest(control, treatment);
    if (c.chiSquare.statistic === null || c.chiSquare.pValue === null) {
      expect(chi).toEqual({ statistic: null, pValue: null, df: null, reason: "single-category" });
    } else {
      expectNear(chi.statistic, c.chiSquare.statistic, `${name} chi-square`);
      expect(chi.df).toBe(c.chiSquare.df);
      expectNear(chi.pValue, c.chiSquare.pValue, `${name} chi-square p-value`, 0);
    }
    const mannWhitney = mannWhitneyTest(c.scoresA, c.scoresB);
    if (c.mannWhitney.pValue === null || c.mannWhitney.statistic === null) {
      // R's wilcox.test returns NaN when every response has the same score; we return a reason instead.
      expect(mannWhitney).toEqual({ statistic: null, pValue: null, reason: "zero-standard-error" });
    } else {
      expectNear(mannWhitney.statistic, c.mannWhitney.statistic, `${name} W`);
      expectNear(mannWhitney.pValue, c.mannWhitney.pValue, `${name} Mann-Whitney p-value`, 0);
    }
  });
  it("the degenerate extra cases are the ones the JSON says", () => {
    const byName = new Map(EXTRA.cases.map((c) => [c.name, c]));
    expect(byName.get("all-promoters-both")?.mannWhitney.pValue).toBeNull();
    expect(byName.get("all-promoters-both")?.chiSquare.statistic).toBeNull();
    expect(byName.get("no-passives")?.chiSquare.df).toBe(1);
  });
});

describe("degenerate input is a result with a reason, never NaN", () => {
  const empty = { detractors: 0, passives: 0, promoters: 0 };
  const some = { detractors: 3, passives: 4, promoters: 5 };
  it("z test", () => {
    expect(zTest({ detractors: 0, passives: 0, promoters: 9 }, { detractors: 0, passives: 0, promoters: 4 })).toEqual({ statistic: null, pValue: null, reason: "zero-standard-error" });
    expect(zTest(empty, some)).toEqual({ statistic: null, pValue: null, reason: "empty-sample" });
  });
  it("chi-square", () => {
    expect(chiSquareTest({ detractors: 0, passives: 2, promoters: 0 }, { detractors: 0, passives: 5, promoters: 0 })).toEqual({ statistic: null, pValue: null, df: null, reason: "single-category" });
    expect(chiSquareTest(some, empty)).toEqual({ statistic: null, pValue: null, df: null, reason: "empty-sample" });
  });
  it("Mann-Whitney", () => {
    const zeros = Array.from({ length: 11 }, () => 0);
    const sevens = zeros.map((_, score) => (score === 7 ? 4 : 0));
    expect(mannWhitneyTest(zeros, sevens)).toEqual({ statistic: null, pValue: null, reason: "empty-sample" });
    expect(mannWhitneyTest(sevens, sevens)).toEqual({ statistic: null, pValue: null, reason: "zero-standard-error" });
    expect(() => mannWhitneyTest([1, 2], sevens)).toThrow(RangeError);
  });
  it("Mann-Whitney statistic is the treatment's U: swapping gives n_A n_B - W and the same p-value", () => {
    const control = [5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const treatment = [1, 1, 1, 2, 2, 3, 5, 8, 13, 21, 34];
    const forward = mannWhitneyTest(control, treatment);
    const backward = mannWhitneyTest(treatment, control);
    if (forward.statistic === null || backward.statistic === null) throw new Error("unexpected degenerate result");
    expect(forward.statistic + backward.statistic).toBe(60 * 91);
    expect(backward.pValue).toBeCloseTo(forward.pValue, 15);
  });
});
