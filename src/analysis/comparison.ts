/**
 * One variant's summary and the pooled comparison of the two: the difference with its interval, the tests,
 * the Bayesian probability and the minimum detectable difference.
 */
import { npsDifference } from "../stats/difference.js";
import { bayesComparison } from "../stats/intervals/bayes.js";
import { differenceInterval, npsInterval } from "../stats/intervals/index.js";
import { waldDifferenceInterval } from "../stats/intervals/wald.js";
import { categoryCounts, npsPoints, sampleSize } from "../stats/nps.js";
import { minimumDetectableDifference } from "../stats/power.js";
import { seededRandom } from "../stats/random.js";
import { chiSquareTest } from "../stats/tests/chi-square.js";
import { mannWhitneyTest } from "../stats/tests/mann-whitney.js";
import { zTest } from "../stats/tests/z-test.js";
import type { CategoryCounts, MonteCarloOptions } from "../stats/types.js";
import { variantHistogram, type Tally } from "../tally/tally.js";
import type { AnalysisOptions } from "./options.js";
import type { Report, TestSummary, VariantSummary } from "./report.js";

export interface VariantCounts {
  readonly name: string;
  readonly histogram: number[];
  readonly counts: CategoryCounts;
}

export function variantCounts(tally: Tally, names: readonly [string, string]): [VariantCounts, VariantCounts] {
  const of = (name: string): VariantCounts => {
    const histogram = variantHistogram(tally, name);
    return { name, histogram, counts: categoryCounts(histogram) };
  };
  return [of(names[0]), of(names[1])];
}

/** Each randomised figure gets its own stream from the seed, so adding one never shifts another. */
function monteCarlo(options: AnalysisOptions, stream: number): MonteCarloOptions {
  return { draws: options.draws, random: seededRandom(options.seed + stream) };
}

export function summariseVariant({ name, counts }: VariantCounts, options: AnalysisOptions, stream: number): VariantSummary {
  return {
    name,
    n: sampleSize(counts),
    promoters: counts.promoters,
    passives: counts.passives,
    detractors: counts.detractors,
    nps: npsPoints(counts),
    ci: npsInterval(options.ciMethod, counts, options.alpha, monteCarlo(options, stream)),
  };
}

function toTestSummary(outcome: { statistic: number | null; pValue: number | null; reason?: TestSummary["reason"] }): TestSummary {
  return outcome.reason === undefined
    ? { statistic: outcome.statistic, pValue: outcome.pValue }
    : { statistic: null, pValue: null, reason: outcome.reason };
}

export type PooledComparison = Omit<Report["comparison"], "decision" | "equivalence">;

export function compareVariants([control, treatment]: readonly [VariantCounts, VariantCounts], options: AnalysisOptions): PooledComparison {
  const { difference, se } = npsDifference(control.counts, treatment.counts);
  const bayes = bayesComparison(control.counts, treatment.counts, options.alpha, monteCarlo(options, 3));
  const chiSquare = chiSquareTest(control.counts, treatment.counts);
  const mde = minimumDetectableDifference(control.counts, treatment.counts, options.alpha, options.power);
  return {
    difference,
    se,
    // The bayes interval of the difference is the credible interval already drawn for P(treatment better).
    ci:
      options.ciMethod === "bayes"
        ? bayes.differenceInterval
        : differenceInterval(options.ciMethod, control.counts, treatment.counts, options.alpha, monteCarlo(options, 4)),
    waldCi: waldDifferenceInterval(control.counts, treatment.counts, options.alpha),
    tests: {
      z: toTestSummary(zTest(control.counts, treatment.counts)),
      chiSquare: { ...toTestSummary(chiSquare), df: chiSquare.df },
      mannWhitney: toTestSummary(mannWhitneyTest(control.histogram, treatment.histogram)),
    },
    bayes: { probabilityTreatmentBetter: bayes.probabilityTreatmentBetter, ci: bayes.differenceInterval },
    minimumDetectableDifference:
      mde.mdePoints === null ? { power: options.power, points: null, reason: mde.reason } : { power: options.power, points: mde.mdePoints },
  };
}
