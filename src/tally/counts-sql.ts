/**
 * The warehouse query that counts responses into the columns of a counts CSV (counts-csv.ts): variant,
 * period, segment, score, count. It applies ingest's row rules (src/ingest/rows.ts) in the same order, so
 * every row read is counted in exactly one output row: a missing variant, then a missing or invalid score,
 * then a missing or invalid date, then the window; what is left is a response, counted by its whole-number
 * score on its calendar day in the analysis time zone. One builder serves every dialect; the dialects differ
 * only in the fragments of sql-dialects.ts.
 *
 * Dates are read as ingest reads ISO 8601 and unix seconds or milliseconds: with an offset (or `Z`) an
 * instant, whose day is taken in `timeZone`; without one a wall-clock time in `sourceTimeZone` (by default
 * `timeZone`, where its day is the text's own). Local formats such as `14.03.2018` are read only with
 * `dateOrder` (--date-format; local-dates-sql.ts), else they count as invalid dates.
 *
 * Duplicates (with an ID column): ingest keeps the first copy of a (variant, response ID) in file order, which
 * a table does not have. The query keeps the copy whose date, score and segment cells sort first as text, so
 * the counts are ingest's whenever the copies are the same response exported twice (identical cells), and
 * the same on every run when they are not.
 */
import type { DateOrder } from "../ingest/date-formats.js";
import { localDateSteps } from "./local-dates-sql.js";
import { DIALECTS, type SqlDialect } from "./sql-dialects.js";
import { DROPPED_PREFIX } from "./counts-csv.js";

export interface CountsQuery {
  readonly dialect: SqlDialect;
  /** Table (or view), optionally qualified: `project.dataset.responses`; each part is quoted. */
  readonly table: string;
  readonly variantColumn: string;
  readonly scoreColumn: string;
  readonly dateColumn?: string | undefined;
  readonly segmentColumn?: string | undefined;
  /**
   * The response ID: a row whose (variant, trimmed ID) an earlier row had is a `duplicate-response`, as ingest
   * drops the same response exported twice (ledger-resolve.ts). A blank ID is no ID.
   */
  readonly idColumn?: string | undefined;
  /** Inclusive window, `YYYY-MM-DD` days in `timeZone`. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly timeZone: string;
  /** The zone of times written without an offset (--source-tz), when not `timeZone`. */
  readonly sourceTimeZone?: string | undefined;
  /** The day/month order of local dates such as 03/04/2018 (--date-format); without it they are invalid dates. */
  readonly dateOrder?: DateOrder | undefined;
}

/**
 * Whole numbers 0-10, as ingest's parseScore: one or two digits, at most 10, and a zero fraction allowed
 * (`07` and `7.0` are 7; `7.5`, `11` are not).
 */
export const SCORE_PATTERN = "^(0?[0-9]|10)([.]0+)?$";
/** The zero fraction of a score that matched SCORE_PATTERN. */
const ZERO_FRACTION = "[.]0+$";
/**
 * A score with its scale's label, as ingest's parseLabelledScore reads it (`10 - Extremely likely`, Google
 * Forms' labelled end points): the number, a hyphen, en or em dash or colon between optional whitespace, then
 * a letter and no more digits. The dialect supplies the whitespace and letter classes.
 */
export const labelledScorePattern = (space: string, letter: string): string => `^(0?[0-9]|10)${space}*[-\u2013\u2014:]${space}*${letter}[^0-9]*$`;
/** The label of a score that matched the labelled pattern. */
const LABEL = "[^0-9]+$";
/** Seconds since 1970, 9 or 10 digits with an optional fraction (as ingest reads them). */
export const UNIX_SECONDS_PATTERN = "^[0-9]{9,10}([.][0-9]+)?$";
/** Milliseconds since 1970, 13 digits (as ingest reads them). */
export const UNIX_MILLISECONDS_PATTERN = "^[0-9]{13}$";
/** A year from 1000 (ingest's rule: see date.ts), month and day; whether the day exists is the cast's to say. */
const ISO_DAY = "[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}";
/**
 * The ranges are ingest's (date.ts): hours 00-23, minutes and seconds 00-59, offsets to +-15:59. The engines
 * differ beyond them (PostgreSQL reads 24:00 and 23:59:60 as the next day; DuckDB reads 24:00 and offsets
 * such as +25:00, and refuses second 60), so the patterns decide, and such times are invalid dates.
 */
