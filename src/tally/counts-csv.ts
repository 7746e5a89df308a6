/**
 * The counts CSV: a Tally written as text, so that counting and analysing can happen on different machines
 * (DESIGN.md: tallies merge by addition). One row per variant x period x segment x score with its count, plus
 * one row per drop reason carrying the rows read but not used, so the row accounting survives aggregation:
 *
 *     variant,period,segment,score,count
 *     ebates,2018-01-02,Engaged,9,14
 *     ,,,dropped:missing-score,3
 *
 * `period` is the calendar day (YYYY-MM-DD) in the time zone the rows were counted in: days, not months,
 * so that months, weeks, phases and a baseline come out exactly as from the raw rows. Blank `period` or
 * `segment` means none (the raw rows had no date or segment column); a blank segment value counted from raw
 * rows is already `(blank)`. Rows read = the sum of every count; rows used = the sum of the score rows.
 * `nps-ab aggregate` and `nps-ab sql` write this format; `nps-ab analyze --counts` reads and sums it.
 */
import type { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { InputError } from "../errors.js";
import { addResponses, declareVariant, DROP_REASONS, dropRow, emptyTally, SCORE_BINS, type DropReason, type Tally, type TallyCell } from "./tally.js";

/** The columns in the order they are written. `variant`, `score` and `count` are required when reading. */
export const COUNTS_COLUMNS = ["variant", "period", "segment", "score", "count"] as const;
export type CountsColumn = (typeof COUNTS_COLUMNS)[number];

/** `score` of a row that carries dropped rows: `dropped:missing-score`. */
export const DROPPED_PREFIX = "dropped:";

const REQUIRED: readonly CountsColumn[] = ["variant", "score", "count"];

/** A CSV field, quoted where it must be (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/**
 * Writes the tally as a counts CSV. Rows are sorted (variants in the tally's order, then period, segment and
 * score; then the drop reasons in DROP_REASONS order), so equal tallies give equal bytes. A variant declared
 * but without any usable row is kept as a zero row (`name,,,0,0`), so it keeps its place in the order.
 */
export function writeCountsCsv(tally: Tally): string {
  const cells = [...tally.cells.values()].sort((a, b) => compareText(a.day, b.day) || compareText(a.segment, b.segment));
  const lines: string[] = [COUNTS_COLUMNS.join(",")];
  const row = (variant: string, cell: Pick<TallyCell, "day" | "segment"> | null, score: string, count: number): string =>
    [variant, cell?.day ?? "", cell?.segment ?? "", score, String(count)].map(csvField).join(",");
  const byVariant = new Map<string, TallyCell[]>(tally.variantOrder.map((variant) => [variant, []]));
  for (const cell of cells) byVariant.get(cell.variant)?.push(cell);
  for (const [variant, own] of byVariant) {
    if (own.length === 0) lines.push(row(variant, null, "0", 0));
    for (const cell of own) {
      cell.counts.forEach((count, score) => {
        if (count > 0) lines.push(row(variant, cell, String(score), count));
      });
    }
  }
  for (const reason of DROP_REASONS) {
    const count = tally.accounting.rowsDropped[reason] ?? 0;
    if (count > 0) lines.push(row("", null, `${DROPPED_PREFIX}${reason}`, count));
  }
  return `${lines.join("\n")}\n`;
}

/** What reading one counts file found, besides its tally: the header names as written. */
export interface CountsRead {
  readonly tally: Tally;
  readonly columns: Readonly<Record<CountsColumn, string | null>>;
}

/** A strict calendar day: `2018-02-30` or `2018-03` is not one. */
function isDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function headerIndex(header: readonly string[], file: string): Record<CountsColumn, number | null> {
  const index: Record<CountsColumn, number | null> = { variant: null, period: null, segment: null, score: null, count: null };
  const expected = `counts files have the columns ${COUNTS_COLUMNS.join(", ")} (period and segment optional)`;
  header.forEach((name, column) => {
    const key = name.trim().toLowerCase();
    if (!(COUNTS_COLUMNS as readonly string[]).includes(key)) throw new InputError(`unknown column ${JSON.stringify(name)} in a counts file`, { file, line: 1 }, expected);
    if (index[key as CountsColumn] !== null) throw new InputError(`column ${JSON.stringify(name)} appears twice`, { file, line: 1 }, expected);
    index[key as CountsColumn] = column;
  });
  const missing = REQUIRED.filter((key) => index[key] === null);
  if (missing.length > 0) throw new InputError(`no ${missing.join(", ")} column in the counts header`, { file, line: 1 }, expected);
  return index;
}

interface RowReader {
  readonly file: string;
  readonly line: number;
  readonly header: readonly string[];
  readonly index: Record<CountsColumn, number | null>;
  readonly record: readonly string[];
}

function value({ index, record }: RowReader, column: CountsColumn): string {
  const at = index[column];
  return at === null ? "" : (record[at] ?? "").trim();
}

function fail(row: RowReader, column: CountsColumn, message: string, hint?: string): never {
  throw new InputError(message, { file: row.file, line: row.line, column: row.header[row.index[column] ?? 0] ?? column }, hint);
}

function countOf(row: RowReader): number {
  const text = value(row, "count");
  if (/^-\s*\d+(\.\d*)?$/.test(text)) fail(row, "count", `negative count ${JSON.stringify(text)}`, "counts are whole numbers >= 0");
  const count = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(count)) fail(row, "count", `count ${JSON.stringify(text)} is not a whole number`, "counts are whole numbers >= 0");
  return count;
}

