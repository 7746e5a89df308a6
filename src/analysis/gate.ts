/**
 * Gates for CI: one flag states the decision rule. With [L, U] the (1 - 2 alpha) interval of the difference
 * (treatment - control; the TOST interval, or the confidence sequence with --sequential) and margin m:
 * - noninferiority: pass when L > -m, fail when U < -m;
 * - equivalence:    pass when -m < L and U < m, fail when L > m or U < -m;
 * - superiority:    pass when L > 0, fail when U < 0;
 * anything else is inconclusive: not enough evidence either way yet. These are the interval forms of the
 * one-sided tests at level alpha (Wellek 2010, "Testing Statistical Hypotheses of Equivalence and
 * Noninferiority", 2nd ed., ch. 2 and 6; Schuirmann 1987).
 */
import { formatInterval, formatLevel, formatPoints } from "./format.js";
import type { Interval } from "../stats/types.js";

export const GATES = ["noninferiority", "equivalence", "superiority"] as const;
export type Gate = (typeof GATES)[number];
export type GateOutcome = "pass" | "fail" | "inconclusive";

export interface GateResult {
  readonly gate: Gate;
  readonly outcome: GateOutcome;
  readonly rule: string;
  readonly interval: Interval | null;
  /** The gate, its rule and its outcome in one sentence. */
  readonly sentence: string;
}

function outcomeOf(gate: Gate, { low, high }: Interval, margin: number): GateOutcome {
  switch (gate) {
    case "noninferiority":
      return low > -margin ? "pass" : high < -margin ? "fail" : "inconclusive";
    case "equivalence":
      return -margin < low && high < margin ? "pass" : low > margin || high < -margin ? "fail" : "inconclusive";
    case "superiority":
      return low > 0 ? "pass" : high < 0 ? "fail" : "inconclusive";
  }
}

function ruleOf(gate: Gate, margin: number): string {
  const m = formatPoints(margin);
  const rules = {
    noninferiority: `passes when the lower bound is above -${m}, fails when the upper bound is below -${m}`,
    equivalence: `passes when the interval lies inside ±${m}, fails when it lies wholly outside`,
    superiority: "passes when the lower bound is above 0, fails when the upper bound is below 0",
  } satisfies Record<Gate, string>;
  return rules[gate];
}

export function evaluateGate(gate: Gate, interval: Interval | null, marginPoints: number, alpha: number, intervalName: string): GateResult {
  const rule = ruleOf(gate, marginPoints);
  const outcome = interval === null ? "inconclusive" : outcomeOf(gate, interval, marginPoints);
  const shown =
    interval === null
      ? "no interval could be computed (no sampling variance)"
      : `the ${formatLevel(2 * alpha)} ${intervalName} is ${formatInterval(interval.low, interval.high)} points`;
  const verb = { pass: "passed", fail: "failed", inconclusive: "is inconclusive" } satisfies Record<GateOutcome, string>;
  return { gate, outcome, rule, interval, sentence: `The ${gate} gate ${verb[outcome]}: ${shown}; it ${rule}.` };
}
