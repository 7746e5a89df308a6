/**
 * The small pieces of SQL in which warehouses differ, one table row per dialect. counts-sql.ts builds the
 * one aggregation query from them. Regular expressions are written without backslashes (`[.]`, `[+-]`), so
 * they read the same in every dialect's string literals; every match is a whole-string match.
 *
 * What each fragment must do:
 * - `text(x)`: the column as text (so typed and text columns are read alike);
 * - `trim(x)`: the text without WHITESPACE at either end, as ingest's String.prototype.trim (SQL's TRIM removes
 *   spaces only);
 * - `matches(x, pattern)`: whether the text matches the anchored regular expression;
 * - `spaceClass`, `letterClass`: a regular expression's class of WHITESPACE and of letters, in the dialect's
 *   syntax (the only classes written with backslashes; `matches` quotes them for the dialect's literals);
 * - `instant(x)`: ISO 8601 text with an offset -> an absolute instant, NULL when not a real date;
 * - `wallClockDay(x)`: ISO 8601 text without an offset (a wall-clock time in --tz) -> its DATE, NULL when
 *   not a real date;
 * - `wallClockDayIn(x, source, zone)`: ISO 8601 text without an offset, a wall-clock time in the zone `source`
 *   (--source-tz) -> the DATE of that instant in `zone`, NULL when not a real date;
 * - `unixSeconds(x)`: text of seconds since 1970 -> an instant;
 * - `unixMilliseconds(x)`: text of a whole number of milliseconds since 1970 -> an instant (its day is exact:
 *   a division by 1000 in floating point cannot move a time across midnight, where it is a whole second);
 * - `localDay(instant, zone)`: the calendar DATE of an instant in an IANA zone;
 * - `dayText(date)`: a DATE as `YYYY-MM-DD`;
 * - `withoutMatch(x, pattern)`: the text with the first match of the regular expression removed;
 * - `group(x, pattern, n)`: the n-th group of the anchored regular expression (its groups all capturing, no
 *   parenthesis inside brackets), empty where the text does not match or the group took no part;
 * - `integer(x)`: digits as a whole number, for arithmetic;
 * - `fence`: what ends a step's SELECT so that the planner computes its columns once a row instead of
 *   copying their expressions into every later mention (PostgreSQL inlines steps: `OFFSET 0` stops it);
 * - `integerText(x)`: text of a whole number without leading zeros (`07` -> `7`).
 */

export const SQL_DIALECTS = ["duckdb", "postgres", "bigquery", "snowflake", "spark"] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/**
 * What String.prototype.trim removes (ECMA-262, 22.1.3.32: WhiteSpace and LineTerminator): tab, line feed,
 * vertical tab, form feed, carriage return, space, the Unicode space separators (Zs: no-break space, U+1680,
 * U+2000-U+200A, U+202F, U+205F, U+3000), the line and paragraph separators and the byte-order mark.
 */
export const WHITESPACE = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, ...Array.from({ length: 11 }, (_, index) => 0x2000 + index), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];

/** WHITESPACE as `\uXXXX` escapes, for the string literals of dialects that read them (and PostgreSQL's patterns). */
const unicodeEscapes = WHITESPACE.map((code) => `\\u${code.toString(16).padStart(4, "0")}`).join("");

/** WHITESPACE as a character class of `\x{...}` escapes (RE2's and Java's), consecutive code points as ranges. */
const whitespaceClass = ((): string => {
  const hex = (code: number): string => `\\x{${code.toString(16)}}`;
  const runs: [number, number][] = [];
  for (const code of WHITESPACE) {
    const last = runs.at(-1);
    if (last !== undefined && last[1] === code - 1) last[1] = code;
    else runs.push([code, code]);
  }
  return `[${runs.map(([first, last]) => (first === last ? hex(first) : `${hex(first)}-${hex(last)}`)).join("")}]`;
})();

