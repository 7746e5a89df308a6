import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { categoryCounts, npsPoints, npsVariance, perRespondentVariance, sampleSize } from "../../src/stats/nps.js";
import { expectClose, expectNear } from "./close.js";
import { EXTRA, SHARED_CASES } from "./reference.js";

const variants = [
  ...SHARED_CASES.flatMap((c) => [{ label: `${c.name} A`, scores: c.scoresA, expected: c.A }, { label: `${c.name} B`, scores: c.scoresB, expected: c.B }]),
  ...EXTRA.cases.flatMap((c) => [{ label: `${c.name} A`, scores: c.scoresA, expected: c.A }, { label: `${c.name} B`, scores: c.scoresB, expected: c.B }]),
];

describe("categoryCounts, sampleSize, npsPoints (reference cases)", () => {
  it.each(variants.map((v) => [v.label, v] as const))("%s", (label, { scores, expected }) => {
    const counts = categoryCounts(scores);
    expect(counts).toEqual({ detractors: expected.detractors, passives: expected.passives, promoters: expected.promoters });
    expect(sampleSize(counts)).toBe(expected.n);
    expectNear(npsPoints(counts), expected.nps, `${label} nps`);
  });
});

describe("variances (extra cases, SciPy)", () => {
  it.each(EXTRA.cases.flatMap((c) => [[`${c.name} A`, c.scoresA, c.A], [`${c.name} B`, c.scoresB, c.B]] as const))("%s", (label, scores, expected) => {
    const counts = categoryCounts(scores);
    expectNear(perRespondentVariance(counts), expected.perRespondentVariance, `${label} per-respondent variance`);
    expectNear(npsVariance(counts), expected.npsVariance, `${label} npsVariance`);
  });
});

describe("per-respondent variance, R package NPS (B. Rocks) test suite", () => {
  it.each([
    [{ detractors: 1, passives: 2, promoters: 3 }, 5 / 9],
    [{ detractors: 1, passives: 0, promoters: 1 }, 1],
    [{ detractors: 0, passives: 1, promoters: 1 }, 0.25],
    [{ detractors: 1, passives: 1, promoters: 1 }, 2 / 3],
  ] as const)("%o -> %d", (counts, expected) => {
    expectClose(perRespondentVariance(counts), expected, { rel: 1e-12 }, "variance");
    expectClose(npsVariance(counts), (1e4 * expected) / sampleSize(counts), { rel: 1e-12 }, "npsVariance in points^2");
  });
});

describe("invariants", () => {
  const counts = fc.record({ detractors: fc.nat(5000), passives: fc.nat(5000), promoters: fc.nat(5000) }).filter((c) => c.detractors + c.passives + c.promoters > 0);
  it("NPS stays in [-100, 100] and the variance in [0, 1] (shares) for any counts", () => {
    fc.assert(
      fc.property(counts, (c) => {
        const nps = npsPoints(c);
        const variance = perRespondentVariance(c);
        return nps >= -100 && nps <= 100 && variance >= 0 && variance <= 1;
      }),
    );
  });
  it("single-category samples have zero variance", () => {
    for (const c of [{ detractors: 7, passives: 0, promoters: 0 }, { detractors: 0, passives: 7, promoters: 0 }, { detractors: 0, passives: 0, promoters: 7 }]) {
      expect(perRespondentVariance(c)).toBe(0);
    }
  });
});

describe("programmer errors throw", () => {
  it("rejects a histogram that is not 11 bins of counts, and an empty sample", () => {
    expect(() => categoryCounts([1, 2, 3])).toThrow(RangeError);
    expect(() => categoryCounts([0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0])).toThrow(RangeError);
    expect(() => categoryCounts([0, 0, 0, 0, 0, 0, 0, 0, 0, Number.NaN, 0])).toThrow(RangeError);
    expect(() => npsPoints({ detractors: 0, passives: 0, promoters: 0 })).toThrow(RangeError);
  });
});
