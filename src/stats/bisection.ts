/**
 * Root of a continuous function by bisection: a bracketing solver that cannot fail once the root is bracketed.
 */

/**
 * Bisection (Burden & Faires, Numerical Analysis, 9th ed., algorithm 2.1): given f(low) and f(high) of
 * opposite signs, halves [low, high] keeping a sign change until it is narrower than `tolerance`, or until
 * the midpoint is no longer representable between the ends (full double precision).
 * Infinite values of f are fine (only their sign is used); NaN is a programmer error.
 *
 * @example bisection((x) => x * x - 2, 0, 2, 1e-12) // 1.414213562372879
 */
export function bisection(f: (x: number) => number, low: number, high: number, tolerance: number): number {
  let lowValue = f(low);
  const highValue = f(high);
  if (Number.isNaN(lowValue) || Number.isNaN(highValue)) throw new RangeError("bisection: f is NaN at an end of the bracket");
  if (lowValue === 0) return low;
  if (highValue === 0) return high;
  if (Math.sign(lowValue) === Math.sign(highValue)) throw new RangeError(`bisection: no sign change on [${low}, ${high}]`);
  let lowEnd = low;
  let highEnd = high;
  while (highEnd - lowEnd > tolerance) {
    const middle = lowEnd + (highEnd - lowEnd) / 2;
    if (middle === lowEnd || middle === highEnd) break;
    const value = f(middle);
    if (Number.isNaN(value)) throw new RangeError(`bisection: f is NaN at ${middle}`);
    if (value === 0) return middle;
    if (Math.sign(value) === Math.sign(lowValue)) {
      lowEnd = middle;
      lowValue = value;
    } else {
      highEnd = middle;
    }
  }
  return lowEnd + (highEnd - lowEnd) / 2;
}
