import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { differenceInDifferences } from "../../src/stats/difference-in-differences.js";
import { npsDifference } from "../../src/stats/difference.js";
import type { StratumCounts } from "../../src/stats/stratified.js";
import type { CategoryCounts } from "../../src/stats/types.js";
import { expectRelative } from "./close.js";

/**
 * Written by test/reference/issue4-generate.py: the closed form, checked there against the interaction of a
 * saturated metafor::rma(mods = ~ treat * post, method = "FE") on the four cell NPS values.
 */
interface DidCase {
  name: string;
  alpha: number;
  pre: StratumCounts;
  post: StratumCounts;
  differenceInDifferences: number;
  preDifference: number;
  postDifference: number;
  se: number;
  ci: [number, number];
  z: number;
  pValue: number;
}
const reference = JSON.parse(readFileSync(new URL("../reference/issue4-cases.json", import.meta.url), "utf8")) as {
  differenceInDifferences: DidCase[];
};

/** Closed forms (differences, a square root, the normal tail): 1e-9 relative, absolute 1e-12 near 0. */
const RELATIVE_TOLERANCE = 1e-9;

/** Relative, with a 1e-12 absolute floor for expected values of exactly 0. */
const expectClosed = (actual: number | null, expected: number, what: string, relative = RELATIVE_TOLERANCE): void => expectRelative(actual, expected, what, relative, 1e-12);

const counts = (detractors: number, passives: number, promoters: number): CategoryCounts => ({ detractors, passives, promoters });
const swap = ({ control, treatment }: StratumCounts): StratumCounts => ({ control: treatment, treatment: control });

describe("differenceInDifferences against the reference", () => {
  it.each(reference.differenceInDifferences.map((c) => [`${c.name} alpha=${c.alpha}`, c] as const))("%s", (label, c) => {
    const result = differenceInDifferences(c.pre, c.post, c.alpha);
    expectClosed(result.differenceInDifferences, c.differenceInDifferences, `${label}: DiD`);
    expectClosed(result.preDifference, c.preDifference, `${label}: pre difference`);
    expectClosed(result.postDifference, c.postDifference, `${label}: post difference`);
    expectClosed(result.se, c.se, `${label}: se`);
    expectClosed(result.ci?.low ?? null, c.ci[0], `${label}: ci.low`);
    expectClosed(result.ci?.high ?? null, c.ci[1], `${label}: ci.high`);
    expectClosed(result.z, c.z, `${label}: z`);
    expectClosed(result.pValue, c.pValue, `${label}: p-value`);
  });
});

describe("doc-comment example", () => {
  it("no gap before, 20 points after", () => {
    const pre = { control: counts(30, 30, 40), treatment: counts(30, 30, 40) };
    const post = { control: counts(30, 30, 40), treatment: counts(20, 30, 50) };
    expect(differenceInDifferences(pre, post, 0.05)).toStrictEqual({
      differenceInDifferences: 19.999999999999996, preDifference: 0, postDifference: 19.999999999999996, se: 16.370705543744897,
      ci: { low: -12.085993267250213, high: 52.0859932672502 }, z: 1.2216944435630521, pValue: 0.22182319830680586,
    });
  });
});

describe("invariants", () => {
  const category = fc.integer({ min: 0, max: 200 });
  const arm = fc.record({ detractors: category, passives: category, promoters: category });
  const period = fc.record({ control: arm, treatment: arm });

  it("swapping control and treatment negates every difference and keeps SE and p; nothing is NaN", () => {
    fc.assert(
      fc.property(period, period, (pre, post) => {
        const forward = differenceInDifferences(pre, post, 0.05);
        const backward = differenceInDifferences(swap(pre), swap(post), 0.05);
        if (forward.differenceInDifferences === null) {
          expect(backward.differenceInDifferences).toBeNull();
          return;
        }
        expect([forward.se, forward.pValue, forward.differenceInDifferences].every(Number.isFinite)).toBe(true);
        expectClosed(backward.differenceInDifferences === null ? null : -backward.differenceInDifferences, forward.differenceInDifferences, "DiD", 1e-12);
        expectClosed(backward.se, forward.se, "se", 1e-12);
        expectClosed(backward.pValue, forward.pValue, "p-value", 1e-12);
        expect(forward.ci.low).toBeLessThanOrEqual(forward.differenceInDifferences);
        expect(forward.ci.high).toBeGreaterThanOrEqual(forward.differenceInDifferences);
      }),
    );
  });

  it("swapping pre and post negates the DiD", () => {
    const pre = { control: counts(44, 61, 95), treatment: counts(38, 50, 112) };
    const post = { control: counts(52, 70, 78), treatment: counts(61, 66, 73) };
    const forward = differenceInDifferences(pre, post, 0.05);
    const reversed = differenceInDifferences(post, pre, 0.05);
    expectClosed(reversed.differenceInDifferences === null ? null : -reversed.differenceInDifferences, forward.differenceInDifferences!, "DiD", 1e-12);
  });

  it("period differences are the two-sample differences, and SE^2 is the sum of both periods' SE^2", () => {
    const pre = { control: counts(310, 420, 870), treatment: counts(120, 150, 330) };
    const post = { control: counts(402, 515, 1083), treatment: counts(288, 390, 1122) };
    const before = npsDifference(pre.control, pre.treatment);
    const after = npsDifference(post.control, post.treatment);
    const result = differenceInDifferences(pre, post, 0.05);
    expect(result.preDifference).toBe(before.difference);
    expect(result.postDifference).toBe(after.difference);
    expectClosed(result.se, Math.hypot(before.se, after.se), "se");
  });
});

describe("degenerate input is a reason with nulls", () => {
  const nulls = { differenceInDifferences: null, se: null, ci: null, z: null, pValue: null };
  it("an empty cell: the other period's difference is still reported", () => {
    const pre = { control: counts(0, 0, 0), treatment: counts(3, 4, 5) };
    const post = { control: counts(3, 4, 5), treatment: counts(2, 4, 6) };
    expect(differenceInDifferences(pre, post, 0.05)).toStrictEqual({
      ...nulls, preDifference: null, postDifference: npsDifference(post.control, post.treatment).difference, reason: "empty-sample",
    });
  });
  it("four single-category cells: zero standard error", () => {
    const allPromoters = { control: counts(0, 0, 10), treatment: counts(0, 0, 7) };
    const allDetractors = { control: counts(4, 0, 0), treatment: counts(0, 0, 9) };
    expect(differenceInDifferences(allPromoters, allDetractors, 0.05)).toStrictEqual({
      ...nulls, preDifference: 0, postDifference: 200, reason: "zero-standard-error",
    });
  });
  it("alpha outside (0, 1) is a programmer error", () => {
    const period = { control: counts(1, 1, 1), treatment: counts(1, 1, 1) };
    expect(() => differenceInDifferences(period, period, -0.05)).toThrow(RangeError);
  });
});
