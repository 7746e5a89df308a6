/**
 * One data row -> used, or dropped with exactly one reason. The checks run in a fixed order (not a real
 * response, no variant, duplicate response, score, date, window, repeat respondent), so every row read is
 * counted once: rows read = rows used + rows dropped. The ledger's checks (duplicate response, repeat
 * respondent) are deferred (respondents.ts): a row with a response ID or a respondent gets the outcome of the
 * other checks now, and the ledger overrides it, as if it had come first, once every file is read.
 */
import { InputError } from "../errors.js";
import type { Tally } from "../tally/tally.js";
import type { ColumnMapping } from "./columns.js";
import { dayInTimeZone } from "./date.js";
import type { DateReader } from "./date-formats.js";
import type { Layout } from "./platforms/index.js";
import type { CsvRecord } from "./read-records.js";
import type { RespondentLedger } from "./respondents.js";
import { parseLabelledScore } from "./score.js";
import { Hash64, hashString } from "./hash64.js";

const scratch = new Hash64();

export interface RowContext {
  readonly file: string;
  readonly tally: Tally;
  readonly layout: Layout;
  readonly columns: ColumnMapping;
  readonly dates: DateReader | null;
  readonly ledger: RespondentLedger;
  /** The variant of every row of this file; `undefined` when a variant column says. */
  readonly variant: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly timeZone: string;
  readonly strict: boolean;
}

const field = (fields: readonly string[], column: number | null): string | undefined => (column === null ? undefined : fields[column]);

function variantOf({ fields }: CsvRecord, context: RowContext): string | null {
  if (context.columns.variant === null) {
    if (context.variant === undefined) throw new InputError("no variant for this file", { file: context.file }, "use name=path or --variant-column");
    return context.variant;
  }
  const variant = (fields[context.columns.variant] ?? "").trim();
  return variant === "" ? null : variant;
}

/**
 * Whether a row whose score is not a score repeats the header row at every column the analysis reads: exports
 * joined together (`cat a.csv b.csv`) carry each later header as a line of data. Such a line is not a row, as
 * a blank line is not: `unreadHeaderRepeat` takes it back from the accounting, and the report warns. (Only the
 * first header row is compared: a repeat of a Qualtrics export's second and third stays a dropped row.)
 */
export function repeatsHeader(valueAt: (column: number) => string, columns: ColumnMapping): boolean {
  const { names } = columns;
  const read: [number | null, string | null][] = [
    [columns.score, names.score],
    [columns.date, names.date],
    [columns.variant, names.variant],
    [columns.segment, names.segment],
    [columns.responseId, names.responseId],
    [columns.respondent, names.respondent],
  ];
  return read.every(([column, name]) => column === null || name === null || valueAt(column).trim() === name.trim());
}

/** Takes back the row just started (nothing noted yet but its start), found to repeat the header. */
export function unreadHeaderRepeat(context: RowContext): void {
  context.ledger.forgetRow();
  context.tally.accounting.rowsRead -= 1;
  context.tally.headerRepeats = (context.tally.headerRepeats ?? 0) + 1;
}

function scoreOf({ fields, line }: CsvRecord, context: RowContext): number | null {
  // With --strict this throws before the ledger knows whether the row is a duplicate (respondents.ts).
  const raw = fields[context.columns.score];
  const score = parseLabelledScore(raw);
  if (score.kind === "score") return score.score;
  if (score.kind === "invalid" && repeatsHeader((column) => fields[column] ?? "", context.columns)) {
    unreadHeaderRepeat(context);
    return null;
  }
  if (context.strict) {
    const what = score.kind === "missing" ? "blank score" : `invalid score ${JSON.stringify(raw)}`;
    throw new InputError(what, { file: context.file, line, column: context.columns.names.score }, "scores are whole numbers 0-10; without --strict such rows are dropped and counted");
  }
  context.ledger.drop(score.kind === "missing" ? "missing-score" : "invalid-score");
  return null;
}

/** The calendar day of the response; `undefined` when the row was dropped for its date. */
function dayOf({ fields, line }: CsvRecord, context: RowContext): string | null | undefined {
  if (context.dates === null || context.columns.date === null) return null;
  const date = context.dates.read(fields[context.columns.date], line);
  if (date.kind !== "date") {
    context.ledger.drop(date.kind === "missing" ? "missing-date" : "invalid-date");
    return undefined;
  }
  const day = dayInTimeZone(date.epochMs, context.timeZone);
  if ((context.from !== undefined && day < context.from) || (context.to !== undefined && day > context.to)) {
    context.ledger.drop("outside-window");
    return undefined;
  }
  return day;
}

/** Counts one data row, or notes it in the ledger to be counted once the ledger has seen every row. */
export function countRow(record: CsvRecord, context: RowContext): void {
  const { tally, columns, layout, ledger } = context;
  const { fields } = record;
  const seq = ledger.startRow();
  tally.accounting.rowsRead += 1;
  const excluded = layout.excluded(fields);
  if (excluded !== null) {
    ledger.cells.drop(excluded, seq);
    return;
  }
  const variantName = variantOf(record, context);
  if (variantName === null) {
    ledger.cells.drop("missing-variant", seq);
    return;
  }
  const variant = ledger.variant(variantName);
  const id = (field(fields, columns.responseId) ?? "").trim();
  if (id !== "") ledger.noteIdText(variant, id);
  const score = scoreOf(record, context);
  if (score === null) return;
  const day = dayOf(record, context);
  if (day === undefined) return;
  // A blank segment is its own segment, "(blank)", rather than a dropped row: the response still counts overall.
  const segment = columns.segment === null ? null : (fields[columns.segment] ?? "").trim() || "(blank)";
  const respondent = (field(fields, columns.respondent) ?? "").trim().toLowerCase();
  if (respondent !== "") ledger.noteRespondent(hashString(respondent, scratch));
  if (ledger.deferring) ledger.deferUse(variant, ledger.cells.id(variantName, day, segment), score);
  else ledger.cells.countNow(ledger.cells.cell(variantName, day, segment, seq), score);
}
