/**
 * Tolerances for Monte Carlo figures, from their standard errors (not picked by eye).
 *
 * The q-quantile of N draws has standard error sqrt(q (1 - q) / N) / f(x_q), f the density at the quantile
 * (asymptotic normality of sample quantiles; e.g. van der Vaart, "Asymptotic Statistics", 1998, cor. 21.5).
 * We approximate f by a normal density with the posterior SD sigma ~ (reference width) / (2 z(1 - alpha/2)):
 *   SE ~ sigma sqrt(q (1 - q)) / phi(z_q) * sqrt(1/N + 1/N_ref),
 * adding the reference's own Monte Carlo error when it has one (N_ref = 2,000,000 for the shared cases; 4,000,000
 * for NumPy's extra cases; infinite for the quadrature references). The tolerance is 6 of these SEs: skewed
 * posteriors (few respondents, all promoters) have a long tail where the density is up to ~2 times lower than
 * the normal approximation's, so 6 approximate SEs are still >= 3 real ones; with ~40 endpoints checked, a
 * false alarm is then very unlikely, while a real bias (e.g. a wrong prior: +1 pseudo-count shifts the
 * interval by ~sigma / sqrt(n)) would still show for small n. For N = 10^6, q = 0.025 and a reference with
 * 2 * 10^6 draws this is 6 * 0.0033 sigma = 0.02 sigma (0.016 points for the large-equal case, 0.42 for tiny).
 */
import { normalQuantile } from "../../src/stats/distributions.js";

const normalDensity = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

export const MONTE_CARLO_SES = 6;

/** Tolerance for one end (q = alpha/2 or 1 - alpha/2) of an equal-tailed interval. */
export function quantileTolerance(reference: readonly [number, number], alpha: number, draws: number, referenceDraws: number): number {
  const sigma = (reference[1] - reference[0]) / (2 * normalQuantile(1 - alpha / 2));
  const q = alpha / 2;
  const se = (sigma * Math.sqrt(q * (1 - q))) / normalDensity(normalQuantile(q));
  return MONTE_CARLO_SES * se * Math.sqrt(1 / draws + 1 / referenceDraws);
}

/**
 * Tolerance for P(NPS_B > NPS_A): the brief's 2e-3 absolute. The SE of a proportion from 10^6 draws against a
 * 2 * 10^6-draw reference is at most sqrt(0.25 (1/10^6 + 1/(2 10^6))) = 6.1e-4, so 2e-3 is > 3 SEs.
 */
export const PROBABILITY_TOLERANCE = 2e-3;
