/**
 * The small pieces of SQL in which warehouses differ, one table row per dialect. counts-sql.ts builds the
 * one aggregation query from them. Regular expressions are written without backslashes (`[.]`, `[+-]`), so
 * they read the same in every dialect's string literals; every match is a whole-string match.
 *
 * What each fragment must do:
 * - `text(x)`: the column as text (so typed and text columns are read alike);
 * - `matches(x, pattern)`: whether the text matches the anchored regular expression;
 * - `instant(x)`: ISO 8601 text with an offset -> an absolute instant, NULL when not a real date;
 * - `wallClockDay(x)`: ISO 8601 text without an offset (a wall-clock time in --tz) -> its DATE, NULL when
 *   not a real date;
 * - `unixSeconds(x)`: text of seconds since 1970 -> an instant;
 * - `unixMilliseconds(x)`: text of a whole number of milliseconds since 1970 -> an instant (its day is exact:
 *   a division by 1000 in floating point cannot move a time across midnight, where it is a whole second);
 * - `localDay(instant, zone)`: the calendar DATE of an instant in an IANA zone;
 * - `dayText(date)`: a DATE as `YYYY-MM-DD`;
 * - `withoutMatch(x, pattern)`: the text with the first match of the regular expression removed;
 * - `integerText(x)`: text of a whole number without leading zeros (`07` -> `7`).
 */

export const SQL_DIALECTS = ["duckdb", "postgres", "bigquery", "snowflake", "spark"] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

export interface DialectFragments {
  /** What the dialect needs to run the query (version, extension). */
  readonly requires: string;
  readonly quoteIdentifier: (name: string) => string;
  readonly stringLiteral: (text: string) => string;
  readonly text: (expression: string) => string;
  readonly matches: (expression: string, pattern: string) => string;
  readonly instant: (expression: string) => string;
  readonly wallClockDay: (expression: string) => string;
  readonly unixSeconds: (expression: string) => string;
  readonly unixMilliseconds: (expression: string) => string;
  readonly localDay: (instant: string, zone: string) => string;
  readonly dayText: (date: string) => string;
  readonly withoutMatch: (expression: string, pattern: string) => string;
  readonly integerText: (expression: string) => string;
}

const doubleQuoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const singleQuoted = (text: string): string => `'${text.replace(/'/g, "''")}'`;
const backslashQuoted = (text: string): string => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

