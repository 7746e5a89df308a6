/**
 * src/stats/intervals/bayes.ts against references with no or smaller Monte Carlo error of their own:
 * single-variant credible intervals computed by quadrature (exact to ~1e-9) and two-variant comparisons from
 * NumPy with 4,000,000 draws (test/reference/generate.py), on the edge cases (few respondents, all promoters,
 * one category only, very unbalanced n).
 */
import { describe, it } from "vitest";
import { bayesComparison, bayesInterval } from "../../src/stats/intervals/bayes.js";
import { categoryCounts } from "../../src/stats/nps.js";
import { seededRandom } from "../../src/stats/random.js";
import { expectClose } from "./close.js";
import { PROBABILITY_TOLERANCE, quantileTolerance } from "./monte-carlo.js";
import { DRAWS, EXTRA } from "./reference.js";

const byName = new Map(EXTRA.cases.map((c) => [c.name, c]));
const extraCase = (name: string) => {
  const found = byName.get(name);
  if (found === undefined) throw new Error(`no extra case ${name}`);
  return found;
};

describe("bayesInterval against quadrature, 10^6 draws", () => {
  const variants = [
    ["small-n", "A"],
    ["all-promoters-both", "B"],
    ["control-only-detractors", "A"],
  ] as const;
  it.each(variants)("%s %s", (name, key) => {
    const c = extraCase(name);
    const expected = c[key].bayesExact;
    const result = bayesInterval(categoryCounts(key === "A" ? c.scoresA : c.scoresB), c.alpha, { draws: DRAWS, random: seededRandom(31) });
    const tolerance = quantileTolerance(expected, c.alpha, DRAWS, Infinity);
    expectClose(result.low, expected[0], { abs: tolerance }, `${name} ${key} low`);
    expectClose(result.high, expected[1], { abs: tolerance }, `${name} ${key} high`);
  });
});

describe("bayesComparison against NumPy (4,000,000 draws), 10^6 draws", () => {
  it.each(["all-promoters-both", "unbalanced-30-vs-3000"])("%s", (name) => {
    const c = extraCase(name);
    const result = bayesComparison(categoryCounts(c.scoresA), categoryCounts(c.scoresB), c.alpha, { draws: DRAWS, random: seededRandom(32) });
    const expected = c.bayes.differenceCredibleInterval;
    const tolerance = quantileTolerance(expected, c.alpha, DRAWS, c.bayes.draws);
    expectClose(result.probabilityTreatmentBetter, c.bayes.probabilityTreatmentBetter, { abs: PROBABILITY_TOLERANCE }, `${name} P(B > A)`);
    expectClose(result.differenceInterval.low, expected[0], { abs: tolerance }, `${name} credible low`);
    expectClose(result.differenceInterval.high, expected[1], { abs: tolerance }, `${name} credible high`);
  });
});