const ISO_HOUR_MINUTE = "[Tt ]([01][0-9]|2[0-3]):[0-5][0-9]";
const ISO_SECONDS = ":[0-5][0-9]([.][0-9]{1,9})?";
const ISO_TIME = `${ISO_HOUR_MINUTE}(${ISO_SECONDS})?`;
const ISO_OFFSET = "([Zz]|[+-](0[0-9]|1[0-5])(:?[0-5][0-9])?)";
/** ISO 8601 with a time and an offset: an instant. */
export const ISO_INSTANT_PATTERN = `^${ISO_DAY}${ISO_TIME}[ ]?${ISO_OFFSET}$`;
/** The instants every engine's cast reads as they are (once upper-cased): with seconds, no space before the offset. */
const CASTABLE_INSTANT_PATTERN = `^${ISO_DAY}${ISO_HOUR_MINUTE}${ISO_SECONDS}${ISO_OFFSET}$`;
/** ISO 8601 day, or day and time, without an offset: a wall-clock time in the analysis zone. */
export const ISO_WALL_CLOCK_PATTERN = `^${ISO_DAY}(${ISO_TIME})?$`;

const ORDER_WORDS: Record<DateOrder, string> = { dmy: "day first", mdy: "month first", ymd: "year first" };

const dropped = (reason: string): string => `'${DROPPED_PREFIX}${reason}'`;

