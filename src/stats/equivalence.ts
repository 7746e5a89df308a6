/**
 * Equivalence of two NPS: Schuirmann's two one-sided tests (TOST) with a margin in points.
 */
import { normalCdf, normalQuantile } from "./distributions.js";
import type { DegenerateReason, Interval } from "./types.js";

/**
 * Two one-sided tests (Schuirmann 1987, "A comparison of the two one-sided tests procedure and the power
 * approach for assessing the equivalence of average bioavailability", J. Pharmacokinet. Biopharm. 15(6)) of
 * H0: |difference| >= m against H1: -m < difference < m, with the Wald SE (normal approximation):
 *   p = max(1 - Phi((diff + m)/SE), Phi((diff - m)/SE)),
 *   ci = diff +- z(1 - alpha) SE, the (1 - 2 alpha) interval; equivalent iff -m < ci.low and ci.high < m,
 * which is the same decision as p < alpha. `difference`, `se` and `marginPoints` are in NPS points.
 * SE 0 -> no test (`zero-standard-error`): there is no sampling variability to test against.
 *
 * @example tost(-0.775, 0.7866190016456507, 5, 0.05)
 * // { pValue: 3.9131468512833e-8, ci: { low: -2.068873117885795, high: 0.5188731178857947 }, equivalent: true }
 */
export function tost(
  difference: number,
  se: number,
  marginPoints: number,
  alpha: number,
): { pValue: number; ci: Interval; equivalent: boolean } | { pValue: null; ci: null; equivalent: false; reason: DegenerateReason } {
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`TOST alpha must be in (0, 0.5), got ${alpha}`);
  if (!(marginPoints > 0)) throw new RangeError(`equivalence margin must be > 0 points, got ${marginPoints}`);
  if (!Number.isFinite(difference) || !(se >= 0)) throw new RangeError(`invalid difference ${difference} or SE ${se}`);
  if (se === 0) return { pValue: null, ci: null, equivalent: false, reason: "zero-standard-error" };
  // 1 - Phi(x) computed as Phi(-x): no cancellation for tiny p-values.
  const pValue = Math.max(normalCdf(-(difference + marginPoints) / se), normalCdf((difference - marginPoints) / se));
  const halfWidth = normalQuantile(1 - alpha) * se;
  const ci = { low: difference - halfWidth, high: difference + halfWidth };
  return { pValue, ci, equivalent: -marginPoints < ci.low && ci.high < marginPoints };
}
