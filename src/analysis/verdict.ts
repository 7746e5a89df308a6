/**
 * The decision rule (DESIGN.md): `equivalent` if TOST passes; else `improved` if the (1 - alpha) interval of
 * the difference (Wald, or the confidence sequence with --sequential) lies above 0; `worsened` if below 0;
 * otherwise `inconclusive`. Verdict, z test and TOST all use the same SE, so they never contradict each other.
 * A difference with no sampling variance (SE 0, no interval) supports no conclusion and is `inconclusive`.
 */
import type { Decision } from "./decision.js";
import type { Verdict } from "./report.js";

export function decideVerdict({ ci, equivalent }: Pick<Decision, "ci" | "equivalent">): Verdict {
  if (ci === null) return "inconclusive";
  if (equivalent) return "equivalent";
  if (ci.low > 0) return "improved";
  if (ci.high < 0) return "worsened";
  return "inconclusive";
}
