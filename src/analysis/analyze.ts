/**
 * Tally + options -> Report: a pure function. Picks the two variants, summarises each, compares them
 * (difference, intervals, tests, equivalence, Bayesian probability), breaks the comparison down by time and
 * segment, and states the verdict (and a gate's outcome, when one was asked for).
 */
import { InputError, UsageError } from "../errors.js";
import { tost } from "../stats/equivalence.js";
import { sampleSize } from "../stats/nps.js";
import type { Tally } from "../tally/tally.js";
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
export function selectVariants(tally: Tally, controlName: string | undefined): [string, string] {
  const names = tally.variantOrder;
  if (names.length !== 2) {
    const found = names.length === 0 ? "none" : names.map((name) => JSON.stringify(name)).join(", ");
    throw new InputError(`expected exactly two variants, found ${names.length}: ${found}`, { file: "<inputs>" }, "give one file per variant, or --variant-column naming a column with two values");
  }
  const [first, second] = names as [string, string];
  if (controlName === undefined || controlName === first) return [first, second];
  if (controlName === second) return [second, first];
  throw new UsageError(`--control ${JSON.stringify(controlName)} is not a variant; variants: ${JSON.stringify(first)}, ${JSON.stringify(second)}`);
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
  const variantNames = selectVariants(tally, options.controlName);
  const counts = variantCounts(tally, variantNames);
  counts.forEach((variantCount, index) => {
    if (sampleSize(variantCount.counts) === 0) {
      throw new InputError(`variant ${JSON.stringify(variantNames[index])} has no usable responses`, { file: "<inputs>" }, "see the data accounting with --format json");
    }
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
    warnings: collectWarnings(tally, variants, { comparison, stratified, checks: breakdowns.checks, margin: options.marginPoints, stratify: options.stratify }),
  };
}
