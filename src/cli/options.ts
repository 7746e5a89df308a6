/**
 * The options of `nps-ab analyze`, declared once as data (long name, argument, description, default) and
 * normalised into typed options before the command runs. The same table drives commander and the README's
 * option list.
 */
import { DEFAULT_ANALYSIS_OPTIONS, type AnalysisOptions } from "../analysis/options.js";
import { UsageError } from "../errors.js";
import type { IngestOptions } from "../ingest/ingest.js";
import { ENCODINGS, type EncodingName } from "../ingest/dialect/encoding.js";
import { PLATFORM_NAMES, type PlatformName } from "../ingest/platforms/index.js";
import { DEDUPE_MODES, type DedupeMode } from "../ingest/respondents.js";
import { FORMATS, type Format } from "../report/index.js";
import { CI_METHODS, type CiMethod } from "../stats/types.js";
import { ANALYSIS_OPTIONS, normaliseAnalysisExtras } from "./analysis-options.js";
import { columnOption, dateFormatOption, day, number, oneOf, text, zoneOption, type RawOptions } from "./option-values.js";

export interface OptionSpec {
  /** Long name without dashes, as commander camel-cases it: `ci-method` -> `ciMethod`. */
  readonly name: string;
  readonly argument?: string;
  readonly short?: string;
  readonly description: string;
  readonly defaultValue?: string;
  readonly example?: string;
  /** The option may be given several times; its values are collected into a list. */
  readonly repeatable?: boolean;
}

export const ANALYZE_OPTIONS: readonly OptionSpec[] = [
  { name: "counts", description: "the files are counts CSVs (from nps-ab aggregate or nps-ab sql), summed and analysed as the raw rows would be", example: "--counts part-1.csv part-2.csv" },
  { name: "variant-column", argument: "name", description: "column holding the variant, when one file holds both variants", example: "--variant-column site" },
  { name: "control", argument: "name", description: "the control variant (default: the first one)", example: "--control ebates" },
  { name: "score-column", argument: "name", description: "column holding the 0-10 score (default: found by name, e.g. Score, NPS)", example: '--score-column "How likely are you to recommend us?"' },
  { name: "date-column", argument: "name", description: "column holding the response time (default: found by name, e.g. Created At, Date; none: no dates, every row undated)", example: '--date-column "Submitted At"' },
  { name: "from", argument: "date", description: "first day of the window, YYYY-MM-DD (inclusive)", example: "--from 2018-01-01" },
  { name: "to", argument: "date", description: "last day of the window, YYYY-MM-DD (inclusive)", example: "--to 2018-12-31" },
  { name: "tz", argument: "zone", description: "IANA time zone that decides the calendar day of a response", defaultValue: "UTC", example: "--tz America/Los_Angeles" },
  { name: "source-tz", argument: "zone", description: "IANA time zone of response times written without an offset (default: the platform's, e.g. UTC for Delighted and Typeform, else --tz)", example: "--source-tz UTC" },
  { name: "strict", description: "stop at the first blank or invalid score instead of dropping and counting it", example: "--strict" },
  { name: "source", argument: "platform", description: `export format: auto (detected from the header) | ${PLATFORM_NAMES.join(" | ")}`, defaultValue: "auto", example: "--source qualtrics" },
  { name: "dedupe", argument: "mode", description: "repeat respondents (same email or person id): none keeps every response and reports the repeats; first | last keeps one per variant", defaultValue: "none", example: "--dedupe first" },
  { name: "id-column", argument: "name", description: "column holding the response ID: a copy of a response already read in its variant is dropped as duplicate-response (default: found by name, e.g. Response ID; none: no column, no duplicates)", example: '--id-column "Submission ID"' },
  { name: "respondent-column", argument: "name", description: "column identifying the respondent, an email or person id, for repeat respondents and --dedupe (default: found by name, e.g. Email; none: no column)", example: '--respondent-column "Member Email"' },
  { name: "skip-lines", argument: "n", description: "lines above the header row of every file to skip, such as a report's title (their quotes and delimiters are not read)", defaultValue: "0", example: "--skip-lines 3" },
  { name: "relax", description: "read rows with missing trailing fields as blank and ignore empty extra trailing fields instead of stopping", example: "--relax" },
  { name: "date-format", argument: "format", description: "order of day and month in dates like 03/04/2018: dd/mm/yyyy | mm/dd/yyyy (also dd.mm.yyyy, yyyy-mm-dd)", example: "--date-format dd/mm/yyyy" },
  { name: "delimiter", argument: "char", description: "field delimiter (default: sniffed among , ; tab |); tab for a tab", example: "--delimiter ';'" },
  { name: "encoding", argument: "name", description: `text encoding: auto (UTF-8, or UTF-16 with a byte-order mark) | ${ENCODINGS.join(" | ")}`, defaultValue: "auto", example: "--encoding windows-1252" },
  ...ANALYSIS_OPTIONS,
  { name: "ci-method", argument: "method", description: `interval method: ${CI_METHODS.join(" | ")}`, defaultValue: DEFAULT_ANALYSIS_OPTIONS.ciMethod, example: "--ci-method tango" },
  { name: "alpha", argument: "number", description: "significance level; intervals at 1 - alpha, equivalence at 1 - 2 alpha", defaultValue: String(DEFAULT_ANALYSIS_OPTIONS.alpha), example: "--alpha 0.1" },
  { name: "margin", argument: "points", description: "equivalence margin in NPS points", defaultValue: String(DEFAULT_ANALYSIS_OPTIONS.marginPoints), example: "--margin 3" },
  { name: "seed", argument: "integer", description: "seed of the Monte Carlo (Bayesian) figures", defaultValue: String(DEFAULT_ANALYSIS_OPTIONS.seed), example: "--seed 7" },
  { name: "draws", argument: "integer", description: "posterior draws for the Bayesian figures", defaultValue: String(DEFAULT_ANALYSIS_OPTIONS.draws), example: "--draws 200000" },
  { name: "format", argument: "format", description: `output format: ${FORMATS.join(" | ")}`, defaultValue: "table", example: "--format json" },
  { name: "output", short: "o", argument: "file", description: "write the report to a file instead of stdout", example: "--output report.md" },
  { name: "quiet", description: "print no report on stdout and no notes on stderr (errors still print); the exit code, and --output, carry the result", example: "--quiet --output report.json" },
  { name: "config", argument: "file", description: "JSON file of options by long name (and \"files\"); flags override it", example: "--config nps-ab.json" },
  { name: "debug", description: "show stack traces of errors", example: "--debug" },
];

