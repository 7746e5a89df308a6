/**
 * Warnings an analyst should see beside the numbers: small samples (the normal approximations behind the
 * intervals and tests get rough), large shares of dropped rows (a sign of the wrong column or format) and of
 * duplicate responses (or of a response-ID column that is not one), lines that repeat the header (exports
 * joined together), a season-adjusted difference that disagrees with the pooled one (mixing seasons biased
 * the pooled number: Simpson's paradox), and a sample ratio mismatch.
 */
import type { DropReason, Tally } from "../tally/tally.js";
import type { SrmCheck } from "./checks.js";
import { formatPoints, formatPValue } from "./format.js";
import type { Report, VariantSummary } from "./report.js";
import type { Stratify } from "./options.js";
import type { StratifiedSummary } from "./season.js";

/** Below this many responses per variant the normal approximations are rough (Sauro & Lewis 2016, ch. 3). */
const SMALL_SAMPLE = 30;
/** Dropping more than this share of rows usually means a misread column, not bad answers. */
const DROPPED_SHARE = 0.2;
/**
 * Drops that are the platform working as designed (survey previews, partial responses, duplicates and repeat
 * respondents removed on request) say nothing about a misread file, so they do not count towards the warning.
 */
const EXPECTED_DROPS: ReadonlySet<DropReason> = new Set(["preview-response", "partial-response", "duplicate-response", "repeat-respondent"]);

interface WarningContext {
  readonly sources: Report["data"]["sources"];
  readonly comparison: Report["comparison"];
  readonly stratified: StratifiedSummary | null;
  readonly checks: { readonly srm: SrmCheck | null };
  readonly margin: number;
  readonly stratify: Stratify;
}

function seasonWarning(pooled: number, stratified: StratifiedSummary | null, margin: number): string | null {
  if (stratified === null || stratified.difference === null) return null;
  const adjusted = stratified.difference;
  const oppositeSigns = Math.sign(pooled) * Math.sign(adjusted) < 0;
  if (!oppositeSigns && Math.abs(pooled - adjusted) <= margin / 2) return null;
  const how = oppositeSigns ? "have opposite signs" : `differ by more than half the margin (${formatPoints(margin / 2)} points)`;
  return `The pooled difference (${formatPoints(pooled)}) and the season-adjusted difference (${formatPoints(adjusted)}) ${how}: the sites' monthly volumes differ, so the pooled number mixes seasons. Consider --stratify month.`;
}

/**
 * Many duplicate responses are expected of overlapping exports, but they are also what a column found by
 * name (`id`, `#`) that identifies something else than the response (a customer) gives: say which column it
 * was and how to turn it off.
 */
function duplicatesWarning(tally: Tally, sources: Report["data"]["sources"]): string | null {
  const { rowsRead, rowsDropped } = tally.accounting;
  const duplicates = rowsDropped["duplicate-response"] ?? 0;
  if (rowsRead === 0 || duplicates / rowsRead <= DROPPED_SHARE) return null;
  const share = ((100 * duplicates) / rowsRead).toFixed(0);
  const columns = [...new Set(sources.map((source) => source.columns.responseId ?? null).filter((name) => name !== null))];
  const dropped = `${share}% of rows were dropped as duplicate responses`;
  // Counts files: the duplicates were found where the rows were counted.
  if (columns.length === 0) {
    return `${dropped} where the rows were counted: expected of overlapping exports, but if the response-ID column there does not identify responses, name the right one with --id-column of nps-ab aggregate or nps-ab sql.`;
  }
  const named = `${columns.length === 1 ? "column" : "columns"} ${columns.map((name) => JSON.stringify(name)).join(", ")}`;
  return `${dropped} (a response ID of ${named} read before in its variant): expected of overlapping exports, but if that column does not identify responses, name the right one with --id-column, or say --id-column none.`;
}

export function collectWarnings(tally: Tally, variants: readonly VariantSummary[], context: WarningContext): string[] {
  const warnings: string[] = [];
  for (const variant of variants) {
    if (variant.n < SMALL_SAMPLE) {
      warnings.push(`${variant.name} has only ${variant.n} ${variant.n === 1 ? "response" : "responses"}; intervals and p-values rest on large-sample approximations and are rough below ${SMALL_SAMPLE}.`);
    }
  }
  const dropped = Object.entries(tally.accounting.rowsDropped)
    .filter(([reason]) => !EXPECTED_DROPS.has(reason as DropReason))
    .reduce((sum, [, n]) => sum + (n ?? 0), 0);
  if (tally.accounting.rowsRead > 0 && dropped / tally.accounting.rowsRead > DROPPED_SHARE) {
    const share = ((100 * dropped) / tally.accounting.rowsRead).toFixed(0);
    warnings.push(`${share}% of rows were dropped as unusable; check that the right score and date columns were used (see the data accounting).`);
  }
  const duplicates = duplicatesWarning(tally, context.sources);
  if (duplicates !== null) warnings.push(duplicates);
  const repeats = tally.headerRepeats ?? 0;
  if (repeats > 0) {
    const lines = repeats === 1 ? "1 line repeats the header row (exports joined together?): it is not a row" : `${repeats.toLocaleString("en-US")} lines repeat the header row (exports joined together?): they are not rows`;
    warnings.push(`${lines}, so neither read nor dropped.`);
  }
  const season = seasonWarning(context.comparison.difference, context.stratified, context.margin);
  if (season !== null) warnings.push(season);
  if (context.stratify === "month" && context.comparison.decision.basis === "pooled") {
    warnings.push(`--stratify month was asked for, but the season-adjusted difference could not be computed (${context.stratified?.reason ?? "no dated responses"}); the verdict rests on the pooled difference.`);
  }
  const srm = context.checks.srm;
  if (srm !== null && srm.mismatch) {
    warnings.push(`Sample ratio mismatch: ${srm.observed.join(" vs ")} responses where the planned split expects ${srm.expected.map((n) => n.toFixed(0)).join(" vs ")} (p ${formatPValue(srm.pValue)}); responses reach the sites unevenly, which can bias the comparison.`);
  }
  const monthlyMismatches = srm?.byPeriod.filter((period) => period.mismatch).map((period) => period.period) ?? [];
  if (monthlyMismatches.length > 0) warnings.push(`Sample ratio mismatch in ${monthlyMismatches.join(", ")}.`);
  if (context.comparison.decision.sequential) {
    warnings.push("With --sequential the verdict and gate rest on the confidence sequence; the p-values shown are fixed-sample and are not valid under repeated looks.");
  }
  return warnings;
}
