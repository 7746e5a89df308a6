/** The verdict in one plain sentence: the first thing every report says. */
import { formatInterval, formatLevel, formatPoints, formatPValue, formatSignedPoints } from "./format.js";
import type { Report } from "./report.js";

type SummaryInput = Pick<Report, "parameters" | "comparison" | "verdict">;

export function summarise({ parameters, comparison, verdict }: SummaryInput): string {
  const { control, treatment, alpha, margin } = parameters;
  const { decision } = comparison;
  const what = decision.basis === "stratified-by-month" ? "season-adjusted difference" : "difference";
  const intervalKind = decision.sequential ? "confidence sequence" : "CI";
  const difference = formatSignedPoints(decision.difference);
  const marginText = `±${formatPoints(margin)} point margin`;
  const intervalText = (level: number, interval: { low: number; high: number } | null): string =>
    interval === null ? "" : ` (${formatLevel(level)} ${intervalKind} ${formatInterval(interval.low, interval.high)})`;
  switch (verdict) {
    case "equivalent": {
      const zP = comparison.tests.z.pValue;
      const pText = formatPValue(zP);
      const significant =
        decision.basis === "pooled" && zP !== null && zP < alpha
          ? ` The difference is statistically significant (p ${pText.startsWith("<") ? pText : `= ${pText}`}) but smaller than the margin.`
          : "";
      return `No meaningful change: the ${what}, ${difference} points${intervalText(2 * alpha, decision.gateCi)}, lies within the ${marginText}.${significant}`;
    }
    case "improved":
      return `Improved: ${treatment} scores ${formatPoints(decision.difference)} points higher than ${control}${intervalText(alpha, decision.ci)}${what === "difference" ? "" : ", season-adjusted"}.`;
    case "worsened":
      return `Worsened: ${treatment} scores ${formatPoints(-decision.difference)} points lower than ${control}${intervalText(alpha, decision.ci)}${what === "difference" ? "" : ", season-adjusted"}.`;
    case "inconclusive":
      if (decision.ci === null) {
        return `Inconclusive: the ${what}, ${difference} points, has no sampling variance (every respondent of each variant is in one category), so nothing can be concluded.`;
      }
      return `Inconclusive: the ${what}, ${difference} points${intervalText(alpha, decision.ci)}, is neither clearly different from zero nor shown to lie within the ${marginText}; more responses are needed.`;
  }
}
