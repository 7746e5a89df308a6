/**
 * How numbers read in sentences and tables. Shared by the verdict sentence and every renderer so that all
 * formats print the same figures.
 */

/** NPS points with one decimal; `-0.0` prints as `0.0`. */
export function formatPoints(points: number): string {
  const text = points.toFixed(1);
  return text === "-0.0" ? "0.0" : text;
}

/** Points with an explicit sign, for differences: `+1.2`, `-0.8`, `0.0`. */
export function formatSignedPoints(points: number): string {
  const text = formatPoints(points);
  return points > 0 && text !== "0.0" ? `+${text}` : text;
}

/** A p-value to three significant figures, or `< 0.001`. */
export function formatPValue(pValue: number | null): string {
  if (pValue === null) return "n/a";
  if (pValue < 0.001) return "< 0.001";
  return pValue.toPrecision(3).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

/** A confidence level from alpha: 0.05 -> `95%`, 0.1 (two-sided TOST at 0.05) -> `90%`. */
export function formatLevel(alpha: number): string {
  return `${Number(((1 - alpha) * 100).toFixed(2))}%`;
}

export function formatInterval(low: number, high: number): string {
  return `${formatPoints(low)} to ${formatPoints(high)}`;
}

/** A probability as a percentage with one decimal. */
export function formatProbability(probability: number): string {
  return `${(probability * 100).toFixed(1)}%`;
}
