/**
 * `nps-ab sql`: prints the query with which a warehouse (DuckDB, PostgreSQL, BigQuery, Snowflake, Spark)
 * counts its responses into a counts CSV, so the warehouse does the counting and `analyze --counts` the
 * statistics. Column names cannot be detected without reading the data, so they are taken as given.
 */
import { UsageError } from "../../errors.js";
import { buildCountsQuery } from "../../tally/counts-sql.js";
import { SQL_DIALECTS, type SqlDialect } from "../../tally/sql-dialects.js";
import { writeOutputFile, type Io } from "../io.js";
import { columnOption, dateFormatOption, day, oneOf, text, zoneOption, type RawOptions } from "../option-values.js";
import { ANALYZE_OPTIONS, type OptionSpec } from "../options.js";

const shared = (name: string): OptionSpec => {
  const spec = ANALYZE_OPTIONS.find((option) => option.name === name);
  if (spec === undefined) throw new Error(`analyze has no option --${name}`);
  return spec;
};

export const SQL_OPTIONS: readonly OptionSpec[] = [
  { name: "dialect", argument: "name", description: `SQL dialect: ${SQL_DIALECTS.join(" | ")}`, example: "--dialect bigquery" },
  { name: "table", argument: "name", description: "table or view of responses, optionally qualified (each dot-separated part is quoted)", example: "--table analytics.nps_responses" },
  { name: "variant-column", argument: "name", description: "column holding the variant (required)", example: "--variant-column site" },
  { name: "score-column", argument: "name", description: "column holding the 0-10 score (required)", example: "--score-column Score" },
  { name: "date-column", argument: "name", description: "column holding the response time (timestamp, or ISO 8601 text); without it (or with none, as for every column option) the counts have no periods", example: '--date-column "Created At"' },
  { name: "segment-column", argument: "name", description: "column splitting responses into segments", example: '--segment-column "Lifecycle Stage"' },
  { name: "id-column", argument: "name", description: "column holding the response ID: a copy of a response already counted in its variant is dropped as duplicate-response", example: '--id-column "Response ID"' },
  shared("from"),
  shared("to"),
  shared("tz"),
  shared("source-tz"),
  { name: "date-format", argument: "format", description: "order of day and month of local dates such as 03/04/2018 or 14.03.2018: dd/mm/yyyy | mm/dd/yyyy (also dd.mm.yyyy, yyyy-mm-dd); without it only ISO 8601, unix times and timestamps are read", example: "--date-format mm/dd/yyyy" },
  { name: "output", short: "o", argument: "file", description: "write the query to a file instead of stdout", example: "--output counts.sql" },
  shared("debug"),
];

/**
 * A column option that may be left out (or given as `none`, which means the same, as for analyze), but not
 * given blank (a blank name is no column: `""` in SQL).
 */
function optional(raw: RawOptions, key: string, flag: string): string | undefined {
  const value = columnOption(raw, key);
  if (value !== undefined && value !== false && value.trim() === "") throw new UsageError(`${flag} is blank`, "name a column of the table, or leave the option out");
  return value === false ? undefined : value;
}

function required(raw: RawOptions, key: string, flag: string, example: string): string {
  const value = text(raw, key);
  if (value === undefined || value.trim() === "") throw new UsageError(`${flag} is required`, `e.g. ${flag} ${example}`);
  return value;
}

export async function runSql(raw: RawOptions, io: Io): Promise<number> {
  const dialectText = text(raw, "dialect");
  if (dialectText === undefined) throw new UsageError("--dialect is required", `one of ${SQL_DIALECTS.join(", ")}`);
  const dialect = oneOf<SqlDialect>(raw, "dialect", "--dialect", SQL_DIALECTS, "duckdb");
  const from = day(raw, "from", "--from");
  const to = day(raw, "to", "--to");
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const dateColumn = optional(raw, "dateColumn", "--date-column");
  if (dateColumn === undefined && (from !== undefined || to !== undefined)) throw new UsageError("--from/--to need --date-column");
  const timeZone = zoneOption(raw, "tz", "--tz") ?? "UTC";
  const sourceTimeZone = zoneOption(raw, "sourceTz", "--source-tz");
  if (sourceTimeZone !== undefined && dateColumn === undefined) throw new UsageError("--source-tz needs --date-column");
  const dateOrder = dateFormatOption(raw);
  if (dateOrder !== undefined && dateColumn === undefined) throw new UsageError("--date-format needs --date-column");
  const query = buildCountsQuery({
    dialect,
    table: required(raw, "table", "--table", "responses"),
    variantColumn: required(raw, "variantColumn", "--variant-column", "site"),
    scoreColumn: required(raw, "scoreColumn", "--score-column", "Score"),
    dateColumn,
    segmentColumn: optional(raw, "segmentColumn", "--segment-column"),
    idColumn: optional(raw, "idColumn", "--id-column"),
    from,
    to,
    timeZone,
    sourceTimeZone,
    dateOrder,
  });
  const output = text(raw, "output");
  if (output === undefined || output === "-") io.stdout.write(query);
  else await writeOutputFile(output, query);
  return 0;
}
