/**
 * Files -> Tally. For each input: open and sniff it (read-records.ts), recognise the platform from its first
 * records (platforms/), map its columns, then count every data row: used, or dropped with exactly one reason
 * (rows.ts). Each file is tallied on its own, for the per-file accounting in the report, and the files are
 * merged into the total by addition once all are read (so `--dedupe last` can still take back a response
 * counted in an earlier file).
 *
 * Two readers give the same rows: the byte-level one (fast/) for UTF-8 files named by path, fast and in
 * worker threads for large files; the general csv-parse one for everything else (stdin, UTF-16, Latin-1).
 */
import { statSync } from "node:fs";
import type { Readable } from "node:stream";
import { InputError } from "../errors.js";
import { declareVariant, emptyTally, moveInto, type RowAccounting, type Tally } from "../tally/tally.js";
import { mapColumns, type ColumnMapping, type ColumnRequest } from "./columns.js";
import { DateReader, type DateOrder } from "./date-formats.js";
import { choosePlatform, type Layout, type PlatformName } from "./platforms/index.js";
import { openCsv, type CsvRecord, type CsvSource, type Dialect, type ReaderOptions } from "./read-records.js";
import { RespondentLedger, type DedupeMode, type LedgerOptions, type RespondentSummary } from "./respondents.js";
import { countRow, type RowContext } from "./rows.js";
import { canReadFast, FastFileRows, type FileRows } from "./fast/fast-file.js";
import { prestartReaders, readerThreads, type ParallelOptions } from "./fast/parallel.js";
import type { KeptThreads } from "./kept-threads.js";

export interface InputSpec {
  readonly path: string;
  /** The variant every row of this file belongs to; `undefined` when a variant column says. */
  readonly variant?: string | undefined;
}

export interface IngestOptions extends ColumnRequest, ReaderOptions {
  /** Called as a file is read, with its bytes read so far and its size (for a progress bar). */
  readonly onProgress?: ((bytesRead: number, totalBytes: number) => void) | undefined;
  /** Called with the name of a step after the reading (for a progress display). */
  readonly onStep?: ((name: string) => void) | undefined;
  /**
   * The byte-level reader for UTF-8 files (default), or `false` for csv-parse only: the same result, slower.
   * `parallel` tunes or (`false`) turns off its worker threads. For tests and the benchmark.
   */
  readonly fastReader?: boolean | undefined;
  readonly parallel?: ParallelOptions | false | undefined;
  /** Inclusive first day `YYYY-MM-DD` of the window, in `timeZone`. */
  readonly from?: string | undefined;
  /** Inclusive last day `YYYY-MM-DD` of the window, in `timeZone`. */
  readonly to?: string | undefined;
  readonly timeZone: string;
  /**
   * The zone of response times written without an offset, over the platform's (Delighted and Typeform: UTC;
   * Qualtrics: its header's); without it, the platform's, else `timeZone`.
   */
  readonly sourceTimeZone?: string | undefined;
  /** Turn the first unusable score into an error instead of a dropped row. */
  readonly strict: boolean;
  /** The export's platform; detected from the header when not given. */
  readonly source?: PlatformName | undefined;
  /** Which response of a repeat respondent to keep (default `none`: keep all, report the repeats). */
  readonly dedupe?: DedupeMode | undefined;
  /** Order of day and month in dates like 03/04/2018. */
  readonly dateFormat?: DateOrder | undefined;
  /** The ledger's memory budget (respondents.ts); tests make it tiny so that it spills to disk. */
  readonly ledger?: LedgerOptions | undefined;
}

export interface SourceSummary {
  readonly file: string;
  readonly variant: string | null;
  readonly columns: ColumnMapping["names"];
  readonly accounting: RowAccounting;
  readonly platform: PlatformName;
  readonly dialect: Dialect;
  /** Records before the data: 1, or SurveyMonkey's 2, Qualtrics' 3. */
  readonly headerRows: number;
  /** Responses from a respondent who had already answered in this variant. */
  readonly repeatResponses: number;
}

export interface IngestResult {
  readonly tally: Tally;
  readonly sources: SourceSummary[];
  readonly respondents: RespondentSummary;
}

/** Header rows are at most 3 (Qualtrics); the rest of the head is the sample that confirms the columns. */
const HEADER_RECORDS = 3;
const SAMPLE_RECORDS = 500;

/**
 * What ingestInStages gives: the tally and each file's accounting once every row is read and decided
 * (duplicates dropped, and repeats with `--dedupe first` or `last`), then `respondents`, the respondent counts
 * and each file's accounting with its repeat responses. With `none` a large run's respondents are counted on a
 * reader thread while the caller goes on (the analysis does not read them): see respondents.ts' resolve.
 */
export interface StagedIngest {
  readonly tally: Tally;
  readonly sources: readonly Omit<SourceSummary, "repeatResponses">[];
  readonly respondents: Promise<{ readonly sources: SourceSummary[]; readonly respondents: RespondentSummary }>;
}

export async function ingest(inputs: readonly InputSpec[], options: IngestOptions, stdin: Readable): Promise<IngestResult> {
  const staged = await ingestInStages(inputs, options, stdin);
  const { sources, respondents } = await staged.respondents;
  return { tally: staged.tally, sources, respondents };
}

