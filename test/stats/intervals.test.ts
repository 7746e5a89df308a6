import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { npsPoints, categoryCounts } from "../../src/stats/nps.js";
import { adjustedCounts, adjustedWaldDifferenceInterval, adjustedWaldInterval } from "../../src/stats/intervals/adjusted-wald.js";
import { differenceInterval, npsInterval } from "../../src/stats/intervals/index.js";
import { tangoDifferenceInterval, tangoInterval, tangoScore } from "../../src/stats/intervals/tango.js";
import { waldDifferenceInterval, waldInterval } from "../../src/stats/intervals/wald.js";
import { seededRandom } from "../../src/stats/random.js";
import { CI_METHODS, type CategoryCounts, type Interval } from "../../src/stats/types.js";
import { expectClose, expectNear } from "./close.js";
import { EXTRA, SHARED_CASES } from "./reference.js";

const expectInterval = (actual: Interval, expected: readonly [number, number], label: string): void => {
  expectNear(actual.low, expected[0], `${label} low`);
  expectNear(actual.high, expected[1], `${label} high`);
};

const allCases = [...SHARED_CASES, ...EXTRA.cases];

describe("single-variant intervals against the references", () => {
  const variants = allCases.flatMap((c) => [[`${c.name} A`, c.scoresA, c.A, c.alpha], [`${c.name} B`, c.scoresB, c.B, c.alpha]] as const);
  it.each(variants)("%s: wald, adjusted wald, tango", (label, scores, expected, alpha) => {
    const counts = categoryCounts(scores);
    expectInterval(waldInterval(counts, alpha), expected.wald, `${label} wald`);
    expectInterval(adjustedWaldInterval(counts, alpha), expected.adjustedWald, `${label} adjusted wald`);
    expectInterval(tangoInterval(counts, alpha), expected.tango, `${label} tango`);
  });
});

describe("difference intervals against the references", () => {
  it.each(allCases.map((c) => [c.name, c] as const))("%s: wald, adjusted wald", (name, c) => {
    const control = categoryCounts(c.scoresA);
    const treatment = categoryCounts(c.scoresB);
    expectInterval(waldDifferenceInterval(control, treatment, c.alpha), c.waldDiffCI, `${name} wald difference`);
    expectInterval(adjustedWaldDifferenceInterval(control, treatment, c.alpha), c.adjustedWaldDiffCI, `${name} adjusted wald difference`);
  });
  it.each(EXTRA.cases.map((c) => [c.name, c] as const))("%s: Newcombe hybrid of Tango intervals", (name, c) => {
    expectInterval(tangoDifferenceInterval(categoryCounts(c.scoresA), categoryCounts(c.scoresB), c.alpha), c.tangoDiffCI, `${name} tango difference`);
  });
});

describe("R package NPS (B. Rocks): 95% intervals on the -1..1 scale, 4 decimals", () => {
  const round4 = (interval: Interval): [number, number] => [Math.round(interval.low * 100) / 1e4, Math.round(interval.high * 100) / 1e4];
  it("(d, s, p) = (1, 2, 3)", () => {
    const counts = { detractors: 1, passives: 2, promoters: 3 };
    expect(round4(waldInterval(counts, 0.05))).toEqual([-0.2631, 0.9297]);
    expect(round4(adjustedWaldInterval(counts, 0.05))).toEqual([-0.2674, 0.7119]);
    expect(round4(tangoInterval(counts, 0.05))).toEqual([-0.3111, 0.754]);
  });
  it("(d, s, p) = (0, 0, 10)", () => {
    const counts = { detractors: 0, passives: 0, promoters: 10 };
    expect(round4(waldInterval(counts, 0.05))).toEqual([1, 1]);
    expect(round4(adjustedWaldInterval(counts, 0.05))).toEqual([0.475, 1.0634]);
    expect(round4(tangoInterval(counts, 0.05))).toEqual([0.4449, 1]);
  });
});

describe("Tango score statistic", () => {
  it("is 0 at the estimate, +-z at the interval ends, and decreasing", () => {
    const counts = { detractors: 6, passives: 5, promoters: 14 };
    const interval = tangoInterval(counts, 0.05);
    expect(Math.abs(tangoScore(npsPoints(counts) / 100, counts))).toBeLessThan(1e-12);
    expectClose(tangoScore(interval.low / 100, counts), 1.959963984540054, { rel: 1e-9 }, "T(low)");
    expectClose(tangoScore(interval.high / 100, counts), -1.959963984540054, { rel: 1e-9 }, "T(high)");
    expect(tangoScore(-0.5, counts)).toBeGreaterThan(tangoScore(0.5, counts));
  });
  it("an all-detractor sample gives [-100, upper] and an all-promoter one [lower, 100]", () => {
    expect(tangoInterval({ detractors: 12, passives: 0, promoters: 0 }, 0.05).low).toBe(-100);
    expect(tangoInterval({ detractors: 0, passives: 0, promoters: 12 }, 0.05).high).toBe(100);
  });
});

