/**
 * `analyze --counts`: counts CSVs (from `nps-ab aggregate` or `nps-ab sql`) -> one Tally, summed file by
 * file (tallies merge by addition), with each file's accounting for the report's `data.sources`.
 */
import type { Readable } from "node:stream";
import type { SourceAccounting } from "../analysis/report.js";
import { UsageError } from "../errors.js";
import type { IngestOptions } from "../ingest/ingest.js";
import { displayName, openInput } from "../ingest/open-input.js";
import { readCountsCsv, restrictToWindow } from "../tally/counts-csv.js";
import { emptyTally, mergeInto, type Tally } from "../tally/tally.js";
import { READING_OPTION_NAMES } from "./commands/aggregate.js";
import { camelCase } from "./config.js";
import type { RawOptions } from "./option-values.js";

/**
 * Options that say how to read raw rows (aggregate's reading options but the window, which applies to the
 * counted days too): the counts were read and counted already.
 */
const RAW_READING_FLAGS = READING_OPTION_NAMES.filter((name) => name !== "from" && name !== "to").map((name) => [camelCase(name), `--${name}`] as const);

export function rejectRawReadingOptions(raw: RawOptions): void {
  for (const [key, flag] of RAW_READING_FLAGS) {
    if (raw[key] !== undefined && raw[key] !== false) {
      throw new UsageError(`${flag} applies to raw exports, not to --counts: the counts were read and counted already`, "give it to nps-ab aggregate (or nps-ab sql) when counting");
    }
  }
}

export interface CountsInputs {
  readonly tally: Tally;
  readonly sources: SourceAccounting[];
}

export async function readCountsInputs(files: readonly string[], window: Pick<IngestOptions, "from" | "to">, stdin: Readable): Promise<CountsInputs> {
  if (files.length === 0) throw new UsageError("no counts files given", "e.g. nps-ab analyze --counts part-1.csv part-2.csv");
  const total = emptyTally();
  const sources: SourceAccounting[] = [];
  for (const path of files) {
    const file = displayName(path);
    const { tally: counted, columns } = await readCountsCsv(await openInput(path, stdin), file);
    const tally = restrictToWindow(counted, window, file);
    mergeInto(total, tally);
    sources.push({
      file,
      variant: null,
      columns: { score: columns.score ?? "score", date: columns.period, variant: columns.variant, segment: columns.segment },
      ...tally.accounting,
      rowsDropped: { ...tally.accounting.rowsDropped },
      delimiter: ",",
      encoding: "utf-8",
      compressed: false,
      headerRows: 1,
      duplicateResponses: tally.accounting.rowsDropped["duplicate-response"] ?? 0,
    });
  }
  return { tally: total, sources };
}
