/** `nps-ab analyze`: read (ingest), analyse (pure), render, and choose the exit code. */
import { Chalk } from "chalk";
import { analyze } from "../../analysis/analyze.js";
import type { Report, SourceAccounting } from "../../analysis/report.js";
import { ingestInStages, type SourceSummary } from "../../ingest/ingest.js";
import { render } from "../../report/index.js";
import { exitCodeFor } from "../exit-code.js";
import { parseInputArguments, requireTwoVariantNames } from "../inputs.js";
import { writeOutputFile, type Io } from "../io.js";
import { readConfig } from "../config.js";
import { ANALYZE_OPTIONS, normaliseAnalyzeOptions, type AnalyzeCommandOptions, type RawOptions } from "../options.js";
import { readCountsInputs, rejectRawReadingOptions } from "../counts-inputs.js";
import { progressReporter } from "../progress.js";

/** What ingest found about one file, as the report carries it. */
function toSourceAccounting({ file, variant, columns, accounting, platform, dialect, headerRows, repeatResponses }: Omit<SourceSummary, "repeatResponses"> & { readonly repeatResponses?: number }): SourceAccounting {
  return {
    file,
    variant,
    columns,
    ...accounting,
    platform,
    delimiter: dialect.delimiter,
    encoding: dialect.encoding,
    bom: dialect.bom,
    compressed: dialect.compressed,
    headerRows,
    duplicateResponses: accounting.rowsDropped["duplicate-response"] ?? 0,
    repeatResponses,
  };
}

async function analyseExports(files: readonly string[], options: AnalyzeCommandOptions, io: Io, quiet: boolean): Promise<Report> {
  const inputs = parseInputArguments(files, options.ingest.variantColumn);
  requireTwoVariantNames(files, inputs, options.ingest.variantColumn);
  const progress = io.progress === true && !quiet ? progressReporter((text) => io.stderr.write(text)) : null;
  const onProgress = progress === null ? undefined : (bytesRead: number, totalBytes: number): void => progress.update(bytesRead, totalBytes);
  const onStep = progress === null ? undefined : (name: string): void => progress.step(name);
  const staged = await ingestInStages(inputs, { ...options.ingest, onProgress, onStep }, io.stdin).finally(() => progress?.finish());
  // The analysis reads neither the repeat responses nor the respondent counts, which may still be being
  // counted (StagedIngest): it goes ahead, and they are put in the report when they come.
  let analysed: Report;
  try {
    analysed = analyze(staged.tally, options.analysis, staged.sources.map(toSourceAccounting));
  } catch (error) {
    await staged.respondents.catch(() => undefined);
    throw error;
  }
  const { sources, respondents } = await staged.respondents;
  const data = { ...analysed.data, sources: sources.map(toSourceAccounting) };
  // Respondent counts mean something only when some file identifies respondents (an email or person id).
  const identified = sources.some((source) => source.columns.respondent !== null);
  return { ...analysed, data: identified ? { ...data, respondents } : data };
}

/** `--counts`: the files are counts CSVs, summed; the window (--from/--to) applies to their periods. */
async function analyseCounts(files: readonly string[], raw: RawOptions, options: AnalyzeCommandOptions, io: Io): Promise<Report> {
  rejectRawReadingOptions(raw);
  const { tally, sources } = await readCountsInputs(files, options.ingest, io.stdin);
  return analyze(tally, options.analysis, sources);
}

export async function runAnalyze(argumentFiles: readonly string[], cliOptions: RawOptions, io: Io): Promise<number> {
  // Flags given on the command line override the config file's values.
  const configPath = typeof cliOptions["config"] === "string" ? cliOptions["config"] : undefined;
  const config = configPath === undefined ? { options: {}, files: [] } : await readConfig(configPath, ANALYZE_OPTIONS);
  const raw: RawOptions = { ...config.options, ...cliOptions };
  const files = argumentFiles.length > 0 ? argumentFiles : config.files;
  const options = normaliseAnalyzeOptions(raw);
  const quiet = raw["quiet"] === true;
  const report = raw["counts"] === true ? await analyseCounts(files, raw, options, io) : await analyseExports(files, options, io, quiet);
  if (options.output !== undefined) {
    await writeOutputFile(options.output, render(report, options.format, new Chalk({ level: 0 })));
    if (!quiet) io.stderr.write(`nps-ab: wrote ${options.format} report to ${options.output} (verdict: ${report.verdict})\n`);
  } else if (!quiet) {
    io.stdout.write(render(report, options.format, new Chalk({ level: io.colourLevel })));
  }
  return exitCodeFor(report);
}