export interface DialectFragments {
  /** What the dialect needs to run the query (version, extension). */
  readonly requires: string;
  readonly quoteIdentifier: (name: string) => string;
  readonly stringLiteral: (text: string) => string;
  readonly text: (expression: string) => string;
  readonly trim: (expression: string) => string;
  readonly matches: (expression: string, pattern: string) => string;
  readonly spaceClass: string;
  readonly letterClass: string;
  readonly instant: (expression: string) => string;
  readonly wallClockDay: (expression: string) => string;
  readonly wallClockDayIn: (expression: string, source: string, zone: string) => string;
  readonly unixSeconds: (expression: string) => string;
  readonly unixMilliseconds: (expression: string) => string;
  readonly localDay: (instant: string, zone: string) => string;
  readonly dayText: (date: string) => string;
  readonly withoutMatch: (expression: string, pattern: string) => string;
  readonly integerText: (expression: string) => string;
  readonly group: (expression: string, pattern: string, n: number) => string;
  readonly integer: (expression: string) => string;
  readonly fence: string;
}

const doubleQuoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const singleQuoted = (text: string): string => `'${text.replace(/'/g, "''")}'`;
const backslashQuoted = (text: string): string => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/**
 * Whether the `YYYY-MM-DD` that starts ISO 8601 text is a day of the Gregorian calendar: month 01-12, day from
 * 01 to the month's length, February 29 in years divisible by 4 but not by 100 unless by 400. The two-digit
 * fields compare as text; the year (four digits, by the pattern) is cast only for the leap-year rule.
 */
function realDay(x: string): string {
  const [year, month, day] = [`CAST(substr(${x}, 1, 4) AS integer)`, `substr(${x}, 6, 2)`, `substr(${x}, 9, 2)`];
  const leap = `(${year} % 4 = 0 AND (${year} % 100 <> 0 OR ${year} % 400 = 0))`;
  const lastDay = `CASE WHEN ${month} = '02' THEN CASE WHEN ${leap} THEN '29' ELSE '28' END WHEN ${month} IN ('04', '06', '09', '11') THEN '30' ELSE '31' END`;
  return `(${month} BETWEEN '01' AND '12' AND ${day} BETWEEN '01' AND ${lastDay})`;
}

/** `pattern` with every group but the n-th made non-capturing (`(?:`); see `group`. */
export function onlyGroup(pattern: string, n: number): string {
  let [group, inBrackets, out] = [0, false, ""];
  for (const character of pattern) {
    if (character === "[") inBrackets = true;
    else if (character === "]") inBrackets = false;
    else if (character === "(" && !inBrackets) {
      group += 1;
      if (group !== n) {
        out += "(?:";
        continue;
      }
    }
    out += character;
  }
  return out;
}

/**
 * Each dialect's day of an instant in a zone (`localDay`), which `wallClockDayIn` also ends with: the instant
 * read from a wall clock in one zone, its day taken in another. (Snowflake converts between the two wall clocks
 * directly.)
 */
const duckdbLocalDay = (instant: string, zone: string): string => `CAST(timezone(${singleQuoted(zone)}, ${instant}) AS DATE)`;
const postgresLocalDay = (instant: string, zone: string): string => `CAST((${instant}) AT TIME ZONE ${singleQuoted(zone)} AS date)`;
const bigqueryLocalDay = (instant: string, zone: string): string => `DATE(${instant}, ${backslashQuoted(zone)})`;

/** Spark's day of an instant in a zone: from_utc_timestamp and unix_seconds do not depend on the session's zone. */
const sparkLocalDay = (instant: string, zone: string): string =>
  `date_from_unix_date(CAST(FLOOR(unix_seconds(from_utc_timestamp(${instant}, ${backslashQuoted(zone)})) / 86400) AS INT))`;

