/** src/stats/intervals/bayes.ts against the shared reference (SciPy Monte Carlo, 2,000,000 draws). */
import { describe, expect, it } from "vitest";
import { bayesComparison, bayesInterval } from "../../src/stats/intervals/bayes.js";
import { seededRandom } from "../../src/stats/random.js";
import { expectClose } from "./close.js";
import { SHARED_CASES } from "./reference.js";
import { expectSharedComparison } from "./shared-bayes.js";

const SEED = 20240601;

describe("bayesComparison, 10^6 draws, fixed seed", () => {
  it.each(SHARED_CASES.map((c) => [c.name, c] as const))("%s", (name, c) => expectSharedComparison(name, c, SEED));
});


describe("reproducibility and contracts", () => {
  const control = { detractors: 6, passives: 5, promoters: 14 };
  const treatment = { detractors: 4, passives: 5, promoters: 21 };
  it("the same seed gives the same bytes", () => {
    const run = () => bayesComparison(control, treatment, 0.05, { draws: 20_000, random: seededRandom(77) });
    expect(run()).toStrictEqual(run());
    const interval = () => bayesInterval(control, 0.05, { draws: 20_000, random: seededRandom(77) });
    expect(interval()).toStrictEqual(interval());
  });
  it("swapping the variants mirrors the interval and complements the probability (same draws, other order)", () => {
    const forward = bayesComparison(control, treatment, 0.05, { draws: 50_000, random: seededRandom(3) });
    const backward = bayesComparison(treatment, control, 0.05, { draws: 50_000, random: seededRandom(4) });
    // Different streams, so equal only up to Monte Carlo error (SE of P ~ 0.002 at 5e4 draws).
    expectClose(backward.probabilityTreatmentBetter, 1 - forward.probabilityTreatmentBetter, { abs: 0.01 }, "P mirrored");
    expectClose(backward.differenceInterval.low, -forward.differenceInterval.high, { abs: 2 }, "low mirrored");
  });
  it("all-promoter variants stay inside [-100, 100] / [-200, 200]", () => {
    const allPromoters = { detractors: 0, passives: 0, promoters: 40 };
    const single = bayesInterval(allPromoters, 0.05, { draws: 20_000, random: seededRandom(1) });
    expect(single.low).toBeGreaterThan(-100);
    expect(single.high).toBeLessThanOrEqual(100);
    const both = bayesComparison(allPromoters, allPromoters, 0.05, { draws: 20_000, random: seededRandom(1) });
    expectClose(both.probabilityTreatmentBetter, 0.5, { abs: 0.02 }, "identical posteriors");
  });
  it("draws must be a positive integer and alpha in (0, 1)", () => {
    expect(() => bayesInterval(control, 0.05, { draws: 0, random: seededRandom(1) })).toThrow(RangeError);
    expect(() => bayesInterval(control, 1, { draws: 10, random: seededRandom(1) })).toThrow(RangeError);
  });
});