export const DIALECTS = {
  duckdb: {
    requires: "DuckDB 0.10 or later (time zones from the bundled ICU extension)",
    quoteIdentifier: doubleQuoted,
    stringLiteral: singleQuoted,
    text: (x) => `CAST(${x} AS VARCHAR)`,
    matches: (x, pattern) => `regexp_full_match(${x}, ${singleQuoted(pattern)})`,
    instant: (x) => `TRY_CAST(${x} AS TIMESTAMPTZ)`,
    wallClockDay: (x) => `CAST(TRY_CAST(${x} AS TIMESTAMP) AS DATE)`,
    unixSeconds: (x) => `to_timestamp(CAST(${x} AS DOUBLE))`,
    unixMilliseconds: (x) => `to_timestamp(CAST(${x} AS DOUBLE) / 1000)`,
    localDay: (instant, zone) => `CAST(timezone(${singleQuoted(zone)}, ${instant}) AS DATE)`,
    dayText: (date) => `strftime(${date}, '%Y-%m-%d')`,
    withoutMatch: (x, pattern) => `regexp_replace(${x}, ${singleQuoted(pattern)}, '')`,
    integerText: (x) => `CAST(CAST(${x} AS INTEGER) AS VARCHAR)`,
  },
  postgres: {
    // pg_input_is_valid makes the casts safe: a bad date is a dropped row, not an aborted query.
    requires: "PostgreSQL 16 or later (pg_input_is_valid)",
    quoteIdentifier: doubleQuoted,
    stringLiteral: singleQuoted,
    text: (x) => `CAST(${x} AS text)`,
    matches: (x, pattern) => `(${x} ~ ${singleQuoted(pattern)})`,
    instant: (x) => `CASE WHEN pg_input_is_valid(${x}, 'timestamptz') THEN CAST(${x} AS timestamptz) END`,
    wallClockDay: (x) => `CASE WHEN pg_input_is_valid(${x}, 'timestamp') THEN CAST(CAST(${x} AS timestamp) AS date) END`,
    unixSeconds: (x) => `to_timestamp(CAST(${x} AS double precision))`,
    unixMilliseconds: (x) => `to_timestamp(CAST(${x} AS double precision) / 1000)`,
    localDay: (instant, zone) => `CAST((${instant}) AT TIME ZONE ${singleQuoted(zone)} AS date)`,
    dayText: (date) => `to_char(${date}, 'YYYY-MM-DD')`,
    withoutMatch: (x, pattern) => `regexp_replace(${x}, ${singleQuoted(pattern)}, '')`,
    integerText: (x) => `CAST(CAST(${x} AS integer) AS text)`,
  },
  bigquery: {
    requires: "BigQuery GoogleSQL",
    quoteIdentifier: (name) => `\`${name.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``,
    stringLiteral: backslashQuoted,
    text: (x) => `CAST(${x} AS STRING)`,
    matches: (x, pattern) => `REGEXP_CONTAINS(${x}, ${backslashQuoted(pattern)})`,
    instant: (x) => `SAFE_CAST(${x} AS TIMESTAMP)`,
    wallClockDay: (x) => `DATE(SAFE_CAST(${x} AS DATETIME))`,
    unixSeconds: (x) => `TIMESTAMP_MICROS(CAST(ROUND(CAST(${x} AS FLOAT64) * 1000000) AS INT64))`,
    unixMilliseconds: (x) => `TIMESTAMP_MILLIS(CAST(${x} AS INT64))`,
    localDay: (instant, zone) => `DATE(${instant}, ${backslashQuoted(zone)})`,
    dayText: (date) => `FORMAT_DATE('%Y-%m-%d', ${date})`,
    withoutMatch: (x, pattern) => `REGEXP_REPLACE(${x}, ${backslashQuoted(pattern)}, '')`,
    integerText: (x) => `CAST(CAST(${x} AS INT64) AS STRING)`,
  },
  snowflake: {
    requires: "Snowflake",
    quoteIdentifier: doubleQuoted,
    stringLiteral: singleQuoted,
    text: (x) => `TO_VARCHAR(${x})`,
    matches: (x, pattern) => `REGEXP_LIKE(${x}, ${singleQuoted(pattern)})`,
    instant: (x) => `TRY_TO_TIMESTAMP_TZ(${x})`,
    wallClockDay: (x) => `TO_DATE(TRY_TO_TIMESTAMP_NTZ(${x}))`,
    unixSeconds: (x) => `TO_TIMESTAMP_TZ(CAST(${x} AS NUMBER(20, 9)))`,
    // The scale 3 reads the number as milliseconds (TO_TIMESTAMP_* with a numeric expression and a scale).
    unixMilliseconds: (x) => `TO_TIMESTAMP_TZ(CAST(${x} AS NUMBER(38, 0)), 3)`,
    localDay: (instant, zone) => `TO_DATE(CONVERT_TIMEZONE(${singleQuoted(zone)}, ${instant}))`,
    dayText: (date) => `TO_CHAR(${date}, 'YYYY-MM-DD')`,
    withoutMatch: (x, pattern) => `REGEXP_REPLACE(${x}, ${singleQuoted(pattern)}, '')`,
    integerText: (x) => `TO_VARCHAR(CAST(${x} AS INTEGER))`,
  },
  spark: {
    // unix_seconds and from_utc_timestamp do not depend on spark.sql.session.timeZone, so neither does the day.
    requires: "Spark SQL 3.2 or later (try_cast), or Databricks",
    quoteIdentifier: (name) => `\`${name.replace(/`/g, "``")}\``,
    stringLiteral: backslashQuoted,
    text: (x) => `CAST(${x} AS STRING)`,
    matches: (x, pattern) => `(${x} RLIKE ${backslashQuoted(pattern)})`,
    instant: (x) => `TRY_CAST(${x} AS TIMESTAMP)`,
    wallClockDay: (x) => `CAST(TRY_CAST(${x} AS TIMESTAMP) AS DATE)`,
    unixSeconds: (x) => `timestamp_seconds(CAST(${x} AS DOUBLE))`,
    unixMilliseconds: (x) => `timestamp_millis(CAST(${x} AS BIGINT))`,
    localDay: (instant, zone) => `date_from_unix_date(CAST(FLOOR(unix_seconds(from_utc_timestamp(${instant}, ${backslashQuoted(zone)})) / 86400) AS INT))`,
    dayText: (date) => `CAST(${date} AS STRING)`,
    withoutMatch: (x, pattern) => `regexp_replace(${x}, ${backslashQuoted(pattern)}, '')`,
    integerText: (x) => `CAST(CAST(${x} AS INT) AS STRING)`,
  },
} as const satisfies Record<SqlDialect, DialectFragments>;
