import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  minimumDetectableDifference,
  perRespondentVarianceOf,
  powerForDifference,
  sampleSizeForDifference,
  sampleSizeForEquivalence,
  sampleSizeForNonInferiority,
  type SampleSizeResult,
} from "../../src/stats/power.js";
import type { CategoryCounts } from "../../src/stats/types.js";
import { expectRelative } from "./close.js";

/** Written by test/reference/issue6-generate.py (SciPy); the tests only read it. */
interface SampleSizeCase {
  promoterShare: number;
  detractorShare: number;
  points: number;
  alpha: number;
  power: number;
  variance: number;
  superiorityN: number;
  equivalenceN: number;
  nonInferiorityN: number;
}
interface MdeCase {
  control: CategoryCounts;
  treatment: CategoryCounts;
  alpha: number;
  power: number;
  mdePoints: number;
}
const reference = JSON.parse(readFileSync(new URL("../reference/issue6-cases.json", import.meta.url), "utf8")) as {
  sampleSizes: SampleSizeCase[];
  minimumDetectableDifference: MdeCase[];
};

// Closed forms: 1e-9 relative to the reference (expectRelative's default).

/** Fails with the expected value, the actual one, their difference and the tolerance. */

function nOf(result: SampleSizeResult): number | null {
  return result.nPerVariant;
}

const baseline = { promoterShare: 0.5, detractorShare: 0.2 };

describe("perRespondentVarianceOf", () => {
  it("is P + D - (P - D)^2, matching the R package NPS values", () => {
    expect(perRespondentVarianceOf(baseline)).toBe(0.61);
    expectRelative(perRespondentVarianceOf({ promoterShare: 3 / 6, detractorShare: 1 / 6 }), 5 / 9, "(1,2,3)");
    expect(perRespondentVarianceOf({ promoterShare: 0.5, detractorShare: 0.5 })).toBe(1);
    expect(perRespondentVarianceOf({ promoterShare: 1, detractorShare: 0 })).toBe(0);
  });

  it("rejects shares that are not a distribution (a programmer error)", () => {
    expect(() => perRespondentVarianceOf({ promoterShare: 0.7, detractorShare: 0.4 })).toThrow(RangeError);
    expect(() => perRespondentVarianceOf({ promoterShare: -0.1, detractorShare: 0.4 })).toThrow(RangeError);
    expect(() => perRespondentVarianceOf({ promoterShare: Number.NaN, detractorShare: 0.4 })).toThrow(RangeError);
  });
});

describe("sample sizes against SciPy (test/reference/issue6-cases.json)", () => {
  it.each(reference.sampleSizes)("P=$promoterShare D=$detractorShare, $points points, alpha $alpha, power $power", (c) => {
    const shares = { promoterShare: c.promoterShare, detractorShare: c.detractorShare };
    const label = `P=${c.promoterShare} D=${c.detractorShare} ${c.points} pts alpha=${c.alpha} power=${c.power}`;
    const superiority = sampleSizeForDifference(shares, c.points, c.alpha, c.power);
    expectRelative(nOf(superiority), c.superiorityN, `superiority n, ${label}`);
    expectRelative(superiority.variance, c.variance, `variance, ${label}`);
    expectRelative(nOf(sampleSizeForEquivalence(shares, c.points, c.alpha, c.power)), c.equivalenceN, `equivalence n, ${label}`);
    expectRelative(nOf(sampleSizeForNonInferiority(shares, c.points, c.alpha, c.power)), c.nonInferiorityN, `non-inferiority n, ${label}`);
  });

  it.each(reference.sampleSizes)("the power at the superiority n is the target ($power)", (c) => {
    const shares = { promoterShare: c.promoterShare, detractorShare: c.detractorShare };
    const n = nOf(sampleSizeForDifference(shares, c.points, c.alpha, c.power));
    expect(n).not.toBeNull();
    expectRelative(powerForDifference(shares, c.points, c.alpha, n ?? 0).power, c.power, "achieved power");
  });
});

describe("minimum detectable difference against SciPy", () => {
  it.each(reference.minimumDetectableDifference)("alpha $alpha, power $power", (c) => {
    const result = minimumDetectableDifference(c.control, c.treatment, c.alpha, c.power);
    expectRelative(result.mdePoints, c.mdePoints, `MDE for ${JSON.stringify(c.control)} vs ${JSON.stringify(c.treatment)}`);
  });

  it("is the effect whose sample size is the observed n (equal arms with the baseline's mix)", () => {
    const counts = { detractors: 200, passives: 300, promoters: 500 };
    const result = minimumDetectableDifference(counts, counts, 0.05, 0.8);
    const mix = { promoterShare: 0.5, detractorShare: 0.2 };
    expectRelative(nOf(sampleSizeForDifference(mix, result.mdePoints ?? 0, 0.05, 0.8)), 1000, "n at the MDE");
  });
});

