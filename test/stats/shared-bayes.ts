/** The Bayesian comparison of a shared case against its SciPy reference (bayes.test.ts, monte-carlo-kernel.test.ts). */
import { bayesComparison } from "../../src/stats/intervals/bayes.js";
import { categoryCounts } from "../../src/stats/nps.js";
import { seededRandom } from "../../src/stats/random.js";
import { expectClose } from "./close.js";
import { PROBABILITY_TOLERANCE, quantileTolerance } from "./monte-carlo.js";
import { DRAWS, SHARED_REFERENCE_DRAWS, type SharedCase } from "./reference.js";

/** bayesComparison of `c`, DRAWS draws from `seed`, within monte-carlo.ts' tolerances of the SciPy reference. */
export function expectSharedComparison(name: string, c: SharedCase, seed: number): void {
  const result = bayesComparison(categoryCounts(c.scoresA), categoryCounts(c.scoresB), c.alpha, { draws: DRAWS, random: seededRandom(seed) });
  const expected = c.bayes.differenceCredibleInterval;
  const tolerance = quantileTolerance(expected, c.alpha, DRAWS, SHARED_REFERENCE_DRAWS);
  expectClose(result.probabilityTreatmentBetter, c.bayes.probabilityTreatmentBetter, { abs: PROBABILITY_TOLERANCE }, `${name} P(B > A)`);
  expectClose(result.differenceInterval.low, expected[0], { abs: tolerance }, `${name} credible low`);
  expectClose(result.differenceInterval.high, expected[1], { abs: tolerance }, `${name} credible high`);
}
