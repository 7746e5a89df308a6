/**
 * The report's content as plain rows, built once: the table and Markdown renderers lay out the same rows,
 * so every format carries the same figures.
 */
import { formatInterval, formatLevel, formatPoints, formatProbability, formatPValue, formatSignedPoints } from "../analysis/format.js";
import type { Report, TestSummary } from "../analysis/report.js";
import { DROP_REASONS } from "../tally/tally.js";
import { breakdownSections } from "./breakdown-sections.js";

export interface Section {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns to right-align (numbers). */
  readonly numeric: readonly number[];
  /** Lines shown before the table (e.g. sparklines), in monospace. */
  readonly preface?: readonly string[];
  /** Lines shown after the table (e.g. a note on the method). */
  readonly notes?: readonly string[];
}

const count = (n: number): string => n.toLocaleString("en-US");
const share = (part: number, whole: number): string => `${count(part)} (${((100 * part) / whole).toFixed(1)}%)`;

function statistic(test: TestSummary): string {
  return test.statistic === null ? `n/a (${test.reason ?? "not computed"})` : test.statistic.toFixed(3);
}

export function variantSection(report: Report): Section {
  const level = formatLevel(report.parameters.alpha);
  return {
    title: "Variants",
    head: ["Variant", "Role", "n", "Promoters", "Passives", "Detractors", "NPS", `${level} CI (${report.parameters.ciMethod})`],
    rows: report.variants.map((variant, index) => [
      variant.name,
      index === 0 ? "control" : "treatment",
      count(variant.n),
      share(variant.promoters, variant.n),
      share(variant.passives, variant.n),
      share(variant.detractors, variant.n),
      formatPoints(variant.nps),
      formatInterval(variant.ci.low, variant.ci.high),
    ]),
    numeric: [2, 3, 4, 5, 6],
  };
}

export function differenceSection(report: Report): Section {
  const { parameters, comparison } = report;
  const { decision } = comparison;
  const level = formatLevel(parameters.alpha);
  const interval = (value: { low: number; high: number } | null): string => (value === null ? "n/a (no sampling variance)" : formatInterval(value.low, value.high));
  const basis = decision.basis === "stratified-by-month" ? "season-adjusted difference" : "difference";
  const kind = decision.sequential ? "confidence sequence" : "CI (Wald)";
  const rows: string[][] = [
    ["Estimate (pooled)", `${formatSignedPoints(comparison.difference)} (SE ${comparison.se.toFixed(2)})`],
    [`${level} CI (${parameters.ciMethod})`, interval(comparison.ci)],
  ];
  if (decision.basis !== "pooled") rows.push(["Season-adjusted estimate (verdict basis)", `${formatSignedPoints(decision.difference)} (SE ${decision.se.toFixed(2)})`]);
  rows.push(
    [`${level} ${kind} of the ${basis}: verdict`, interval(decision.ci)],
    [`${formatLevel(2 * parameters.alpha)} ${kind} of the ${basis}: equivalence and gates`, `${interval(decision.gateCi)} vs margin ±${formatPoints(comparison.equivalence.margin)}`],
  );
  const mde = comparison.minimumDetectableDifference;
  rows.push([`Minimum detectable difference (${Math.round(mde.power * 100)}% power)`, mde.points === null ? `n/a (${mde.reason ?? "not computed"})` : `${formatPoints(mde.points)} points`]);
  return {
    title: `Difference (${parameters.treatment} − ${parameters.control}), NPS points`,
    head: ["Measure", "Value"],
    rows,
    numeric: [],
  };
}

