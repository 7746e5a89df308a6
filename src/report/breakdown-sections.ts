/**
 * Sections of the breakdowns: timeline (with per-variant sparklines), season adjustment and trend, phases and
 * baseline, segments, and the sample ratio check. Plain rows, rendered by both the table and Markdown formats.
 */
import { formatInterval, formatLevel, formatPoints, formatPValue, formatSignedPoints } from "../analysis/format.js";
import type { Report } from "../analysis/report.js";
import type { SliceVariant } from "../analysis/breakdown.js";
import type { Interval } from "../stats/types.js";
import type { Section } from "./sections.js";
import { sparkline } from "./sparkline.js";

const count = (n: number): string => n.toLocaleString("en-US");
const points = (value: number | null): string => (value === null ? "n/a" : formatPoints(value));
const signed = (value: number | null): string => (value === null ? "n/a" : formatSignedPoints(value));
const interval = (value: Interval | null): string => (value === null ? "n/a" : formatInterval(value.low, value.high));

function variantCells(variant: SliceVariant): string[] {
  return [count(variant.n), points(variant.nps)];
}

export function timelineSection(report: Report): Section | null {
  if (report.timeline.length === 0) return null;
  const [control, treatment] = [report.parameters.control, report.parameters.treatment];
  const level = formatLevel(report.parameters.alpha);
  const series = (index: 0 | 1): (number | null)[] => report.timeline.map((entry) => entry.variants[index].nps);
  const all = [...series(0), ...series(1)].filter((value): value is number => value !== null);
  const range = { min: Math.min(...all), max: Math.max(...all) };
  const width = Math.max(control.length, treatment.length);
  const line = (name: string, index: 0 | 1): string => {
    const values = series(index).filter((value): value is number => value !== null);
    return `${name.padEnd(width)}  ${sparkline(series(index), range)}  NPS ${points(Math.min(...values))} to ${points(Math.max(...values))}`;
  };
  return {
    title: `Timeline by ${report.parameters.period} (${report.parameters.breakdownCiMethod} intervals)`,
    preface: [line(control, 0), line(treatment, 1)],
    head: ["Period", `n ${control}`, `NPS ${control}`, `n ${treatment}`, `NPS ${treatment}`, "Difference", `${level} CI`],
    rows: report.timeline.map((entry) => [entry.period, ...variantCells(entry.variants[0]), ...variantCells(entry.variants[1]), signed(entry.difference.estimate), interval(entry.difference.ci)]),
    numeric: [1, 2, 3, 4, 5],
  };
}

export function seasonSection(report: Report): Section | null {
  const { stratified, trend, comparison, parameters } = report;
  if (stratified === null && trend === null) return null;
  const level = formatLevel(parameters.alpha);
  const rows: string[][] = [["Pooled difference", signed(comparison.difference), interval(comparison.waldCi), formatPValue(comparison.tests.z.pValue)]];
  if (stratified !== null) {
    rows.push([`Season-adjusted (by month, ${stratified.weights} weights)`, signed(stratified.difference), interval(stratified.ci), formatPValue(stratified.pValue)]);
  }
  if (trend !== null) {
    rows.push([`Trend of the monthly difference, points per month (${trend.months} month${trend.months === 1 ? "" : "s"})`, signed(trend.slopePerMonth), interval(trend.ci), formatPValue(trend.pValue)]);
  }
  const { baseline } = report;
  if (baseline !== null) {
    rows.push([`Difference-in-differences (after vs up to ${baseline.until})`, signed(baseline.differenceInDifferences), interval(baseline.ci), formatPValue(baseline.pValue)]);
  }
  return { title: "Season, trend and baseline", head: ["Estimate", "Points", `${level} CI`, "p-value"], rows, numeric: [1, 3] };
}

export function phaseSection(report: Report): Section | null {
  if (report.phases.length === 0) return null;
  const level = formatLevel(report.parameters.alpha);
  return {
    title: "Rebrand phases",
    head: ["Phase", "From", "To", `n ${report.parameters.control}`, `n ${report.parameters.treatment}`, "Difference", `${level} CI`],
    rows: report.phases.map((phase) => [phase.name, phase.from, phase.to, count(phase.variants[0].n), count(phase.variants[1].n), signed(phase.difference), interval(phase.ci)]),
    numeric: [3, 4, 5],
  };
}

export function segmentSection(report: Report): Section | null {
  if (report.segments.length === 0) return null;
  const { control, treatment, adjust, minSegmentN } = report.parameters;
  const pooled = report.segments.find((segment) => segment.pooled !== undefined);
  return {
    title: `Segments (p-values adjusted: ${adjust})`,
    head: ["Segment", `n ${control}`, `NPS ${control}`, `n ${treatment}`, `NPS ${treatment}`, "Difference", "p-value", "Adjusted p"],
    rows: report.segments.map((segment) => [
      segment.segment,
      ...variantCells(segment.variants[0]),
      ...variantCells(segment.variants[1]),
      signed(segment.difference),
      formatPValue(segment.pValue),
      formatPValue(segment.adjustedPValue),
    ]),
    numeric: [1, 2, 3, 4, 5, 6, 7],
    notes: pooled?.pooled === undefined ? [] : [`(other) pools segments with fewer than ${minSegmentN} responses in a variant: ${pooled.pooled.join(", ")}.`],
  };
}

export function sampleRatioSection(report: Report): Section | null {
  const srm = report.checks.srm;
  if (srm === null) return null;
  const row = (label: string, check: typeof srm | (typeof srm.byPeriod)[number]): string[] => [
    label,
    check.observed.map(count).join(" : "),
    check.expected.map((n) => count(Math.round(n))).join(" : "),
    formatPValue(check.pValue),
    check.mismatch ? "MISMATCH" : "ok",
  ];
  return {
    title: "Sample ratio check (chi-square goodness of fit, mismatch at p < 0.001)",
    head: ["Scope", "Observed", "Expected", "p-value", "Result"],
    rows: [row("Overall", srm), ...srm.byPeriod.map((period) => row(period.period, period))],
    numeric: [3],
  };
}

export function breakdownSections(report: Report): Section[] {
  return [timelineSection(report), seasonSection(report), phaseSection(report), segmentSection(report), sampleRatioSection(report)].filter(
    (section): section is Section => section !== null,
  );
}
