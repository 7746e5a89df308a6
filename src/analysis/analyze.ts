/**
 * Tally + options -> Report: a pure function. Picks the two variants, summarises each, compares them
 * (difference, intervals, tests, equivalence, Bayesian probability), breaks the comparison down by time and
 * segment, and states the verdict (and a gate's outcome, when one was asked for).
 */
import { InputError, UsageError } from "../errors.js";
import { tost } from "../stats/equivalence.js";
import { sampleSize } from "../stats/nps.js";
import { totalDropped, type DropReason, type Tally } from "../tally/tally.js";
import { sampleRatioCheck } from "./checks.js";
import { compareVariants, summariseVariant, variantCounts } from "./comparison.js";
import { decide } from "./decision.js";
import { evaluateGate } from "./gate.js";
import type { AnalysisOptions } from "./options.js";
import { buildBaseline, buildPhases } from "./phases.js";
import { breakdownMethod } from "./breakdown.js";
import { SCHEMA_VERSION, type Report, type SourceAccounting } from "./report.js";
import { monthlyTrend, stratifyByMonth } from "./season.js";
import { buildSegments } from "./segments.js";
import { summarise } from "./summary.js";
import { buildTimeline } from "./timeline.js";
import { decideVerdict } from "./verdict.js";
import { collectWarnings } from "./warnings.js";

/** The control and treatment names: exactly two variants, the control first unless `controlName` says. */
export function selectVariants(tally: Tally, controlName: string | undefined, sources: readonly SourceAccounting[] = []): [string, string] {
  const names = tally.variantOrder;
  if (names.length !== 2) {
    const found = names.length === 0 ? "none" : names.map((name) => JSON.stringify(name)).join(", ");
    // With --variant-column a variant is found by its used rows: dropped rows can leave one or none.
    const { rowsRead } = tally.accounting;
    const dropped = totalDropped(tally.accounting);
    const why = names.length < 2 && dropped > 0 ? `; ${dropped === rowsRead ? `all ${count(rowsRead)}` : `${count(dropped)} of ${count(rowsRead)}`} rows read were dropped (${reasons(tally.accounting.rowsDropped)})` : "";
    const hint = (why === "" ? undefined : dropHint(tally.accounting.rowsDropped, sources)) ?? "give one file per variant, or --variant-column naming a column with two values";
    throw new InputError(`expected exactly two variants, found ${names.length}: ${found}${why}`, { file: "<inputs>" }, hint);
  }
  const [first, second] = names as [string, string];
  if (controlName === undefined || controlName === first) return [first, second];
  if (controlName === second) return [second, first];
  throw new UsageError(`--control ${JSON.stringify(controlName)} is not a variant; variants: ${JSON.stringify(first)}, ${JSON.stringify(second)}`);
}

const count = (n: number): string => n.toLocaleString("en-US");

/** Drop reasons with rows, most rows first. */
function byRows(dropped: Partial<Record<DropReason, number>>): [DropReason, number][] {
  return (Object.entries(dropped) as [DropReason, number | undefined][])
    .map(([reason, n]): [DropReason, number] => [reason, n ?? 0])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
}

/** "invalid-date 3, missing-score 1". */
const reasons = (dropped: Partial<Record<DropReason, number>>): string => byRows(dropped).map(([reason, n]) => `${reason} ${count(n)}`).join(", ");

/** What to check when rows were dropped for the commonest reason, naming the column the files used. */
function dropHint(dropped: Partial<Record<DropReason, number>>, sources: readonly SourceAccounting[]): string | undefined {
  const [reason] = byRows(dropped)[0] ?? [];
  const columnOf = (pick: (source: SourceAccounting) => string | null): string => {
    const names = [...new Set(sources.map(pick).filter((name) => name !== null))];
    return names.length === 0 ? "" : ` ${names.length === 1 ? "column" : "columns"} ${names.map((name) => JSON.stringify(name)).join(", ")}`;
  };
  // Counts files (no platform: read by counts-inputs.ts, not ingest) carry drops decided where the rows were
  // counted, by aggregate or the warehouse query; the options that decide them are refused with --counts.
  if (sources.length > 0 && sources.every((source) => source.platform === undefined)) {
    const there = (option: string): string => `where the rows were counted; see ${option} of nps-ab aggregate or nps-ab sql`;
    switch (reason) {
      case "invalid-date":
        return "the dates could not be read where the rows were counted: nps-ab sql reads local formats such as 14.03.2018 only with --date-format; see also --date-column, --source-tz of nps-ab sql or nps-ab aggregate";
      case "missing-date":
        return `the dates were blank ${there("--date-column")}`;
      case "invalid-score":
      case "missing-score":
        return `scores are whole numbers 0-10 ${there("--score-column")}`;
      case "missing-variant":
        return `the variant was blank ${there("--variant-column")}`;
    }
  }
  switch (reason) {
    case "invalid-date":
      return `the dates of${columnOf((source) => source.columns.date)} could not be read: ISO 8601, unix seconds or milliseconds, or the platform's format; see --date-column, --date-format, or --date-column none to read no dates`;
    case "missing-date":
      return `the dates of${columnOf((source) => source.columns.date)} are blank; see --date-column, or --date-column none to read no dates`;
    case "invalid-score":
    case "missing-score":
      return `scores are whole numbers 0-10 in${columnOf((source) => source.columns.score)}; see --score-column`;
    case "missing-variant":
      return `the variant of${columnOf((source) => source.columns.variant)} is blank; see --variant-column`;
    case "outside-window":
      return "the responses fall outside --from / --to";
    default:
      return undefined;
  }
}