describe("the doc comments' examples", () => {
  it("print these exact values", () => {
    expect(sampleSizeForDifference(baseline, 5, 0.05, 0.8)).toEqual({ nPerVariant: 3830.253310362355, variance: 0.61 });
    expect(powerForDifference(baseline, 5, 0.05, 3830.253310362355)).toEqual({ power: 0.7999999999999999 });
    expect(sampleSizeForEquivalence(baseline, 5, 0.05, 0.8)).toEqual({ nPerVariant: 4179.157507125973, variance: 0.61 });
    expect(sampleSizeForNonInferiority(baseline, 5, 0.05, 0.8)).toEqual({ nPerVariant: 3017.0879292256454, variance: 0.61 });
    const control = { detractors: 30, passives: 40, promoters: 80 };
    const treatment = { detractors: 20, passives: 45, promoters: 100 };
    expect(minimumDetectableDifference(control, treatment, 0.05, 0.8)).toEqual({ mdePoints: 23.658298475538974 });
  });
});

describe("invariants", () => {
  it("n scales as 1 / effect^2 and ignores the effect's sign", () => {
    const five = nOf(sampleSizeForDifference(baseline, 5, 0.05, 0.8)) ?? 0;
    expectRelative(nOf(sampleSizeForDifference(baseline, 2.5, 0.05, 0.8)), 4 * five, "half the effect");
    expectRelative(nOf(sampleSizeForDifference(baseline, -5, 0.05, 0.8)), five, "negative effect");
  });

  it("more power or a smaller alpha needs more respondents", () => {
    const n = (alpha: number, power: number): number => nOf(sampleSizeForDifference(baseline, 5, alpha, power)) ?? 0;
    expect(n(0.05, 0.9)).toBeGreaterThan(n(0.05, 0.8));
    expect(n(0.01, 0.8)).toBeGreaterThan(n(0.05, 0.8));
  });

  it("at a true difference of 0, equivalence needs more than non-inferiority (two one-sided tests must both pass)", () => {
    for (const margin of [1, 3, 5, 10]) {
      const equivalence = nOf(sampleSizeForEquivalence(baseline, margin, 0.05, 0.8)) ?? 0;
      expect(equivalence).toBeGreaterThan(nOf(sampleSizeForNonInferiority(baseline, margin, 0.05, 0.8)) ?? Infinity);
    }
  });

  it("power grows with n from alpha/2 towards 1", () => {
    const powers = [1, 10, 100, 1000, 10000, 100000].map((n) => powerForDifference(baseline, 5, 0.05, n).power ?? 0);
    powers.slice(1).forEach((power, index) => expect(power).toBeGreaterThan(powers[index] ?? 1));
    expect(powers[0]).toBeGreaterThan(0.025);
    expect(powers[5]).toBeGreaterThan(0.999);
  });
});

describe("degenerate input: a reason, never NaN or an exception", () => {
  it("a single-category baseline has no variance to plan with", () => {
    const allPromoters = { promoterShare: 1, detractorShare: 0 };
    expect(sampleSizeForDifference(allPromoters, 5, 0.05, 0.8)).toEqual({ nPerVariant: null, variance: 0, reason: "zero-variance" });
    expect(sampleSizeForEquivalence(allPromoters, 5, 0.05, 0.8)).toEqual({ nPerVariant: null, variance: 0, reason: "zero-variance" });
    expect(powerForDifference(allPromoters, 5, 0.05, 100)).toEqual({ power: null, reason: "zero-variance" });
    expect(powerForDifference(baseline, 5, 0.05, 0)).toEqual({ power: null, reason: "empty-sample" });
  });

  it("a zero effect or margin needs infinitely many respondents", () => {
    expect(sampleSizeForDifference(baseline, 0, 0.05, 0.8)).toEqual({ nPerVariant: null, variance: 0.61, reason: "zero-effect" });
    expect(sampleSizeForNonInferiority(baseline, 0, 0.05, 0.8)).toEqual({ nPerVariant: null, variance: 0.61, reason: "zero-effect" });
  });

  it("an empty variant or a zero standard error has no detectable difference", () => {
    const some = { detractors: 1, passives: 2, promoters: 3 };
    const none = { detractors: 0, passives: 0, promoters: 0 };
    const allPromoters = { detractors: 0, passives: 0, promoters: 40 };
    expect(minimumDetectableDifference(none, some, 0.05, 0.8)).toEqual({ mdePoints: null, reason: "empty-sample" });
    expect(minimumDetectableDifference(some, none, 0.05, 0.8)).toEqual({ mdePoints: null, reason: "empty-sample" });
    expect(minimumDetectableDifference(allPromoters, allPromoters, 0.05, 0.8)).toEqual({ mdePoints: null, reason: "zero-standard-error" });
  });

  it("out-of-range settings are programmer errors", () => {
    expect(() => sampleSizeForDifference(baseline, 5, 0, 0.8)).toThrow(RangeError);
    expect(() => sampleSizeForDifference(baseline, 5, 0.05, 1)).toThrow(RangeError);
    expect(() => sampleSizeForDifference(baseline, Number.NaN, 0.05, 0.8)).toThrow(RangeError);
    expect(() => sampleSizeForEquivalence(baseline, -5, 0.05, 0.8)).toThrow(RangeError);
  });
});
