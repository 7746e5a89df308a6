/**
 * `nps-ab power`: how many responses per variant a comparison needs, from a baseline score mix (given as
 * shares, or read from an export) and the effect to detect (`--mde`) or the margin to show (`--margin`).
 */
import { SCHEMA_VERSION } from "../../analysis/report.js";
import { formatPoints } from "../../analysis/format.js";
import { UsageError } from "../../errors.js";
import { ingest } from "../../ingest/ingest.js";
import { categoryCounts, sampleSize } from "../../stats/nps.js";
import {
  sampleSizeForDifference,
  sampleSizeForEquivalence,
  sampleSizeForNonInferiority,
  type PowerBaseline,
  type SampleSizeResult,
} from "../../stats/power.js";
import { variantHistogram } from "../../tally/tally.js";
import { writeOutputFile, type Io } from "../io.js";
import { number, oneOf, text, type RawOptions } from "../option-values.js";
import type { OptionSpec } from "../options.js";

export const POWER_TESTS = ["superiority", "equivalence", "noninferiority"] as const;
export type PowerTest = (typeof POWER_TESTS)[number];

export const POWER_OPTIONS: readonly OptionSpec[] = [
  { name: "mde", argument: "points", description: "smallest difference worth detecting, in NPS points (superiority test)", example: "--mde 3" },
  { name: "margin", argument: "points", description: "equivalence / non-inferiority margin in NPS points (true difference 0)", example: "--margin 5" },
  { name: "test", argument: "kind", description: `${POWER_TESTS.join(" | ")} (default: superiority with --mde, equivalence with --margin)`, example: "--test noninferiority" },
  { name: "promoters", argument: "share", description: "baseline share of promoters (0-1)", example: "--promoters 0.5" },
  { name: "detractors", argument: "share", description: "baseline share of detractors (0-1)", example: "--detractors 0.2" },
  { name: "score-column", argument: "name", description: "score column of a baseline export", example: "--score-column NPS" },
  { name: "alpha", argument: "number", description: "significance level", defaultValue: "0.05", example: "--alpha 0.1" },
  { name: "power", argument: "number", description: "probability of reaching the conclusion when it is true", defaultValue: "0.8", example: "--power 0.9" },
  { name: "format", argument: "format", description: "output format: table | json | markdown", defaultValue: "table", example: "--format json" },
  { name: "output", short: "o", argument: "file", description: "write the result to a file instead of stdout", example: "--output power.json" },
];

export interface PowerReport {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly kind: "power";
  readonly parameters: {
    readonly test: PowerTest;
    readonly alpha: number;
    readonly power: number;
    readonly mde: number | null;
    readonly margin: number | null;
    readonly promoters: number;
    readonly detractors: number;
    /** Where the baseline shares came from: "options", or the export files read. */
    readonly baseline: "options" | readonly string[];
  };
  readonly perRespondentVariance: number;
  /** Responses per variant before rounding up; null with a reason when no sample size can do it. */
  readonly nPerVariant: number | null;
  readonly nPerVariantRoundedUp: number | null;
  readonly reason?: string;
  readonly summary: string;
}

async function baselineFrom(files: readonly string[], raw: RawOptions, io: Io): Promise<PowerBaseline> {
  if (files.length > 0) {
    const scoreColumn = text(raw, "scoreColumn");
    const inputs = files.map((path) => ({ path, variant: "baseline" }));
    const { tally } = await ingest(inputs, { scoreColumn, timeZone: "UTC", strict: false, segmentColumn: false }, io.stdin);
    const counts = categoryCounts(variantHistogram(tally, "baseline"));
    const n = sampleSize(counts);
    if (n === 0) throw new UsageError("the baseline export has no usable responses");
    return { promoterShare: counts.promoters / n, detractorShare: counts.detractors / n };
  }
  const share = (key: string, flag: string): number =>
    number(raw, key, flag, Number.NaN, (value) => value >= 0 && value <= 1, "a share between 0 and 1");
  const promoterShare = share("promoters", "--promoters");
  const detractorShare = share("detractors", "--detractors");
  if (Number.isNaN(promoterShare) || Number.isNaN(detractorShare)) {
    throw new UsageError("give the baseline as --promoters and --detractors shares, or as an export file", "e.g. nps-ab power --mde 3 --promoters 0.5 --detractors 0.2");
  }
  if (promoterShare + detractorShare > 1) throw new UsageError("--promoters and --detractors add up to more than 1");
  return { promoterShare, detractorShare };
}

