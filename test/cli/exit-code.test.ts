import { describe, expect, it } from "vitest";
import { exitCodeFor } from "../../src/cli/exit-code.js";
import type { GateResult } from "../../src/analysis/gate.js";

const gate = (outcome: GateResult["outcome"]): GateResult => ({ gate: "equivalence", outcome, rule: "", interval: null, sentence: "" });

describe("exitCodeFor (DESIGN.md exit codes)", () => {
  it.each([
    [null, 0],
    [gate("pass"), 0],
    [gate("fail"), 1],
    [gate("inconclusive"), 3],
  ] as const)("gate %j -> %d", (result, code) => {
    expect(exitCodeFor({ gate: result })).toBe(code);
  });
});
