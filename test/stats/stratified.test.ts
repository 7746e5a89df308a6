import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { npsDifference } from "../../src/stats/difference.js";
import { STRATUM_WEIGHTINGS, stratifiedDifference, type StratumCounts, type StratumWeighting } from "../../src/stats/stratified.js";
import type { CategoryCounts } from "../../src/stats/types.js";
import { expectRelative } from "./close.js";

/**
 * Written by test/reference/issue4-generate.py: the NumPy closed form, checked there against
 * metafor::rma(method = "FE") (inverse-variance weights, and the MH weights through `weights =`).
 */
interface StratifiedCase {
  name: string;
  weighting: StratumWeighting;
  alpha: number;
  strata: StratumCounts[];
  difference: number;
  se: number;
  ci: [number, number];
  pValue: number;
  weights: number[];
}
const reference = JSON.parse(readFileSync(new URL("../reference/issue4-cases.json", import.meta.url), "utf8")) as {
  stratified: StratifiedCase[];
  simpson: { strata: StratumCounts[]; pooledDifference: number };
};

// Closed forms (weighted means, square roots, the normal tail): 1e-9 relative to the reference (expectRelative's default).

const counts = (detractors: number, passives: number, promoters: number): CategoryCounts => ({ detractors, passives, promoters });
const swap = (strata: readonly StratumCounts[]): StratumCounts[] => strata.map(({ control, treatment }) => ({ control: treatment, treatment: control }));
const pooled = (strata: readonly StratumCounts[], arm: "control" | "treatment"): CategoryCounts =>
  counts(
    strata.reduce((sum, stratum) => sum + stratum[arm].detractors, 0),
    strata.reduce((sum, stratum) => sum + stratum[arm].passives, 0),
    strata.reduce((sum, stratum) => sum + stratum[arm].promoters, 0),
  );

describe("stratifiedDifference against the reference", () => {
  it.each(reference.stratified.map((c) => [`${c.name} ${c.weighting} alpha=${c.alpha}`, c] as const))("%s", (label, c) => {
    const result = stratifiedDifference(c.strata, c.weighting, c.alpha);
    expectRelative(result.difference, c.difference, `${label}: difference`);
    expectRelative(result.se, c.se, `${label}: se`);
    expectRelative(result.ci?.low, c.ci[0], `${label}: ci.low`);
    expectRelative(result.ci?.high, c.ci[1], `${label}: ci.high`);
    expectRelative(result.pValue, c.pValue, `${label}: p-value`);
    c.weights.forEach((weight, index) => expectRelative(result.weights[index], weight, `${label}: weights[${index}]`));
  });
  it("gives a stratum with an empty arm weight 0, and a zero-variance stratum weight 0 only under inverse variance", () => {
    const [mh, iv] = (["mantel-haenszel", "inverse-variance"] as const).map((weighting) =>
      reference.stratified.find((c) => c.name === "with-gaps" && c.weighting === weighting && c.alpha === 0.05)!,
    ) as [StratifiedCase, StratifiedCase];
    expect(stratifiedDifference(mh.strata, "mantel-haenszel", 0.05).weights[2]).toBe(0);
    expect(stratifiedDifference(mh.strata, "mantel-haenszel", 0.05).weights[4]).toBeGreaterThan(0);
    expect(stratifiedDifference(iv.strata, "inverse-variance", 0.05).weights[4]).toBe(0);
  });
});

describe("doc-comment example", () => {
  it("two months, Mantel-Haenszel weights", () => {
    const strata = [
      { control: counts(20, 30, 50), treatment: counts(10, 30, 60) },
      { control: counts(30, 40, 30), treatment: counts(25, 40, 35) },
    ];
    expect(stratifiedDifference(strata, "mantel-haenszel", 0.05)).toStrictEqual({
      difference: 15, se: 7.5, ci: { low: 0.30027011594958886, high: 29.699729884050413 }, pValue: 0.045500263896358355, weights: [0.5, 0.5],
    });
  });
});

describe("Simpson's paradox", () => {
  // Month 1 is a good month and holds 90% of the control's respondents; month 2 is a bad month and holds 90% of
  // the treatment's. The treatment is 5 points better within each month, yet 51 points worse pooled.
  const { strata, pooledDifference } = reference.simpson;
  it.each(STRATUM_WEIGHTINGS)("the %s stratified difference and the pooled difference have opposite signs", (weighting) => {
    const pooledResult = npsDifference(pooled(strata, "control"), pooled(strata, "treatment"));
    expectRelative(pooledResult.difference, pooledDifference, "pooled difference");
    expect(pooledResult.difference).toBeLessThan(0);
    strata.forEach((stratum, index) => {
      expect(npsDifference(stratum.control, stratum.treatment).difference, `month ${index + 1}`).toBeGreaterThan(0);
    });
    const stratified = stratifiedDifference(strata, weighting, 0.05);
    expect(stratified.difference).toBeGreaterThan(0);
    expectRelative(stratified.difference, 5, "stratified difference", 1e-12);
  });
});