describe("dispatch by method", () => {
  const control = { detractors: 30, passives: 40, promoters: 80 };
  const treatment = { detractors: 20, passives: 45, promoters: 100 };
  const options = { draws: 20_000, random: seededRandom(5) };
  it("routes each closed-form method to its function", () => {
    expect(npsInterval("wald", control, 0.05, options)).toEqual(waldInterval(control, 0.05));
    expect(npsInterval("adjusted-wald", control, 0.05, options)).toEqual(adjustedWaldInterval(control, 0.05));
    expect(npsInterval("tango", control, 0.05, options)).toEqual(tangoInterval(control, 0.05));
    expect(differenceInterval("wald", control, treatment, 0.1, options)).toEqual(waldDifferenceInterval(control, treatment, 0.1));
    expect(differenceInterval("adjusted-wald", control, treatment, 0.1, options)).toEqual(adjustedWaldDifferenceInterval(control, treatment, 0.1));
    expect(differenceInterval("tango", control, treatment, 0.1, options)).toEqual(tangoDifferenceInterval(control, treatment, 0.1));
  });
  it("every method gives a finite interval around the estimate for ordinary data", () => {
    for (const method of CI_METHODS) {
      const single = npsInterval(method, control, 0.05, { draws: 20_000, random: seededRandom(6) });
      const difference = differenceInterval(method, control, treatment, 0.05, { draws: 20_000, random: seededRandom(6) });
      expect(single.low).toBeLessThan(npsPoints(control));
      expect(single.high).toBeGreaterThan(npsPoints(control));
      expect(difference.low).toBeLessThan(npsPoints(treatment) - npsPoints(control));
      expect(difference.high).toBeGreaterThan(npsPoints(treatment) - npsPoints(control));
    }
  });
});

describe("invariants (fast-check)", () => {
  const counts = fc.record({ detractors: fc.nat(400), passives: fc.nat(400), promoters: fc.nat(400) }).filter((c) => c.detractors + c.passives + c.promoters > 0);
  const alpha = fc.constantFrom(0.01, 0.05, 0.1, 0.2);
  const contains = (interval: Interval, value: number): boolean => interval.low <= value && value <= interval.high;

  it("wald and tango contain the NPS; tango stays within [-100, 100]", () => {
    fc.assert(
      fc.property(counts, alpha, (c, a) => {
        const nps = npsPoints(c);
        const tango = tangoInterval(c, a);
        return contains(waldInterval(c, a), nps) && contains(tango, nps) && tango.low >= -100 && tango.high <= 100 && tango.low <= tango.high;
      }),
    );
  });
  it("adjusted wald contains the adjusted NPS it is centred on (not always the raw NPS)", () => {
    fc.assert(fc.property(counts, alpha, (c, a) => contains(adjustedWaldInterval(c, a), npsPoints(adjustedCounts(c)))));
    // Where it misses the raw estimate: one promoter (NPS 100) gives an interval centred on 25 that stops short of 100.
    expect(adjustedWaldInterval({ detractors: 0, passives: 0, promoters: 1 }, 0.05).high).toBeLessThan(100);
  });
  it("difference intervals contain their centres and swapping the variants mirrors them", () => {
    fc.assert(
      fc.property(counts, counts, alpha, (control, treatment, a) => {
        const difference = npsPoints(treatment) - npsPoints(control);
        for (const method of ["wald", "adjusted-wald", "tango"] as const) {
          const forward = differenceInterval(method, control, treatment, a, { draws: 1, random: seededRandom(0) });
          const backward = differenceInterval(method, treatment, control, a, { draws: 1, random: seededRandom(0) });
          expectClose(backward.low, -forward.high, { abs: 1e-9 }, `${method} mirrored low`);
          expectClose(backward.high, -forward.low, { abs: 1e-9 }, `${method} mirrored high`);
          if (method !== "adjusted-wald" && !contains(forward, difference)) return false;
          if (method === "tango" && (forward.low < -200 || forward.high > 200)) return false;
        }
        return true;
      }),
    );
  });
  it("a narrower alpha gives a wider interval", () => {
    fc.assert(
      fc.property(counts, (c: CategoryCounts) => {
        const wide = tangoInterval(c, 0.01);
        const narrow = tangoInterval(c, 0.1);
        return wide.low <= narrow.low && narrow.high <= wide.high;
      }),
    );
  });
});