/** ingest in two stages (StagedIngest): always await `respondents`, which also lets go of the run's threads and spill files. */
export async function ingestInStages(inputs: readonly InputSpec[], options: IngestOptions, stdin: Readable): Promise<StagedIngest> {
  const ledger = new RespondentLedger(options.dedupe ?? "none", options.ledger);
  // Reader threads, started for the first large file and kept for the next.
  const threads = readerThreads();
  const release = async (): Promise<void> => {
    ledger.close();
    await threads.close();
  };
  let respondents: StagedIngest["respondents"] | null = null;
  try {
    await prestartFor(inputs[0], options, threads);
    const read: { tally: Tally; summary: Omit<SourceSummary, "repeatResponses"> }[] = [];
    for (const input of inputs) read.push(await ingestOne(input, options, stdin, ledger, threads));
    // Only now, with every row seen, are duplicates and repeats known (respondents.ts). The reader threads,
    // running already, help resolve a spilled ledger (or are ended first, when it has no use for them).
    options.onStep?.("finding duplicates and repeat respondents");
    const { counts } = await ledger.resolve(
      inputs.map((input) => input.variant),
      threads,
    );
    const total = emptyTally();
    // Declared variants keep their command-line order even if a file yields no usable rows.
    for (const input of inputs) if (input.variant !== undefined) declareVariant(total, input.variant);
    // Each file's cells are moved or let go once added (on a large run they are tens of MB, and this is its peak).
    for (const file of read) moveInto(total, file.tally);
    const sources = read.map((file) => file.summary);
    respondents = counts
      .then(({ summary, fileRepeats }) => ({ sources: sources.map((source, index) => ({ ...source, repeatResponses: fileRepeats[index] ?? 0 })), respondents: summary }))
      .finally(release);
    return { tally: total, sources, respondents };
  } finally {
    if (respondents === null) await release();
  }
}

/** The general reader's rows: csv-parse, for any input, any encoding. */
function generalRows(csv: CsvSource): FileRows {
  const records = csv.records();
  return {
    head: async (count) => {
      const head: CsvRecord[] = [];
      while (head.length < count) {
        const next = await records.next();
        if (next.done === true) break;
        head.push(next.value);
      }
      return head;
    },
    countRest: async (context: RowContext) => {
      for await (const record of records) countRow(record, context);
    },
    close: async () => void (await records.return(undefined)),
  };
}

/**
 * Starts the reader threads for the first file before it is opened, when it is a file large enough to be read
 * in parallel (parallel.ts decides again once it knows the dialect; threads it does not use are closed).
 */
async function prestartFor(input: InputSpec | undefined, options: IngestOptions, threads: KeptThreads): Promise<void> {
  if (input === undefined || input.path === "-" || options.fastReader === false) return;
  let size: number;
  try {
    size = statSync(input.path).size;
  } catch {
    // Opening the file names the problem.
    return;
  }
  await prestartReaders(options.parallel, size, threads);
}

/** The byte-level reader where it can read the file (fast/fast-file.ts), the general one elsewhere. */
async function openRows(path: string, options: IngestOptions, stdin: Readable, threads: KeptThreads): Promise<{ rows: FileRows; csv: CsvSource }> {
  const csv = await openCsv(path, stdin, options);
  if (options.fastReader === false || !canReadFast(csv)) return { rows: generalRows(csv), csv };
  return { rows: new FastFileRows(path, csv, { ...options, threads }), csv };
}

function dateReader(layout: Layout, columns: ColumnMapping, options: IngestOptions, file: string, sample: readonly CsvRecord[]): DateReader | null {
  if (columns.date === null) return null;
  const column = columns.date;
  const zone = options.sourceTimeZone ?? layout.zoneOf(column) ?? options.timeZone;
  const reader = new DateReader({ order: options.dateFormat ?? layout.dateOrder, zone, file, column: columns.names.date ?? "" });
  reader.settle(sample.map(({ fields, line }) => ({ value: fields[column] ?? "", line })));
  return reader;
}

async function ingestOne(input: InputSpec, options: IngestOptions, stdin: Readable, ledger: RespondentLedger, threads: KeptThreads): Promise<{ tally: Tally; summary: Omit<SourceSummary, "repeatResponses"> }> {
  const { rows, csv } = await openRows(input.path, options, stdin, threads);
  const { file } = csv;
  try {
    const head = await rows.head(HEADER_RECORDS + SAMPLE_RECORDS);
    const first = head[0];
    if (first === undefined) throw new InputError("file is empty", { file }, "expected a header row and responses");
    const headerCandidates = head.slice(0, HEADER_RECORDS).map(({ fields }) => fields);
    const layout = choosePlatform(headerCandidates, options.source).layout(headerCandidates, file);
    const sample = head.slice(layout.headerRows);
    const firstDataLine = (head[layout.headerRows - 1] ?? first).line + 1;
    const columns = mapColumns(layout.names, options, file, { ...layout, sample: sample.map(({ fields }) => fields), headerLine: first.line });
    if (columns.date === null && (options.from !== undefined || options.to !== undefined)) {
      throw new InputError("--from/--to need a date column, and none was found", { file, line: first.line }, "name it with --date-column");
    }
    const tally = emptyTally();
    if (input.variant !== undefined) declareVariant(tally, input.variant);
    const context = { ...options, file, tally, layout, columns, ledger, variant: input.variant, dates: dateReader(layout, columns, options, file, sample) };
    ledger.beginFile(tally);
    for (const record of sample) countRow(record, context);
    await rows.countRest(context, headerCandidates);
    if (tally.accounting.rowsRead === 0) throw new InputError("header but no data rows", { file, line: firstDataLine }, "the export holds no responses");
    const summary = {
      file,
      variant: input.variant ?? null,
      columns: columns.names,
      accounting: tally.accounting,
      platform: layout.platform,
      dialect: csv.dialect,
      headerRows: layout.headerRows,
    };
    return { tally, summary };
  } finally {
    await rows.close();
  }
}