function countRow(row: RowReader, tally: Tally): void {
  const count = countOf(row);
  const score = value(row, "score");
  tally.accounting.rowsRead += count;
  if (score.toLowerCase().startsWith(DROPPED_PREFIX)) {
    const reason = score.slice(DROPPED_PREFIX.length).trim().toLowerCase();
    if (!(DROP_REASONS as readonly string[]).includes(reason)) {
      fail(row, "score", `unknown drop reason ${JSON.stringify(score)}`, `reasons: ${DROP_REASONS.join(", ")}`);
    }
    dropRow(tally, reason as DropReason, count);
    return;
  }
  if (!/^\d{1,2}$/.test(score) || Number(score) >= SCORE_BINS) {
    fail(row, "score", `score ${JSON.stringify(score)} is not a whole number 0-10`, `or ${DROPPED_PREFIX}<reason> for rows that were dropped`);
  }
  const variant = value(row, "variant");
  if (variant === "") fail(row, "variant", "blank variant", `only ${DROPPED_PREFIX}<reason> rows may leave the variant blank`);
  const period = value(row, "period");
  if (period !== "" && !isDay(period)) {
    fail(row, "period", `period ${JSON.stringify(period)} is not a day YYYY-MM-DD`, "count by day, so that months, weeks, phases and the baseline come out exactly as from the raw rows");
  }
  const segment = value(row, "segment");
  declareVariant(tally, variant);
  if (count > 0) addResponses(tally, variant, period === "" ? null : period, segment === "" ? null : segment, Number(score), count);
}

/** Reads one counts CSV into a tally; every problem is an InputError naming the file, line and column. */
export async function readCountsCsv(input: Readable, file: string): Promise<CountsRead> {
  const tally = emptyTally();
  const parser = input.pipe(parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: false }));
  let header: string[] | null = null;
  let index: Record<CountsColumn, number | null> | null = null;
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header === null || index === null) {
        header = record;
        index = headerIndex(record, file);
        continue;
      }
      rows += 1;
      countRow({ file, line: info.lines, header, index, record }, tally);
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new InputError(`not a valid CSV: ${error.message.replace(/\s+/g, " ")}`, { file, ...(line === undefined ? {} : { line }) });
    }
    throw error;
  }
  if (header === null || index === null) throw new InputError("file is empty", { file }, `expected a header ${COUNTS_COLUMNS.join(",")} and counts`);
  if (rows === 0) throw new InputError("header but no counts rows", { file, line: 2 }, "the counts file holds no rows");
  const name = (key: CountsColumn): string | null => {
    const at = index?.[key] ?? null;
    return at === null ? null : (header?.[at] ?? key);
  };
  return { tally, columns: { variant: name("variant"), period: name("period"), segment: name("segment"), score: name("score"), count: name("count") } };
}

/**
 * Applies an analysis window to counted days, as ingest does to raw rows: responses on days outside
 * [from, to] become `outside-window` drops. Counts without periods cannot be windowed.
 */
export function restrictToWindow(tally: Tally, window: { from?: string | undefined; to?: string | undefined }, file: string): Tally {
  const { from, to } = window;
  if (from === undefined && to === undefined) return tally;
  const kept = emptyTally();
  for (const variant of tally.variantOrder) declareVariant(kept, variant);
  kept.accounting.rowsRead = tally.accounting.rowsRead;
  for (const [reason, count] of Object.entries(tally.accounting.rowsDropped)) dropRow(kept, reason as DropReason, count ?? 0);
  for (const cell of tally.cells.values()) {
    if (cell.day === null) throw new InputError("--from/--to need periods, and this counts file has none", { file }, "count with a date column, or leave out --from/--to");
    const outside = (from !== undefined && cell.day < from) || (to !== undefined && cell.day > to);
    cell.counts.forEach((count, score) => {
      if (count === 0) return;
      if (outside) dropRow(kept, "outside-window", count);
      else addResponses(kept, cell.variant, cell.day, cell.segment, score, count);
    });
  }
  return kept;
}
