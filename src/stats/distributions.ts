/**
 * The normal and chi-square distribution functions: the only module that imports jstat, so there is one place
 * to check them against references (test/reference/extra-cases.json, "distributions").
 *
 * jStat supplies the normal quantile's starting value, ln Gamma for non-half-integer shapes and the gamma
 * CDF used to test the gamma sampler. Its own `erfc` and chi-square CDF compute `1 - (1 - tail)`, which
 * cancels to 0 for tails below ~1e-16 (a chi-square p-value of 2e-18 comes out as 0) and its ln Gamma(1/2)
 * is 4e-14 off, so the normal and chi-square tails are computed here from the regularized incomplete gamma
 * function, accurate to ~1e-15 relative all the way out.
 */
import jStat from "jstat";

/** Relative accuracy at which the continued fraction stops. */
const EPSILON = 1e-16;
/** Guard against a non-convergent continued fraction; it converges in < 100 terms where it is used. */
const MAX_TERMS = 10_000;
/** Smallest number that is safely not 0 in the modified Lentz algorithm. */
const TINY = 1e-300;

/**
 * ln Gamma(a). Exact (up to rounding) for the half-integers the chi-square and normal distributions need,
 * by the recurrence Gamma(a) = (a - 1) Gamma(a - 1) from Gamma(1) = 1 or Gamma(1/2) = sqrt(pi) (Abramowitz &
 * Stegun 1964, eqs. 6.1.8 and 6.1.15); jStat's Lanczos approximation otherwise (~1e-14 relative: it gives
 * ln Gamma(1/2) 4e-14 off, which would show in normal tails).
 *
 * @example logGamma(0.5) // 0.5723649429247001
 */
export function logGamma(a: number): number {
  if (!(a > 0)) throw new RangeError(`logGamma needs a > 0, got ${a}`);
  if (Number.isInteger(2 * a) && a <= 1000) {
    let result = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI);
    for (let factor = a - 1; factor > 0.25; factor -= 1) result += Math.log(factor);
    return result;
  }
  return jStat.gammaln(a);
}

/** e^-x x^a / Gamma(a), the factor shared by the series and the continued fraction. */
function gammaPrefactor(a: number, x: number): number {
  return Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** P(a, x) by its power series, for x < a + 1 (Press et al., Numerical Recipes, 3rd ed., 2007, section 6.2). */
function lowerRegularizedGammaSeries(a: number, x: number): number {
  if (x === 0) return 0;
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n <= MAX_TERMS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * gammaPrefactor(a, x);
}

/** Q(a, x) by its continued fraction, modified Lentz algorithm, for x >= a + 1 (Numerical Recipes, 6.2, 5.2). */
function upperRegularizedGammaFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let fraction = d;
  for (let term = 1; term <= MAX_TERMS; term++) {
    const numerator = -term * (term - a);
    b += 2;
    d = numerator * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + numerator / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return fraction * gammaPrefactor(a, x);
}

/**
 * Regularized upper incomplete gamma function Q(a, x) = Gamma(a, x) / Gamma(a) = 1 - P(a, x).
 *
 * As in Press et al. (Numerical Recipes, 3rd ed., 2007, section 6.2): 1 - the power series of P for
 * x < a + 1 (Q is not small there, so nothing cancels), the continued fraction for Q itself otherwise, so
 * tails as small as 1e-300 keep their relative accuracy.
 *
 * @example upperRegularizedGamma(1, 2) // 0.1353352832366127 (= e^-2)
 */
export function upperRegularizedGamma(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`upperRegularizedGamma needs a > 0 and x >= 0, got a=${a}, x=${x}`);
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - lowerRegularizedGammaSeries(a, x) : upperRegularizedGammaFraction(a, x);
}

/**
 * Standard normal cumulative distribution function Phi(x) = P(Z <= x), Z ~ N(0, 1).
 *
 * Computed from the tail Pr(Z > |x|) = erfc(|x|/sqrt 2)/2 = Q(1/2, x^2/2)/2 (NIST DLMF 7.11.2:
 * erfc z = Gamma(1/2, z^2)/sqrt(pi)), so it keeps full relative accuracy deep in the lower tail.
 *
 * @example normalCdf(-1.959963984540054) // 0.025000000000000043
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError("normalCdf of NaN");
  const tail = 0.5 * upperRegularizedGamma(0.5, (x * x) / 2);
  return x < 0 ? tail : 1 - tail;
}

/** Standard normal density phi(x) = exp(-x^2/2) / sqrt(2 pi). */
function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * Standard normal quantile Phi^-1(p), for 0 < p < 1.
 *
 * jStat's inverse (a rational starting value refined by two Halley steps on its erfc: ~1e-15 near the
 * centre but 3e-9 off at p = 1e-10) polished by Halley steps on the accurate `normalCdf` (one or two suffice unless p < 1e-20):
 * x <- x - t / (1 + x t / 2), t = (Phi(x) - p) / phi(x) (cubic convergence; Halley 1694, as in Acklam's
 * refinement). Upper-half p is mirrored, Phi^-1(p) = -Phi^-1(1 - p), where 1 - p is exact.
 *
 * @example normalQuantile(0.975) // 1.9599639845400547
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  if (p === 0.5) return 0;
  if (p > 0.5) return -normalQuantile(1 - p);
  let x = jStat.normal.inv(p, 0, 1);
  for (let iteration = 0; iteration < 20; iteration++) {
    const t = (normalCdf(x) - p) / normalDensity(x);
    const step = t / (1 + (x * t) / 2);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.abs(x)) break;
  }
  return x;
}

/**
 * Two-sided p-value of a standard normal statistic: 2 Pr(Z > |z|), computed from the tail (no 1 - Phi).
 *
 * @example twoSidedNormalPValue(1.959963984540054) // 0.050000000000000086
 */
export function twoSidedNormalPValue(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/**
 * Critical value z(1 - alpha/2) of a two-sided (1 - alpha) normal interval; alpha in (0, 1).
 *
 * @example twoSidedCriticalValue(0.05) // 1.9599639845400547
 */
export function twoSidedCriticalValue(alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  return normalQuantile(1 - alpha / 2);
}

/**
 * Chi-square survival function Pr(X > statistic), X ~ chi-square(df): Q(df/2, statistic/2)
 * (Press et al., Numerical Recipes, 3rd ed., section 6.14). Accurate for tiny p-values.
 *
 * @example chiSquareSurvival(5.991464547107979, 2) // 0.05000000000000008
 */
export function chiSquareSurvival(statistic: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`chi-square df must be > 0, got ${df}`);
  if (!(statistic >= 0)) throw new RangeError(`chi-square statistic must be >= 0, got ${statistic}`);
  return upperRegularizedGamma(df / 2, statistic / 2);
}

/**
 * Gamma(shape, scale 1) cumulative distribution function P(shape, x), from jStat; used to check
 * `gammaVariate` (a Kolmogorov-Smirnov test in test/stats/random.test.ts).
 *
 * @example gammaCdf(1, 1) // 0.6321205588285578 (= 1 - e^-1)
 */
export function gammaCdf(x: number, shape: number): number {
  return x <= 0 ? 0 : jStat.gamma.cdf(x, shape, 1);
}
