/**
 * One data row -> used, or dropped with exactly one reason. The checks run in a fixed order (not a real
 * response, no variant, duplicate response, score, date, window, repeat respondent), so every row read is
 * counted once: rows read = rows used + rows dropped.
 */
import { InputError } from "../errors.js";
import { addResponses, dropRow, type Tally } from "../tally/tally.js";
import type { ColumnMapping } from "./columns.js";
import { dayInTimeZone } from "./date.js";
import type { DateReader } from "./date-formats.js";
import type { Layout } from "./platforms/index.js";
import type { CsvRecord } from "./read-records.js";
import type { RespondentLedger } from "./respondents.js";
import { parseLabelledScore } from "./score.js";

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

function scoreOf({ fields, line }: CsvRecord, context: RowContext): number | null {
  const raw = fields[context.columns.score];
  const score = parseLabelledScore(raw);
  if (score.kind === "score") return score.score;
  if (context.strict) {
    const what = score.kind === "missing" ? "blank score" : `invalid score ${JSON.stringify(raw)}`;
    throw new InputError(what, { file: context.file, line, column: context.columns.names.score }, "scores are whole numbers 0-10; without --strict such rows are dropped and counted");
  }
  dropRow(context.tally, score.kind === "missing" ? "missing-score" : "invalid-score");
  return null;
}

/** The calendar day of the response; `undefined` when the row was dropped for its date. */
function dayOf({ fields, line }: CsvRecord, context: RowContext): string | null | undefined {
  if (context.dates === null || context.columns.date === null) return null;
  const date = context.dates.read(fields[context.columns.date], line);
  if (date.kind !== "date") {
    dropRow(context.tally, date.kind === "missing" ? "missing-date" : "invalid-date");
    return undefined;
  }
  const day = dayInTimeZone(date.epochMs, context.timeZone);
  if ((context.from !== undefined && day < context.from) || (context.to !== undefined && day > context.to)) {
    dropRow(context.tally, "outside-window");
    return undefined;
  }
  return day;
}

/** Counts one data row; returns whether its respondent had answered before (a repeat). */
export function countRow(record: CsvRecord, context: RowContext): boolean {
  const { tally, columns, layout, ledger } = context;
  const { fields } = record;
  tally.accounting.rowsRead += 1;
  const excluded = layout.excluded(fields);
  if (excluded !== null) {
    dropRow(tally, excluded);
    return false;
  }
  const variant = variantOf(record, context);
  if (variant === null) {
    dropRow(tally, "missing-variant");
    return false;
  }
  if (ledger.isDuplicateResponse(variant, field(fields, columns.responseId))) {
    dropRow(tally, "duplicate-response");
    return false;
  }
  const score = scoreOf(record, context);
  if (score === null) return false;
  const day = dayOf(record, context);
  if (day === undefined) return false;
  // A blank segment is its own segment, "(blank)", rather than a dropped row: the response still counts overall.
  const segment = columns.segment === null ? null : (fields[columns.segment] ?? "").trim() || "(blank)";
  const { use, repeat } = ledger.admit(field(fields, columns.respondent), { tally, variant, day, segment, score });
  if (use) addResponses(tally, variant, day, segment, score);
  else dropRow(tally, "repeat-respondent");
  return repeat;
}
