/**
 * `nps-ab aggregate`: raw exports -> a counts CSV (a partial tally). Shards counted on separate machines are
 * summed by `nps-ab analyze --counts a.csv b.csv`, which analyses them exactly as the raw rows. Reads with
 * the same options as `analyze` (columns, window, time zone, platform, dedupe, dialect).
 */
import { ingest } from "../../ingest/ingest.js";
import { writeCountsCsv } from "../../tally/counts-csv.js";
import { readConfig } from "../config.js";
import { parseInputArguments } from "../inputs.js";
import { writeOutputFile, type Io } from "../io.js";
import { ANALYZE_OPTIONS, normaliseAnalyzeOptions, type OptionSpec, type RawOptions } from "../options.js";

/** The options of analyze that say how to read and count the rows (not how to analyse them). */
export const READING_OPTION_NAMES = [
  "variant-column",
  "score-column",
  "date-column",
  "segment-column",
  "from",
  "to",
  "tz",
  "source-tz",
  "strict",
  "source",
  "dedupe",
  "id-column",
  "respondent-column",
  "skip-lines",
  "relax",
  "date-format",
  "delimiter",
  "encoding",
] as const;

export const AGGREGATE_OPTIONS: readonly OptionSpec[] = [
  ...ANALYZE_OPTIONS.filter((spec) => (READING_OPTION_NAMES as readonly string[]).includes(spec.name)),
  { name: "output", short: "o", argument: "file", description: "write the counts CSV to a file; - for stdout (the default)", example: "-o part-1.csv" },
  ...ANALYZE_OPTIONS.filter((spec) => spec.name === "config" || spec.name === "debug"),
];

export async function runAggregate(argumentFiles: readonly string[], cliOptions: RawOptions, io: Io): Promise<number> {
  const configPath = typeof cliOptions["config"] === "string" ? cliOptions["config"] : undefined;
  const config = configPath === undefined ? { options: {}, files: [] } : await readConfig(configPath, AGGREGATE_OPTIONS);
  const raw: RawOptions = { ...config.options, ...cliOptions };
  const files = argumentFiles.length > 0 ? argumentFiles : config.files;
  const { ingest: options, output } = normaliseAnalyzeOptions(raw);
  const { tally } = await ingest(parseInputArguments(files, options.variantColumn), options, io.stdin);
  const counts = writeCountsCsv(tally);
  if (output === undefined || output === "-") {
    io.stdout.write(counts);
  } else {
    await writeOutputFile(output, counts);
    const { rowsRead, rowsUsed } = tally.accounting;
    io.stderr.write(`nps-ab: wrote counts of ${rowsRead} rows read (${rowsUsed} used) to ${output}\n`);
  }
  return 0;
}
