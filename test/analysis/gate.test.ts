/**
 * Every gate outcome against hand-computed intervals. Example: difference -0.775, SE 0.7866 (reference case
 * large-equal), alpha 0.05: the 90% interval is -0.775 +- 1.6449 * 0.7866 = [-2.069, 0.519].
 */
import { describe, expect, it } from "vitest";
import { evaluateGate, type Gate, type GateOutcome } from "../../src/analysis/gate.js";

const cases: Array<[Gate, number, number, number, GateOutcome]> = [
  // noninferiority: pass L > -m, fail U < -m
  ["noninferiority", -2.069, 0.519, 5, "pass"],
  ["noninferiority", -12, -6, 5, "fail"],
  ["noninferiority", -7, 1, 5, "inconclusive"],
  ["noninferiority", -5, 1, 5, "inconclusive"], // L = -m is not > -m
  // equivalence: pass -m < L and U < m, fail L > m or U < -m
  ["equivalence", -2.069, 0.519, 5, "pass"],
  ["equivalence", 5.5, 9, 5, "fail"],
  ["equivalence", -9, -5.5, 5, "fail"],
  ["equivalence", 3, 7, 5, "inconclusive"],
  ["equivalence", -1, 5, 5, "inconclusive"], // U = m is not < m
  // superiority: pass L > 0, fail U < 0
  ["superiority", 0.4, 3, 5, "pass"],
  ["superiority", -3, -0.1, 5, "fail"],
  ["superiority", -2.069, 0.519, 5, "inconclusive"],
];

describe("evaluateGate", () => {
  it.each(cases)("%s on [%d, %d] with margin %d -> %s", (gate, low, high, margin, outcome) => {
    const result = evaluateGate(gate, { low, high }, margin, 0.05, "interval of the difference");
    expect(result.outcome).toBe(outcome);
    expect(result.sentence).toMatch(new RegExp(`^The ${gate} gate (passed|failed|is inconclusive): the 90% interval of the difference is `));
  });

  it("is inconclusive without an interval (no sampling variance)", () => {
    expect(evaluateGate("superiority", null, 5, 0.05, "interval").outcome).toBe("inconclusive");
  });

  it("states the rule in one sentence", () => {
    expect(evaluateGate("noninferiority", { low: -2.069, high: 0.519 }, 5, 0.05, "interval of the difference").sentence).toBe(
      "The noninferiority gate passed: the 90% interval of the difference is -2.1 to 0.5 points; it passes when the lower bound is above -5.0, fails when the upper bound is below -5.0.",
    );
  });
});
