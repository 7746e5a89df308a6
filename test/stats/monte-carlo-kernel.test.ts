/**
 * src/stats/monte-carlo.wat (through monte-carlo-kernel.ts) against the JavaScript it stands in for: the same
 * Bayesian figures, double for double, and the seeded source left where JavaScript leaves it. bayes.test.ts
 * holds the JavaScript to the SciPy reference; these tests make the module answer to it too.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bayesComparison, bayesInterval, PRIOR } from "../../src/stats/intervals/bayes.js";
import { kernelDraws, useMonteCarloKernel } from "../../src/stats/monte-carlo-kernel.js";
import { quantile } from "../../src/stats/quantile.js";
import { seededRandom } from "../../src/stats/random.js";
import type { CategoryCounts } from "../../src/stats/types.js";
import { monteCarloBinary } from "../wat-modules.js";
import { SHARED_CASES } from "./reference.js";
import { expectSharedComparison } from "./shared-bayes.js";

let binary: Uint8Array;
beforeAll(async () => {
  binary = await monteCarloBinary();
});
afterAll(() => useMonteCarloKernel(null));

/** `run` with the module, then in JavaScript alone, from the same seed; and each source's next three doubles. */
function bothWays<T>(seed: number, run: (random: () => number) => T): { kernel: T; javaScript: T; after: [number[], number[]] } {
  useMonteCarloKernel(binary);
  const withKernel = seededRandom(seed);
  const kernel = run(withKernel);
  useMonteCarloKernel(null);
  const plain = seededRandom(seed);
  const javaScript = run(plain);
  const next = (random: () => number): number[] => [random(), random(), random()];
  return { kernel, javaScript, after: [next(withKernel), next(plain)] };
}

const counts = fc.record({ detractors: fc.nat({ max: 3000 }), passives: fc.nat({ max: 3000 }), promoters: fc.nat({ max: 3000 }) });
/** Few responses: shapes near 1, where the normals' wedges and tail and the squeeze's second test are common. */
const fewCounts = fc.record({ detractors: fc.nat({ max: 3 }), passives: fc.nat({ max: 3 }), promoters: fc.nat({ max: 3 }) });

describe("the WebAssembly Monte Carlo", () => {
  it("draws exactly what the JavaScript draws, and leaves the seeded source where it does", () => {
    fc.assert(
      fc.property(fc.oneof(counts, fewCounts), fc.oneof(counts, fewCounts), fc.integer(), fc.integer({ min: 1, max: 20_000 }), fc.constantFrom(0.01, 0.05, 0.1, 0.5), (control, treatment, seed, draws, alpha) => {
        const comparison = bothWays(seed, (random) => bayesComparison(control, treatment, alpha, { draws, random }));
        expect(comparison.kernel).toStrictEqual(comparison.javaScript);
        expect(comparison.after[0]).toStrictEqual(comparison.after[1]);
        const interval = bothWays(seed, (random) => bayesInterval(treatment, alpha, { draws, random }));
        expect(interval.kernel).toStrictEqual(interval.javaScript);
        expect(interval.after[0]).toStrictEqual(interval.after[1]);
      }),
      { numRuns: 60, seed: 20261202 },
    );
  });

  it("gives the CLI's figures for the bench export's counts (200,000 draws)", () => {
    const ebates = { detractors: 199561, passives: 299358, promoters: 499763 };
    const rakuten = { detractors: 199411, passives: 280633, promoters: 519440 };
    const { kernel, javaScript, after } = bothWays(20240604, (random) => bayesComparison(ebates, rakuten, 0.05, { draws: 200_000, random }));
    expect(kernel).toStrictEqual(javaScript);
    expect(after[0]).toStrictEqual(after[1]);
  });

  it("takes the quantiles of its draws as quantile.ts does", () => {
    useMonteCarloKernel(binary);
    fc.assert(
      fc.property(fewCounts, fc.integer(), fc.integer({ min: 1, max: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), (posterior, seed, count, probability) => {
        const draws = kernelDraws([posterior], PRIOR, count, seededRandom(seed)) as NonNullable<ReturnType<typeof kernelDraws>>;
        const expected = quantile(draws.values.slice(), probability);
        expect(draws.quantile(probability)).toBe(expected);
      }),
      { numRuns: 200, seed: 7 },
    );
    useMonteCarloKernel(null);
  });

  it.each(SHARED_CASES.map((c) => [c.name, c] as const))("matches the SciPy reference itself: %s", (name, c) => {
    // As bayes.test.ts holds the JavaScript to it, with the module drawing.
    useMonteCarloKernel(binary);
    try {
      expectSharedComparison(name, c, 20240601);
    } finally {
      useMonteCarloKernel(null);
    }
  });

  it("leaves to JavaScript what it does not draw: other random sources, or no module", () => {
    useMonteCarloKernel(binary);
    const posterior: CategoryCounts = { detractors: 2, passives: 1, promoters: 5 };
    expect(kernelDraws([posterior], PRIOR, 10, () => 0.5)).toBeNull();
    expect(kernelDraws([posterior], PRIOR, 10, seededRandom(1))).not.toBeNull();
    useMonteCarloKernel(null);
    expect(kernelDraws([posterior], PRIOR, 10, seededRandom(1))).toBeNull();
  });
});
