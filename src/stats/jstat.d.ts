/**
 * The few jStat 1.9.6 functions nps-ab uses (jstat ships no types). Only `distributions.ts` imports jstat.
 * jstat is a CommonJS (UMD) module whose `module.exports` is the jStat object, so from ESM it is the default
 * import (a named `import { jStat }` type-checks against a naive declaration but fails at run time in Node).
 */
declare module "jstat" {
  interface JStat {
    /** ln Gamma(x), Lanczos approximation (Numerical Recipes 2nd ed., eq. 6.1.5). */
    gammaln(x: number): number;
    readonly normal: {
      /** Quantile of N(mean, std^2): erfc^-1 with two Halley steps. */
      inv(p: number, mean: number, std: number): number;
    };
    readonly gamma: {
      /** CDF of Gamma(shape, scale). */
      cdf(x: number, shape: number, scale: number): number;
    };
  }
  const jStat: JStat;
  export default jStat;
}