/** The query, with a comment saying what it is and how to use its result. */
export function buildCountsQuery(query: CountsQuery): string {
  const d = DIALECTS[query.dialect];
  const q = d.quoteIdentifier;
  const column = (name: string | undefined): string => (name === undefined ? `${d.text("NULL")}` : d.trim(d.text(q(name))));
  const table = query.table.split(".").map(q).join(".");
  const hasDates = query.dateColumn !== undefined;
  const hasIds = query.idColumn !== undefined;
  const dayOf = (date: string): string => d.dayText(date);
  const source = query.sourceTimeZone ?? query.timeZone;
  const wallClockDay = (x: string): string => (source === query.timeZone ? d.wallClockDay(x) : d.wallClockDayIn(x, source, query.timeZone));
  // The patterns allow what ingest reads: a lower-case `t` or `z`, a space before the offset, and an instant
  // without seconds. DuckDB's cast refuses each, so the text is put in the form every engine reads before it
  // is cast: upper-cased, and for the rare others without the space and with `:00` seconds (a day and `T` or
  // a space are 11 characters, hours and minutes 5 more). Those steps cost more than the cast (DuckDB, 2M
  // rows: ~0.3 s against ~0.1 s), so only the rows that need them take them.
  const spaceless = "REPLACE(REPLACE(REPLACE(UPPER(nps_date), ' +', '+'), ' -', '-'), ' Z', 'Z')";
  const completed = `CASE WHEN SUBSTR(${spaceless}, 17, 1) = ':' THEN ${spaceless} ELSE SUBSTR(${spaceless}, 1, 16) || ':00' || SUBSTR(${spaceless}, 17) END`;
  const dayCase = hasDates
    ? [
        "    CASE",
        `      WHEN ${d.matches("nps_date", UNIX_SECONDS_PATTERN)} THEN ${dayOf(d.localDay(d.unixSeconds("nps_date"), query.timeZone))}`,
        `      WHEN ${d.matches("nps_date", UNIX_MILLISECONDS_PATTERN)} THEN ${dayOf(d.localDay(d.unixMilliseconds("nps_date"), query.timeZone))}`,
        `      WHEN ${d.matches("nps_date", CASTABLE_INSTANT_PATTERN)} THEN ${dayOf(d.localDay(d.instant("UPPER(nps_date)"), query.timeZone))}`,
        `      WHEN ${d.matches("nps_date", ISO_INSTANT_PATTERN)} THEN ${dayOf(d.localDay(d.instant(completed), query.timeZone))}`,
        `      WHEN ${d.matches("nps_date", ISO_WALL_CLOCK_PATTERN)} THEN ${dayOf(wallClockDay("UPPER(nps_date)"))}`,
        "    END AS nps_day",
      ]
    : [`    ${d.text("NULL")} AS nps_day`];
  const window = [
    query.from === undefined ? null : `nps_day < ${d.stringLiteral(query.from)}`,
    query.to === undefined ? null : `nps_day > ${d.stringLiteral(query.to)}`,
  ].filter((condition) => condition !== null);
  const outcome = [
    `      WHEN nps_variant IS NULL OR nps_variant = '' THEN ${dropped("missing-variant")}`,
    ...(hasIds ? [`      WHEN nps_duplicate = 1 THEN ${dropped("duplicate-response")}`] : []),
    `      WHEN nps_score IS NULL OR nps_score = '' THEN ${dropped("missing-score")}`,
    `      WHEN NOT (${d.matches("nps_score", SCORE_PATTERN)} OR ${d.matches("nps_score", labelledScorePattern(d.spaceClass, d.letterClass))}) THEN ${dropped("invalid-score")}`,
    ...(hasDates ? [`      WHEN nps_no_date = 1 THEN ${dropped("missing-date")}`, `      WHEN nps_day IS NULL THEN ${dropped("invalid-date")}`] : []),
    ...(window.length > 0 ? [`      WHEN ${window.join(" OR ")} THEN ${dropped("outside-window")}`] : []),
    `      ELSE ${d.integerText(d.withoutMatch(d.withoutMatch("nps_score", LABEL), ZERO_FRACTION))}`,
  ];
  const used = (expression: string): string => `CASE WHEN nps_outcome LIKE '${DROPPED_PREFIX}%' THEN NULL ELSE ${expression} END`;
  const output = ["variant", "period", "segment", "score"].map(q).join(", ");
  const segment = query.segmentColumn === undefined ? "nps_segment" : used("COALESCE(NULLIF(nps_segment, ''), '(blank)')");
  const keys = `nps_variant, nps_score, nps_segment, ${hasIds ? "nps_duplicate, " : ""}${hasDates ? "nps_no_date, " : ""}nps_day`;
  // Every copy of a (variant, ID) after the first is a duplicate; the copies are ordered by their cells (see
  // the header). A row without a variant is dropped before its ID is looked at, as in ingest.
  const copyOrder = [...(hasDates ? ["nps_date"] : []), "nps_score", "nps_segment"].map((cell) => `COALESCE(${cell}, '')`).join(", ");
  // With --date-format, local dates (06/01/2018 01:40 PM) are rewritten as ISO text before the date steps
  // (local-dates-sql.ts). Only then: the steps cost ISO dates ~40% more in PGlite (their patterns are tested
  // twice, and PostgreSQL computes three more steps), and a table cannot be read ahead to settle the order.
  const carried = ["nps_variant", "nps_score", "nps_segment", ...(hasIds ? ["nps_duplicate"] : [])];
  const isIso = [UNIX_SECONDS_PATTERN, UNIX_MILLISECONDS_PATTERN, ISO_INSTANT_PATTERN, ISO_WALL_CLOCK_PATTERN].map((pattern) => d.matches("nps_date", pattern)).join(" OR ");
  const previous = hasIds ? "nps_ranked" : "nps_source";
  const local = hasDates && query.dateOrder !== undefined ? localDateSteps(d, previous, carried, isIso, query.dateOrder) : { steps: [], last: previous };
  const ranked = [
    "nps_ranked AS (",
    "  SELECT",
    "    nps_variant, nps_score, nps_date, nps_segment,",
    "    CASE",
    "      WHEN nps_id IS NULL OR nps_id = '' OR nps_variant IS NULL OR nps_variant = '' THEN 0",
    `      WHEN ROW_NUMBER() OVER (PARTITION BY nps_variant, nps_id ORDER BY ${copyOrder}) > 1 THEN 1`,
    "      ELSE 0",
    "    END AS nps_duplicate",
    "  FROM nps_source",
    "),",
  ];
  return [
    `-- nps-ab counts query for ${query.dialect} (${d.requires}).`,
    "-- Its result has the columns of a counts CSV (variant, period, segment, score, count): save it as CSV and",
    "-- run: nps-ab analyze --counts result.csv",
    `-- Periods are days in ${query.timeZone}${window.length > 0 ? `; window ${query.from ?? "..."} to ${query.to ?? "..."}` : ""}.${hasDates && source !== query.timeZone ? ` Times without an offset are in ${source}.` : ""}${hasDates && query.dateOrder !== undefined ? ` Local dates (03/04/2018) are read ${ORDER_WORDS[query.dateOrder]}.` : ""}`,
    hasIds
      ? `-- A copy of a response already counted in its variant (same ${JSON.stringify(query.idColumn)}) is dropped as duplicate-response.`
      : "-- Every row is counted: copies of a response (overlapping exports) too, which analyze drops; see --id-column.",
    "WITH nps_source AS (",
    "  SELECT",
    `    ${column(query.variantColumn)} AS nps_variant,`,
    `    ${column(query.scoreColumn)} AS nps_score,`,
    `    ${column(query.dateColumn)} AS nps_date,`,
    `    ${column(query.segmentColumn)} AS nps_segment${hasIds ? "," : ""}`,
    ...(hasIds ? [`    ${column(query.idColumn)} AS nps_id`] : []),
    `  FROM ${table}`,
    "),",
    ...(hasIds ? ranked : []),
    ...local.steps,
    "nps_dated AS (",
    "  SELECT",
    `    nps_variant, nps_score, nps_segment,${hasIds ? " nps_duplicate," : ""}`,
    ...(hasDates ? ["    CASE WHEN nps_date IS NULL OR nps_date = '' THEN 1 ELSE 0 END AS nps_no_date,"] : []),
    ...dayCase,
    `  FROM ${local.last}`,
    "),",
    // Rows are counted by their cells and day first and classified after, a group at a time. Classified a row
    // at a time, the steps below name the day several times, and a planner that inlines the steps (PostgreSQL
    // does) computes the day's patterns and conversions again for every mention: 4-7x slower in PGlite.
    "nps_grouped AS (",
    `  SELECT ${keys}, COUNT(*) AS nps_rows`,
    "  FROM nps_dated",
    `  GROUP BY ${keys}`,
    "),",
    "nps_classified AS (",
    "  SELECT",
    "    nps_variant, nps_day, nps_segment, nps_rows,",
    "    CASE",
    ...outcome,
    "    END AS nps_outcome",
    "  FROM nps_grouped",
    "),",
    "nps_labelled AS (",
    "  SELECT",
    `    ${used("nps_variant")} AS ${q("variant")},`,
    `    ${used("nps_day")} AS ${q("period")},`,
    `    ${segment} AS ${q("segment")},`,
    `    nps_outcome AS ${q("score")},`,
    "    nps_rows",
    "  FROM nps_classified",
    ")",
    `SELECT ${output}, SUM(nps_rows) AS ${q("count")}`,
    "FROM nps_labelled",
    `GROUP BY ${output}`,
    `ORDER BY ${output};`,
    "",
  ].join("\n");
}