function sentence(test: PowerTest, effect: number, result: SampleSizeResult, alpha: number, power: number): string {
  const goal = {
    superiority: `detect a difference of ${formatPoints(effect)} NPS points (two-sided, alpha ${alpha})`,
    equivalence: `show equivalence within ±${formatPoints(effect)} points when there is no true difference (TOST, alpha ${alpha})`,
    noninferiority: `show non-inferiority within ${formatPoints(effect)} points when there is no true difference (alpha ${alpha})`,
  } satisfies Record<PowerTest, string>;
  if (result.nPerVariant === null) return `No sample size can ${goal[test]}: ${result.reason}.`;
  const n = Math.ceil(result.nPerVariant).toLocaleString("en-US");
  return `${n} responses per variant are needed to ${goal[test]} with ${Math.round(power * 100)}% power.`;
}

export async function runPower(files: readonly string[], raw: RawOptions, io: Io): Promise<number> {
  const alpha = number(raw, "alpha", "--alpha", 0.05, (value) => value > 0 && value < 0.5, "a number between 0 and 0.5");
  const power = number(raw, "power", "--power", 0.8, (value) => value > 0 && value < 1, "a number between 0 and 1");
  const mde = number(raw, "mde", "--mde", Number.NaN, (value) => value > 0 && value <= 200, "a number of points above 0");
  const margin = number(raw, "margin", "--margin", Number.NaN, (value) => value > 0 && value <= 200, "a number of points above 0");
  if (Number.isNaN(mde) === Number.isNaN(margin)) throw new UsageError("give exactly one of --mde (to detect a difference) or --margin (to show equivalence or non-inferiority)");
  const test = oneOf<PowerTest>(raw, "test", "--test", POWER_TESTS, Number.isNaN(mde) ? "equivalence" : "superiority");
  if ((test === "superiority") === Number.isNaN(mde)) throw new UsageError(`--test ${test} needs ${test === "superiority" ? "--mde" : "--margin"}`);
  const baseline = await baselineFrom(files, raw, io);
  const effect = test === "superiority" ? mde : margin;
  const compute = { superiority: sampleSizeForDifference, equivalence: sampleSizeForEquivalence, noninferiority: sampleSizeForNonInferiority } satisfies Record<PowerTest, unknown>;
  const result = compute[test](baseline, effect, alpha, power);
  const report: PowerReport = {
    schemaVersion: SCHEMA_VERSION,
    kind: "power",
    parameters: {
      test,
      alpha,
      power,
      mde: Number.isNaN(mde) ? null : mde,
      margin: Number.isNaN(margin) ? null : margin,
      promoters: baseline.promoterShare,
      detractors: baseline.detractorShare,
      baseline: files.length > 0 ? [...files] : "options",
    },
    perRespondentVariance: result.variance,
    nPerVariant: result.nPerVariant,
    nPerVariantRoundedUp: result.nPerVariant === null ? null : Math.ceil(result.nPerVariant),
    ...(result.nPerVariant === null ? { reason: result.reason } : {}),
    summary: sentence(test, effect, result, alpha, power),
  };
  const format = oneOf(raw, "format", "--format", ["table", "json", "markdown"] as const, "table");
  const output = format === "json" ? `${JSON.stringify(report, null, 2)}\n` : `${report.summary}\n`;
  const file = text(raw, "output");
  if (file === undefined) io.stdout.write(output);
  else await writeOutputFile(file, output);
  return 0;
}
