/** Exit codes (DESIGN.md): a pure function of the report, so it is tested as one. */
import type { Report } from "../analysis/report.js";

export const EXIT = {
  /** The analysis ran (and a gate, if one was asked for, passed). */
  ok: 0,
  /** A gate failed: the data show what the gate forbids. */
  gateFailed: 1,
  /** Usage or input error: nothing was concluded. */
  usage: 2,
  /** A gate is inconclusive: not enough evidence either way yet. */
  gateInconclusive: 3,
} as const;

/** Without a gate, a report that was produced is success whatever its verdict; with one, its outcome decides. */
export function exitCodeFor(report: Pick<Report, "gate">): number {
  switch (report.gate?.outcome) {
    case undefined:
    case "pass":
      return EXIT.ok;
    case "fail":
      return EXIT.gateFailed;
    case "inconclusive":
      return EXIT.gateInconclusive;
  }
}