export type { RawOptions } from "./option-values.js";

export interface AnalyzeCommandOptions {
  readonly ingest: IngestOptions;
  readonly analysis: AnalysisOptions;
  readonly format: Format;
  readonly output: string | undefined;
}

/** How to read the exports: platform, dedupe, raggedness, lines above the header, date order, delimiter and encoding. */
function readingOptions(raw: RawOptions): Pick<IngestOptions, "source" | "dedupe" | "relax" | "skipLines" | "dateFormat" | "delimiter" | "encoding"> {
  const source = oneOf<PlatformName | "auto">(raw, "source", "--source", ["auto", ...PLATFORM_NAMES], "auto");
  const encoding = oneOf<EncodingName | "auto">(raw, "encoding", "--encoding", ["auto", ...ENCODINGS], "auto");
  const delimiterText = text(raw, "delimiter");
  const delimiter = delimiterText?.toLowerCase() === "tab" || delimiterText === "\\t" ? "\t" : delimiterText;
  if (delimiter !== undefined && (delimiter.length !== 1 || /[\r\n"]/.test(delimiter))) {
    throw new UsageError(`--delimiter ${JSON.stringify(delimiterText)} is not a single character other than a quote or line break`, "e.g. --delimiter ';' or --delimiter tab");
  }
  return {
    source: source === "auto" ? undefined : source,
    dedupe: oneOf<DedupeMode>(raw, "dedupe", "--dedupe", DEDUPE_MODES, "none"),
    relax: raw["relax"] === true,
    skipLines: number(raw, "skipLines", "--skip-lines", 0, (value) => Number.isSafeInteger(value) && value >= 0, "a whole number >= 0"),
    dateFormat: dateFormatOption(raw),
    delimiter,
    encoding: encoding === "auto" ? undefined : encoding,
  };
}

/** Validates commander's raw values into typed options; every problem is a UsageError naming the flag. */
export function normaliseAnalyzeOptions(raw: RawOptions): AnalyzeCommandOptions {
  const from = day(raw, "from", "--from");
  const to = day(raw, "to", "--to");
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const dateColumn = columnOption(raw, "dateColumn");
  if (dateColumn === false && (from !== undefined || to !== undefined)) throw new UsageError("--from/--to need a date column, and --date-column none says there is none");
  const timeZone = zoneOption(raw, "tz", "--tz") ?? "UTC";
  const ingest: IngestOptions = {
    scoreColumn: text(raw, "scoreColumn"),
    dateColumn,
    variantColumn: text(raw, "variantColumn"),
    segmentColumn: columnOption(raw, "segmentColumn"),
    idColumn: columnOption(raw, "idColumn"),
    respondentColumn: columnOption(raw, "respondentColumn"),
    from,
    to,
    timeZone,
    sourceTimeZone: zoneOption(raw, "sourceTz", "--source-tz"),
    strict: raw["strict"] === true,
    ...readingOptions(raw),
  };
  const defaults = DEFAULT_ANALYSIS_OPTIONS;
  const analysis: AnalysisOptions = {
    alpha: number(raw, "alpha", "--alpha", defaults.alpha, (value) => value > 0 && value < 0.5, "a number between 0 and 0.5"),
    marginPoints: number(raw, "margin", "--margin", defaults.marginPoints, (value) => value > 0 && value <= 200, "a number of points above 0 (at most 200)"),
    ciMethod: oneOf<CiMethod>(raw, "ciMethod", "--ci-method", CI_METHODS, defaults.ciMethod),
    controlName: text(raw, "control"),
    seed: number(raw, "seed", "--seed", defaults.seed, (value) => Number.isSafeInteger(value) && value >= 0, "a whole number >= 0"),
    draws: number(raw, "draws", "--draws", defaults.draws, (value) => Number.isSafeInteger(value) && value >= 1000 && value <= 100_000_000, "a whole number from 1000 to 100000000"),
    ...normaliseAnalysisExtras(raw, { from, to }),
  };
  return { ingest, analysis, format: oneOf<Format>(raw, "format", "--format", FORMATS, "table"), output: text(raw, "output") };
}