export function testSection(report: Report): Section {
  const { tests, equivalence, bayes } = report.comparison;
  const level = formatLevel(report.parameters.alpha);
  return {
    title: "Tests (two-sided)",
    head: ["Test", "Result", "p-value"],
    rows: [
      ["z test on the NPS difference", statistic(tests.z), formatPValue(tests.z.pValue)],
      [`Chi-square, promoters/passives/detractors (df ${tests.chiSquare.df ?? "n/a"})`, statistic(tests.chiSquare), formatPValue(tests.chiSquare.pValue)],
      [
        "Mann-Whitney U on 0-10 scores",
        tests.mannWhitney.statistic === null ? statistic(tests.mannWhitney) : count(tests.mannWhitney.statistic),
        formatPValue(tests.mannWhitney.pValue),
      ],
      [`Equivalence (TOST), margin ±${formatPoints(equivalence.margin)}`, equivalence.equivalent ? "equivalent" : "not shown", formatPValue(equivalence.pValue)],
      [
        `Bayesian P(${report.parameters.treatment} better)`,
        `${formatProbability(bayes.probabilityTreatmentBetter)} (${level} CrI ${formatInterval(bayes.ci.low, bayes.ci.high)})`,
        "",
      ],
    ],
    numeric: [1, 2],
  };
}

export function accountingSection(report: Report): Section {
  const reasons = DROP_REASONS.filter((reason) => (report.data.rowsDropped[reason] ?? 0) > 0);
  const droppedCells = (dropped: Report["data"]["rowsDropped"]): string[] => reasons.map((reason) => count(dropped[reason] ?? 0));
  // How each file was read, e.g. "qualtrics (semicolon, utf-16le, gzip)"; the extra columns come last so the
  // counts keep their places. Repeat responses are shown when respondents could be identified.
  const delimiterNames: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };
  const readAs = (source: Report["data"]["sources"][number]): string => {
    if (source.platform === undefined) return "";
    const delimiter = source.delimiter === undefined ? [] : [delimiterNames[source.delimiter] ?? JSON.stringify(source.delimiter)];
    const details = [...delimiter, ...(source.encoding === undefined ? [] : [source.encoding]), ...(source.compressed === true ? ["gzip"] : [])];
    return details.length === 0 ? source.platform : `${source.platform} (${details.join(", ")})`;
  };
  const { respondents } = report.data;
  const repeats = (n: number | undefined): string[] => (respondents === undefined ? [] : [count(n ?? 0)]);
  // Which columns said a row is a duplicate or a repeat (found by name or given), when any file has one.
  const keyed = report.data.sources.some(({ columns }) => (columns.responseId ?? null) !== null || (columns.respondent ?? null) !== null);
  const keys = (columns: Report["data"]["sources"][number]["columns"]): string[] =>
    keyed ? [`${columns.responseId ?? "-"} / ${columns.respondent ?? "-"}`] : [];
  const rows = report.data.sources.map((source) => [
    source.file,
    source.variant ?? `(by ${source.columns.variant ?? "column"})`,
    count(source.rowsRead),
    count(source.rowsUsed),
    ...droppedCells(source.rowsDropped),
    readAs(source),
    ...keys(source.columns),
    ...repeats(source.repeatResponses),
  ]);
  rows.push(["Total", "", count(report.data.rowsRead), count(report.data.rowsUsed), ...droppedCells(report.data.rowsDropped), "", ...(keyed ? [""] : []), ...repeats(respondents?.repeatResponses)]);
  const contamination =
    respondents === undefined ? "" : ` · ${count(respondents.crossVariant)} respondent${respondents.crossVariant === 1 ? "" : "s"} answered in both variants`;
  return {
    title: `Data accounting (rows read = used + dropped)${contamination}`,
    head: ["Source", "Variant", "Read", "Used", ...reasons.map((reason) => `Dropped: ${reason}`), "Read as", ...(keyed ? ["ID / respondent"] : []), ...(respondents === undefined ? [] : ["Repeat responses"])],
    rows,
    numeric: [2, 3, ...reasons.map((_, index) => 4 + index), ...(respondents === undefined ? [] : [5 + reasons.length + (keyed ? 1 : 0)])],
  };
}

export function allSections(report: Report): Section[] {
  return [variantSection(report), differenceSection(report), testSection(report), ...breakdownSections(report), accountingSection(report)];
}