/** Why a variant has no usable responses: its files' rows and drop reasons. */
function noResponses(name: string, tally: Tally, sources: readonly SourceAccounting[]): InputError {
  const own = sources.filter((source) => source.variant === name);
  const files = own.map((source) => `${source.file}: ${count(source.rowsRead)} rows read${source.rowsRead > 0 && source.rowsUsed === 0 ? ", all dropped" : ""}${totalDropped(source) > 0 ? ` (${reasons(source.rowsDropped)})` : ""}`);
  const dropped: Partial<Record<DropReason, number>> = own.length > 0 ? {} : tally.accounting.rowsDropped;
  for (const source of own) for (const [reason, n] of byRows(source.rowsDropped)) dropped[reason] = (dropped[reason] ?? 0) + n;
  const hint = dropHint(dropped, own) ?? "every row of the variant was dropped or there were none";
  return new InputError(`variant ${JSON.stringify(name)} has no usable responses${files.length > 0 ? `: ${files.join("; ")}` : ""}`, { file: "<inputs>" }, hint);
}

function requireDates(tally: Tally, options: AnalysisOptions): void {
  const hasDates = [...tally.cells.values()].some((cell) => cell.day !== null);
  if (hasDates) return;
  const needing = [
    options.stratify === "month" ? "--stratify month" : null,
    options.phases.length > 0 ? "--phase" : null,
    options.baselineUntil !== undefined ? "--baseline-until" : null,
  ].filter((flag) => flag !== null);
  if (needing.length > 0) throw new UsageError(`${needing.join(", ")} need response dates, and the inputs have no date column`, "name it with --date-column");
}

export function analyze(tally: Tally, options: AnalysisOptions, sources: readonly SourceAccounting[] = []): Report {
  const variantNames = selectVariants(tally, options.controlName, sources);
  const counts = variantCounts(tally, variantNames);
  counts.forEach((variantCount, index) => {
    if (sampleSize(variantCount.counts) === 0) throw noResponses(variantNames[index] as string, tally, sources);
  });
  requireDates(tally, options);
  const variants = [summariseVariant(counts[0], options, 1), summariseVariant(counts[1], options, 2)] as const;
  const pooled = compareVariants(counts, options);

  const monthly = buildTimeline(tally, variantNames, "month", options.ciMethod, options.alpha);
  const timeline = options.period === "month" ? monthly : buildTimeline(tally, variantNames, options.period, options.ciMethod, options.alpha);
  const stratified = stratifyByMonth(tally, variantNames, options.weights, options.alpha);
  const useStratified = options.stratify === "month" && stratified?.difference != null && stratified.se != null;
  const decision = decide(
    useStratified
      ? { basis: "stratified-by-month", difference: stratified?.difference ?? 0, se: stratified?.se ?? 0, totalN: variants[0].n + variants[1].n }
      : { basis: "pooled", difference: pooled.difference, se: pooled.se, totalN: variants[0].n + variants[1].n },
    options,
  );
  const intervalName = `${decision.sequential ? "confidence sequence" : "interval"} of the ${useStratified ? "season-adjusted " : ""}difference`;
  const gate = options.gate === undefined ? null : evaluateGate(options.gate, decision.gateCi, options.marginPoints, options.alpha, intervalName);
  const tostResult = decision.se > 0 ? tost(decision.difference, decision.se, options.marginPoints, options.alpha) : null;
  const comparison: Report["comparison"] = {
    ...pooled,
    // Equivalence is judged on what the verdict rests on (pooled or season-adjusted; Wald or sequential).
    equivalence: {
      margin: options.marginPoints,
      pValue: tostResult?.pValue ?? null,
      ci: decision.gateCi,
      equivalent: decision.equivalent,
      ...(decision.gateCi === null ? { reason: "zero-standard-error" as const } : {}),
    },
    decision: { basis: decision.basis, sequential: decision.sequential, difference: decision.difference, se: decision.se, ci: decision.ci, gateCi: decision.gateCi },
  };
  const parameters: Report["parameters"] = {
    alpha: options.alpha,
    margin: options.marginPoints,
    ciMethod: options.ciMethod,
    control: variantNames[0],
    treatment: variantNames[1],
    seed: options.seed,
    draws: options.draws,
    stratify: options.stratify,
    sequential: options.sequential,
    tuning: options.tuning,
    gate: options.gate ?? null,
    period: options.period,
    weights: options.weights,
    adjust: options.adjust,
    minSegmentN: options.minSegmentN,
    breakdownCiMethod: breakdownMethod(options.ciMethod),
  };
  const verdict = decideVerdict(decision);
  const breakdowns = {
    timeline,
    stratified,
    trend: monthlyTrend(monthly, options.alpha),
    phases: buildPhases(tally, variantNames, options.phases, options.window ?? {}, options),
    baseline: options.baselineUntil === undefined ? null : buildBaseline(tally, variantNames, options.baselineUntil, options.alpha),
    segments: buildSegments(tally, variantNames, options),
    checks: { srm: options.expectedSplit === undefined ? null : sampleRatioCheck([variants[0].n, variants[1].n], options.expectedSplit, monthly) },
  };
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: "analysis",
    parameters,
    data: {
      rowsRead: tally.accounting.rowsRead,
      rowsUsed: tally.accounting.rowsUsed,
      rowsDropped: { ...tally.accounting.rowsDropped },
      sources: [...sources],
    },
    variants,
    comparison,
    gate,
    ...breakdowns,
    verdict,
    summary: summarise({ parameters, comparison, verdict }),
    warnings: collectWarnings(tally, variants, { sources, comparison, stratified, checks: breakdowns.checks, margin: options.marginPoints, stratify: options.stratify }),
  };
}