export const DIALECTS = {
  duckdb: {
    requires: "DuckDB 0.10 or later (time zones from the bundled ICU extension)",
    quoteIdentifier: doubleQuoted,
    stringLiteral: singleQuoted,
    text: (x) => `CAST(${x} AS VARCHAR)`,
    // trim(x, characters) is ~6x slower than a regular expression here (2M rows, four columns: 4.8 s against
    // 0.8-0.95 s), and a test for whitespace at either end before replacing is as fast as trim(x) (0.7-0.8
    // s). DuckDB's literals keep backslashes, so RE2 reads the \x{...} escapes.
    trim: (x) =>
      `CASE WHEN regexp_matches(${x}, '^${whitespaceClass}|${whitespaceClass}$') THEN regexp_replace(${x}, '^${whitespaceClass}+|${whitespaceClass}+$', '', 'g') ELSE ${x} END`,
    matches: (x, pattern) => `regexp_full_match(${x}, ${singleQuoted(pattern)})`,
    spaceClass: whitespaceClass,
    letterClass: "\\pL",
    instant: (x) => `TRY_CAST(${x} AS TIMESTAMPTZ)`,
    wallClockDay: (x) => `CAST(TRY_CAST(${x} AS TIMESTAMP) AS DATE)`,
    // timezone(zone, TIMESTAMP) reads the wall-clock time in the zone (a TIMESTAMPTZ); timezone(zone, TIMESTAMPTZ) back.
    wallClockDayIn: (x, source, zone) => duckdbLocalDay(`timezone(${singleQuoted(source)}, TRY_CAST(${x} AS TIMESTAMP))`, zone),
    unixSeconds: (x) => `to_timestamp(CAST(${x} AS DOUBLE))`,
    unixMilliseconds: (x) => `to_timestamp(CAST(${x} AS DOUBLE) / 1000)`,
    localDay: duckdbLocalDay,
    dayText: (date) => `strftime(${date}, '%Y-%m-%d')`,
    withoutMatch: (x, pattern) => `regexp_replace(${x}, ${singleQuoted(pattern)}, '')`,
    integerText: (x) => `CAST(CAST(${x} AS INTEGER) AS VARCHAR)`,
    // regexp_extract takes groups 0-9: the others are made non-capturing and the one wanted is group 1.
    group: (x, pattern, n) => `regexp_extract(${x}, ${singleQuoted(onlyGroup(pattern, n))}, 1)`,
    integer: (x) => `CAST(${x} AS INTEGER)`,
    fence: "",
  },
  postgres: {
    // PostgreSQL has no cast that returns NULL on failure, so the casts are guarded: the patterns of
    // counts-sql.ts fix the form and every range but the day of the month, which realDay checks. A bad date
    // is then a dropped row, not an aborted query, on any version (pg_input_is_valid needs 16).
    requires: "PostgreSQL, tested with 15 and 18",
    quoteIdentifier: doubleQuoted,
    stringLiteral: singleQuoted,
    text: (x) => `CAST(${x} AS text)`,
    // An escape string: \uXXXX needs a UTF-8 database, PostgreSQL's usual encoding.
    trim: (x) => `btrim(${x}, E'${unicodeEscapes}')`,
    matches: (x, pattern) => `(${x} ~ ${singleQuoted(pattern)})`,
    // ARE escapes; [[:alpha:]] follows the database's locale (Unicode letters under a UTF-8 one).
    spaceClass: `[${unicodeEscapes}]`,
    letterClass: "[[:alpha:]]",
    instant: (x) => `CASE WHEN ${realDay(x)} THEN CAST(${x} AS timestamptz) END`,
    wallClockDay: (x) => `CASE WHEN ${realDay(x)} THEN CAST(CAST(${x} AS timestamp) AS date) END`,
    // timestamp AT TIME ZONE reads the wall-clock time in the zone (a timestamptz); timestamptz AT TIME ZONE back.
    wallClockDayIn: (x, source, zone) => postgresLocalDay(`CASE WHEN ${realDay(x)} THEN CAST(${x} AS timestamp) AT TIME ZONE ${singleQuoted(source)} END`, zone),
    unixSeconds: (x) => `to_timestamp(CAST(${x} AS double precision))`,
    unixMilliseconds: (x) => `to_timestamp(CAST(${x} AS double precision) / 1000)`,
    localDay: postgresLocalDay,
    dayText: (date) => `to_char(${date}, 'YYYY-MM-DD')`,
    withoutMatch: (x, pattern) => `regexp_replace(${x}, ${singleQuoted(pattern)}, '')`,
    integerText: (x) => `CAST(CAST(${x} AS integer) AS text)`,
    group: (x, pattern, n) => `COALESCE((regexp_match(${x}, ${singleQuoted(pattern)}))[${n}], '')`,
    integer: (x) => `CAST(${x} AS integer)`,
    fence: " OFFSET 0",
  },
  bigquery: {
    requires: "BigQuery GoogleSQL",
    quoteIdentifier: (name) => `\`${name.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``,
    stringLiteral: backslashQuoted,
    text: (x) => `CAST(${x} AS STRING)`,
    trim: (x) => `TRIM(${x}, '${unicodeEscapes}')`,
    matches: (x, pattern) => `REGEXP_CONTAINS(${x}, ${backslashQuoted(pattern)})`,
    spaceClass: whitespaceClass,
    letterClass: "\\pL",
    instant: (x) => `SAFE_CAST(${x} AS TIMESTAMP)`,
    wallClockDay: (x) => `DATE(SAFE_CAST(${x} AS DATETIME))`,
    wallClockDayIn: (x, source, zone) => bigqueryLocalDay(`TIMESTAMP(SAFE_CAST(${x} AS DATETIME), ${backslashQuoted(source)})`, zone),
    unixSeconds: (x) => `TIMESTAMP_MICROS(CAST(ROUND(CAST(${x} AS FLOAT64) * 1000000) AS INT64))`,
    unixMilliseconds: (x) => `TIMESTAMP_MILLIS(CAST(${x} AS INT64))`,
    localDay: bigqueryLocalDay,
    dayText: (date) => `FORMAT_DATE('%Y-%m-%d', ${date})`,
    withoutMatch: (x, pattern) => `REGEXP_REPLACE(${x}, ${backslashQuoted(pattern)}, '')`,
    integerText: (x) => `CAST(CAST(${x} AS INT64) AS STRING)`,
    // REGEXP_EXTRACT returns the one capturing group: the others are made non-capturing.
    group: (x, pattern, n) => `COALESCE(REGEXP_EXTRACT(${x}, ${backslashQuoted(onlyGroup(pattern, n))}), '')`,
    integer: (x) => `CAST(${x} AS INT64)`,
    fence: "",
  },
  snowflake: {
    requires: "Snowflake",
    quoteIdentifier: doubleQuoted,
    stringLiteral: singleQuoted,
    text: (x) => `TO_VARCHAR(${x})`,
    trim: (x) => `TRIM(${x}, '${unicodeEscapes}')`,
    // Backslashes are escapes in Snowflake's literals too. Its POSIX classes: \s is ASCII whitespace.
    matches: (x, pattern) => `REGEXP_LIKE(${x}, ${backslashQuoted(pattern)})`,
    spaceClass: "\\s",
    letterClass: "[[:alpha:]]",
    instant: (x) => `TRY_TO_TIMESTAMP_TZ(${x})`,
    wallClockDay: (x) => `TO_DATE(TRY_TO_TIMESTAMP_NTZ(${x}))`,
    // The three-argument CONVERT_TIMEZONE takes a TIMESTAMP_NTZ from one zone's wall clock to another's.
    wallClockDayIn: (x, source, zone) => `TO_DATE(CONVERT_TIMEZONE(${singleQuoted(source)}, ${singleQuoted(zone)}, TRY_TO_TIMESTAMP_NTZ(${x})))`,
    unixSeconds: (x) => `TO_TIMESTAMP_TZ(CAST(${x} AS NUMBER(20, 9)))`,
    // The scale 3 reads the number as milliseconds (TO_TIMESTAMP_* with a numeric expression and a scale).
    unixMilliseconds: (x) => `TO_TIMESTAMP_TZ(CAST(${x} AS NUMBER(38, 0)), 3)`,
    localDay: (instant, zone) => `TO_DATE(CONVERT_TIMEZONE(${singleQuoted(zone)}, ${instant}))`,
    dayText: (date) => `TO_CHAR(${date}, 'YYYY-MM-DD')`,
    withoutMatch: (x, pattern) => `REGEXP_REPLACE(${x}, ${singleQuoted(pattern)}, '')`,
    integerText: (x) => `TO_VARCHAR(CAST(${x} AS INTEGER))`,
    // REGEXP_SUBSTR's parameters: from position 1, the first match, 'e' to extract a group, the group.
    group: (x, pattern, n) => `COALESCE(REGEXP_SUBSTR(${x}, ${backslashQuoted(pattern)}, 1, 1, 'e', ${n}), '')`,
    integer: (x) => `CAST(${x} AS INTEGER)`,
    fence: "",
  },
  spark: {
    // unix_seconds and from_utc_timestamp do not depend on spark.sql.session.timeZone, so neither does the day.
    requires: "Spark SQL 3.2 or later (try_cast), or Databricks",
    quoteIdentifier: (name) => `\`${name.replace(/`/g, "``")}\``,
    stringLiteral: backslashQuoted,
    text: (x) => `CAST(${x} AS STRING)`,
    trim: (x) => `trim(BOTH '${unicodeEscapes}' FROM ${x})`,
    matches: (x, pattern) => `(${x} RLIKE ${backslashQuoted(pattern)})`,
    spaceClass: whitespaceClass,
    letterClass: "\\p{L}",
    instant: (x) => `TRY_CAST(${x} AS TIMESTAMP)`,
    wallClockDay: (x) => `CAST(TRY_CAST(${x} AS TIMESTAMP) AS DATE)`,
    // make_timestamp(..., zone) reads the wall clock in the zone whatever the session's; from the text's fixed
    // places (a day, then hours and minutes at 12 and 15, seconds and microseconds from 18), guarded by realDay
    // as make_timestamp fails on a day that does not exist when ANSI mode is on.
    wallClockDayIn: (x, source, zone) => {
      const part = (from: number, length: number, after: number): string => `CASE WHEN length(${x}) > ${after} THEN CAST(substr(${x}, ${from}, ${length}) AS INT) ELSE 0 END`;
      const seconds = `CASE WHEN length(${x}) > 16 THEN CAST(substr(${x}, 18, 9) AS DECIMAL(8, 6)) ELSE 0 END`;
      const instant = `CASE WHEN ${realDay(x)} THEN make_timestamp(CAST(substr(${x}, 1, 4) AS INT), CAST(substr(${x}, 6, 2) AS INT), CAST(substr(${x}, 9, 2) AS INT), ${part(12, 2, 10)}, ${part(15, 2, 10)}, ${seconds}, ${backslashQuoted(source)}) END`;
      return sparkLocalDay(instant, zone);
    },
    unixSeconds: (x) => `timestamp_seconds(CAST(${x} AS DOUBLE))`,
    unixMilliseconds: (x) => `timestamp_millis(CAST(${x} AS BIGINT))`,
    localDay: sparkLocalDay,
    dayText: (date) => `CAST(${date} AS STRING)`,
    withoutMatch: (x, pattern) => `regexp_replace(${x}, ${backslashQuoted(pattern)}, '')`,
    integerText: (x) => `CAST(CAST(${x} AS INT) AS STRING)`,
    group: (x, pattern, n) => `regexp_extract(${x}, ${backslashQuoted(pattern)}, ${n})`,
    integer: (x) => `CAST(${x} AS INT)`,
    fence: "",
  },
} as const satisfies Record<SqlDialect, DialectFragments>;
