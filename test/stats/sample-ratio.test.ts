import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sampleRatioTest } from "../../src/stats/sample-ratio.js";
import { expectRelative } from "./close.js";

/** Written by test/reference/issue4-generate.py: R chisq.test(x, p =, rescale.p = TRUE), checked against SciPy. */
interface SampleRatioCase {
  name: string;
  observed: number[];
  expectedShares: number[];
  statistic: number;
  df: number;
  pValue: number;
}
const reference = JSON.parse(readFileSync(new URL("../reference/issue4-cases.json", import.meta.url), "utf8")) as {
  sampleRatio: SampleRatioCase[];
};

// The statistic is a closed form and the p-value a regularized gamma: 1e-9 relative to R (expectRelative's default).

describe("sampleRatioTest against R chisq.test", () => {
  it.each(reference.sampleRatio.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const result = sampleRatioTest(c.observed, c.expectedShares);
    expect(result.df, `${c.name}: df`).toBe(c.df);
    expectRelative(result.statistic, c.statistic, `${c.name}: statistic`);
    expectRelative(result.pValue, c.pValue, `${c.name}: p-value`);
  });
});

describe("doc-comment example", () => {
  it("sampleRatioTest([5100, 4900], [50, 50])", () => {
    expect(sampleRatioTest([5100, 4900], [50, 50])).toStrictEqual({ statistic: 4, df: 1, pValue: 0.045500263896358355 });
  });
});

describe("behaviour", () => {
  it("shares are normalised: [50, 50], [1, 1] and [0.5, 0.5] give the same test", () => {
    const reference5050 = sampleRatioTest([530, 470], [50, 50]);
    expect(sampleRatioTest([530, 470], [1, 1])).toStrictEqual(reference5050);
    expect(sampleRatioTest([530, 470], [0.5, 0.5])).toStrictEqual(reference5050);
  });
  it("a perfect split has statistic 0 and p-value 1", () => {
    expect(sampleRatioTest([600, 400], [0.6, 0.4])).toStrictEqual({ statistic: 0, df: 1, pValue: 1 });
  });
  it("the order of the groups does not matter", () => {
    expect(sampleRatioTest([10, 20, 30], [1, 2, 2])).toStrictEqual(sampleRatioTest([30, 10, 20], [2, 1, 2]));
  });
});

describe("degenerate input is a reason, not NaN", () => {
  it.each([
    ["nobody observed", [0, 0], [1, 1], "empty-sample"],
    ["one group", [40], [1], "too-few-groups"],
    ["no groups", [], [], "too-few-groups"],
    ["a planned share of 0", [40, 3], [1, 0], "zero-expected-share"],
  ] as const)("%s", (_, observed, shares, reason) => {
    expect(sampleRatioTest(observed, shares)).toStrictEqual({ statistic: null, df: null, pValue: null, reason });
  });
});

describe("programmer errors throw", () => {
  it.each([
    ["lengths differ", [1, 2], [1]],
    ["negative count", [-1, 2], [1, 1]],
    ["NaN share", [1, 2], [Number.NaN, 1]],
    ["all shares 0", [1, 2], [0, 0]],
  ] as const)("%s", (_, observed, shares) => {
    expect(() => sampleRatioTest(observed, shares)).toThrow(RangeError);
  });
});