describe("invariants", () => {
  const category = fc.integer({ min: 0, max: 300 });
  const arm = fc.record({ detractors: category, passives: category, promoters: category });
  const strataArbitrary = fc.array(fc.record({ control: arm, treatment: arm }), { minLength: 1, maxLength: 12 });
  const weighting = fc.constantFrom(...STRATUM_WEIGHTINGS);

  it("swapping control and treatment negates the estimate and keeps the SE and weights; nothing is NaN", () => {
    fc.assert(
      fc.property(strataArbitrary, weighting, (strata, chosen) => {
        const forward = stratifiedDifference(strata, chosen, 0.05);
        const backward = stratifiedDifference(swap(strata), chosen, 0.05);
        expect(forward.weights.every(Number.isFinite)).toBe(true);
        if (forward.difference === null) {
          expect(backward.difference).toBeNull();
          return;
        }
        expect(Number.isFinite(forward.difference) && Number.isFinite(forward.se)).toBe(true);
        expectRelative(backward.difference === null ? null : -backward.difference, forward.difference, "negated difference", 1e-12);
        expectRelative(backward.se, forward.se, "se", 1e-12);
        expect(forward.ci.low).toBeLessThanOrEqual(forward.difference);
        expect(forward.ci.high).toBeGreaterThanOrEqual(forward.difference);
        expectRelative(forward.weights.reduce((sum, w) => sum + w, 0), 1, "weights sum", 1e-12);
      }),
    );
  });

  it.each(STRATUM_WEIGHTINGS)("identical strata give the pooled difference and SE (%s)", (chosen) => {
    const stratum = { control: counts(31, 52, 117), treatment: counts(22, 61, 130) };
    const single = npsDifference(stratum.control, stratum.treatment);
    const strata = [stratum, stratum, stratum, stratum];
    const whole = npsDifference(pooled(strata, "control"), pooled(strata, "treatment"));
    const result = stratifiedDifference(strata, chosen, 0.05);
    expectRelative(result.difference, single.difference, "difference vs one stratum");
    expectRelative(result.difference, whole.difference, "difference vs pooled");
    expectRelative(result.se, whole.se, "se vs pooled");
  });

  it("Mantel-Haenszel equals the pooled difference when both arms spread over the strata in the same proportions", () => {
    // Control 100 / 300 / 600, treatment 50 / 150 / 300 respondents: the same shares per stratum.
    const strata = [
      { control: counts(10, 30, 60), treatment: counts(5, 10, 35) },
      { control: counts(90, 100, 110), treatment: counts(40, 60, 50) },
      { control: counts(200, 150, 250), treatment: counts(70, 80, 150) },
    ];
    const whole = npsDifference(pooled(strata, "control"), pooled(strata, "treatment"));
    expectRelative(stratifiedDifference(strata, "mantel-haenszel", 0.05).difference, whole.difference, "difference vs pooled");
  });

  it("one stratum is the ordinary two-sample difference", () => {
    const stratum = { control: counts(77, 96, 227), treatment: counts(69, 112, 319) };
    const result = stratifiedDifference([stratum], "inverse-variance", 0.05);
    expect(result.difference).toBe(12.5);
    expectRelative(result.se, 5.099448499592873, "se (the npsDifference example)");
  });
});

describe("degenerate input is a reason with nulls", () => {
  const allPromoters = { control: counts(0, 0, 40), treatment: counts(0, 0, 25) };
  it.each([
    ["no strata", [], "mantel-haenszel", "no-strata", []],
    ["no stratum with both arms", [{ control: counts(0, 0, 0), treatment: counts(1, 2, 3) }], "mantel-haenszel", "no-usable-strata", [0]],
    ["only zero-variance strata (MH)", [allPromoters, allPromoters], "mantel-haenszel", "zero-standard-error", [0.5, 0.5]],
    ["only zero-variance strata (inverse variance)", [allPromoters], "inverse-variance", "no-usable-strata", [0]],
  ] as const)("%s", (_, strata, chosen, reason, weights) => {
    expect(stratifiedDifference(strata, chosen, 0.05)).toStrictEqual({ difference: null, se: null, ci: null, pValue: null, weights, reason });
  });
  it("alpha outside (0, 1) is a programmer error", () => {
    expect(() => stratifiedDifference([], "mantel-haenszel", 0)).toThrow(RangeError);
  });
});
