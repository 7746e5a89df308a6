import { describe, expect, it } from "vitest";
import {
  chiSquareSurvival,
  logGamma,
  normalCdf,
  normalQuantile,
  twoSidedCriticalValue,
  twoSidedNormalPValue,
  upperRegularizedGamma,
} from "../../src/stats/distributions.js";
import { expectClose } from "./close.js";
import { EXTRA } from "./reference.js";

// SciPy 1.17 references (test/reference/generate.py). These functions are the base of every p-value and
// interval, so they are held to 1e-12 relative (the far tails lose ~1e-13 in exp(-x^2/2) itself), far tighter than the 1e-6 of the statistics built on them.
const TIGHT = { rel: 1e-12 } as const;

describe("against SciPy", () => {
  it.each(EXTRA.distributions.normalCdf)("normalCdf(%d)", (x, expected) => {
    expectClose(normalCdf(x), expected, TIGHT, `normalCdf(${x})`);
  });
  it.each(EXTRA.distributions.normalQuantile)("normalQuantile(%d)", (p, expected) => {
    expectClose(normalQuantile(p), expected, p === 0.5 ? { abs: 0 } : TIGHT, `normalQuantile(${p})`);
  });
  it.each(EXTRA.distributions.twoSidedNormalPValue)("twoSidedNormalPValue(%d)", (z, expected) => {
    expectClose(twoSidedNormalPValue(z), expected, TIGHT, `twoSidedNormalPValue(${z})`);
  });
  it.each(EXTRA.distributions.chiSquareSurvival)("chiSquareSurvival(%d, df %d)", (x, df, expected) => {
    expectClose(chiSquareSurvival(x, df), expected, TIGHT, `chiSquareSurvival(${x}, ${df})`);
  });
});

describe("identities", () => {
  it("Q(1, x) = e^-x, chi-square df 2 survival = e^-x/2, ln Gamma at half-integers", () => {
    for (const x of [0, 0.1, 1, 5, 40, 700]) {
      expectClose(upperRegularizedGamma(1, x), Math.exp(-x), TIGHT, `Q(1, ${x})`);
      expectClose(chiSquareSurvival(2 * x, 2), Math.exp(-x), TIGHT, `chi-square df 2 at ${2 * x}`);
    }
    expectClose(logGamma(0.5), 0.5 * Math.log(Math.PI), TIGHT, "ln Gamma(1/2)");
    expectClose(logGamma(2.5), Math.log(0.75 * Math.sqrt(Math.PI)), TIGHT, "ln Gamma(5/2)");
    expectClose(logGamma(6), Math.log(120), TIGHT, "ln Gamma(6)");
    expectClose(logGamma(1.3), -0.10817480950786029, { rel: 1e-12 }, "ln Gamma(1.3) (jStat)");
  });
  it("normalQuantile inverts normalCdf and is antisymmetric", () => {
    for (const p of [1e-300, 1e-50, 1e-15, 0.01, 0.2, 0.5, 0.7, 0.99]) {
      expectClose(normalCdf(normalQuantile(p)), p, TIGHT, `Phi(Phi^-1(${p}))`);
      if (p >= 0.01) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 12);
    }
  });
  it("critical values for the alphas the CLI accepts", () => {
    expectClose(twoSidedCriticalValue(0.05), 1.959963984540054, TIGHT, "z 0.975");
    expectClose(twoSidedCriticalValue(0.1), 1.6448536269514722, TIGHT, "z 0.95");
  });
  it("p-values never exceed 1 and are symmetric", () => {
    expect(twoSidedNormalPValue(0)).toBe(1);
    expect(twoSidedNormalPValue(-2.5)).toBe(twoSidedNormalPValue(2.5));
  });
});

describe("programmer errors throw", () => {
  it("out-of-domain arguments", () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
    expect(() => twoSidedCriticalValue(0)).toThrow(RangeError);
    expect(() => chiSquareSurvival(-1, 2)).toThrow(RangeError);
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
    expect(() => normalCdf(Number.NaN)).toThrow(RangeError);
  });
});
