/**
 * Bayesian (Dirichlet-multinomial) credible intervals for one NPS and for the difference of two, by Monte Carlo.
 */
import { sampleSize } from "../nps.js";
import { quantile } from "../quantile.js";
import { kernelDraws, type Draws } from "../monte-carlo-kernel.js";
import { gammaSampler } from "../random.js";
import type { CategoryCounts, Interval, MonteCarloOptions, RandomSource } from "../types.js";

/** The Dirichlet(1, 1, 1) prior: uniform over the (detractor, passive, promoter) shares. */
export const PRIOR = { detractors: 1, passives: 1, promoters: 1 } as const;

function requireMonteCarlo(alpha: number, options: MonteCarloOptions): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(Number.isSafeInteger(options.draws) && options.draws > 0)) throw new RangeError(`draws must be a positive integer, got ${options.draws}`);
}

/**
 * A sampler of posterior draws of the NPS in points. The shares (D, S, P) ~ Dirichlet(d + 1, s + 1, p + 1) are
 * drawn as normalised independent gamma variates (Devroye, "Non-Uniform Random Variate Generation", 1986,
 * ch. XI.4): G_k ~ Gamma(alpha_k), share_k = G_k / sum G; then NPS = 100 (G_p - G_d) / (G_d + G_s + G_p).
 */
export function posteriorNpsSampler(counts: CategoryCounts): (random: RandomSource) => number {
  sampleSize(counts); // throws on invalid counts
  const detractors = gammaSampler(counts.detractors + PRIOR.detractors);
  const passives = gammaSampler(counts.passives + PRIOR.passives);
  const promoters = gammaSampler(counts.promoters + PRIOR.promoters);
  return (random) => {
    const detractorDraw = detractors(random);
    const passiveDraw = passives(random);
    const promoterDraw = promoters(random);
    return (100 * (promoterDraw - detractorDraw)) / (detractorDraw + passiveDraw + promoterDraw);
  };
}

/**
 * `options.draws` posterior draws of the NPS (one posterior) or of the first NPS minus the second (two), each
 * draw taking its variates in that order; by the WebAssembly module when it can (monte-carlo-kernel.ts: the
 * same doubles), else here.
 */
function posteriorDraws(posteriors: readonly CategoryCounts[], options: MonteCarloOptions): Draws {
  posteriors.forEach(sampleSize); // throws on invalid counts
  const fast = kernelDraws(posteriors, PRIOR, options.draws, options.random);
  if (fast !== null) return fast;
  const [first, second] = posteriors.map(posteriorNpsSampler) as [(random: RandomSource) => number, ((random: RandomSource) => number) | undefined];
  const values = new Float64Array(options.draws);
  let positive = 0;
  for (let index = 0; index < values.length; index++) {
    const value = second === undefined ? first(options.random) : first(options.random) - second(options.random);
    values[index] = value;
    if (value > 0) positive++;
  }
  return { values, positive, quantile: (probability) => quantile(values, probability) };
}

function equalTailed(draws: Draws, alpha: number): Interval {
  return { low: draws.quantile(alpha / 2), high: draws.quantile(1 - alpha / 2) };
}

/**
 * Equal-tailed Bayesian credible interval of the NPS: with a Dirichlet(1, 1, 1) prior on the (detractor,
 * passive, promoter) shares the posterior is Dirichlet(d + 1, s + 1, p + 1) (conjugacy; Gelman et al.,
 * "Bayesian Data Analysis", 3rd ed., chapter 3); the interval is the alpha/2 and 1 - alpha/2 quantiles of
 * `options.draws` posterior draws of 100 (P - D) (Hyndman-Fan type 7 sample quantiles, see `quantile`). Monte Carlo error of an end is about
 * sqrt(q (1 - q) / draws) / f(x_q), f the posterior density (e.g. 0.003 posterior SDs for 10^6 draws, q = 0.025).
 * Reproducible given the seeded `options.random`.
 *
 * @example bayesInterval({ detractors: 1, passives: 2, promoters: 3 }, 0.05, { draws: 10_000, random: seededRandom(1) })
 * // { low: -28.891847866543422, high: 67.387921934225 }
 */
export function bayesInterval(counts: CategoryCounts, alpha: number, options: MonteCarloOptions): Interval {
  requireMonteCarlo(alpha, options);
  return equalTailed(posteriorDraws([counts], options), alpha);
}

/**
 * Bayesian comparison of two independent variants under Dirichlet(1, 1, 1) priors: from `options.draws`
 * joint posterior draws of NPS_A (control) and NPS_B (treatment), the probability P(NPS_B > NPS_A) (the share
 * of draws with NPS_B > NPS_A) and the equal-tailed (1 - alpha) credible interval of NPS_B - NPS_A.
 * Monte Carlo SE of the probability: sqrt(p (1 - p) / draws) <= 0.0005 for 10^6 draws.
 *
 * @example bayesComparison({ detractors: 1, passives: 2, promoters: 3 }, { detractors: 0, passives: 0, promoters: 10 }, 0.05, { draws: 10_000, random: seededRandom(1) })
 * // { probabilityTreatmentBetter: 0.9701, differenceInterval: { low: -2.123523592963586, high: 111.08356215167241 } }
 */
export function bayesComparison(
  control: CategoryCounts,
  treatment: CategoryCounts,
  alpha: number,
  options: MonteCarloOptions,
): { probabilityTreatmentBetter: number; differenceInterval: Interval } {
  requireMonteCarlo(alpha, options);
  const differences = posteriorDraws([treatment, control], options);
  return { probabilityTreatmentBetter: differences.positive / options.draws, differenceInterval: equalTailed(differences, alpha) };
}
