/**
 * Sample quantiles of a large array of draws in expected linear time (Monte Carlo credible intervals).
 */

/** Rearranges values[from..to] so that values[k] is the k-th smallest, smaller ones before it, larger after. */
function selectInPlace(values: Float64Array, k: number, from: number, to: number): void {
  let left = from;
  let right = to;
  while (left < right) {
    // Median of three as the pivot (Sedgewick 1978), then Hoare's partition (Hoare 1961, "Algorithm 65: FIND").
    const middle = left + ((right - left) >> 1);
    const pivot = medianOfThree(values[left]!, values[middle]!, values[right]!);
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}

/**
 * Sample quantile by linear interpolation between order statistics, Hyndman & Fan (1996, The American
 * Statistician 50(4)) definition 7, the default of R and NumPy: with h = (n - 1) q,
 * Q(q) = x_(floor h) + (h - floor h) (x_(floor h + 1) - x_(floor h)), x_(i) the order statistics from 0.
 * Found by quickselect (expected O(n), no full sort); reorders `values` in place. NaN-free input assumed.
 *
 * @example quantile(Float64Array.of(4, 1, 3, 2), 0.25) // 1.75
 */
export function quantile(values: Float64Array, probability: number): number {
  if (values.length === 0) throw new RangeError("quantile of no values");
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`quantile probability must be in [0, 1], got ${probability}`);
  const position = (values.length - 1) * probability;
  const below = Math.floor(position);
  selectInPlace(values, below, 0, values.length - 1);
  const lower = values[below]!;
  if (below === values.length - 1 || position === below) return lower;
  let upper = Infinity;
  for (let index = below + 1; index < values.length; index++) if (values[index]! < upper) upper = values[index]!;
  return lower + (position - below) * (upper - lower);
}
