/**
 * Local dates in the warehouse query: `06/01/2018 01:40:56 PM` (SurveyMonkey), `14.03.2018 09:21`,
 * `2022/06/22 11:07:29 AM GMT+2` (Google Forms), rewritten as ISO 8601 text that the query's date steps then
 * read (and check) as they read any ISO date. The rules are date-formats.ts' with the order given
 * (`--date-format`: a table cannot be read ahead to settle it, so the query has these steps only then): the same
 * pattern (its groups all capturing, as POSIX regular expressions have no other kind, and its two separators
 * compared apart, as RE2 has no back-references), a four-digit first part from 1000 is year first, other dates
 * (dotted ones too) are in the order given; then AM/PM hours 1-12, and a `GMT`/`UTC`/`Z` marker or an offset
 * for an instant.
 *
 * Three steps, each ended by the dialect's fence so that PostgreSQL computes each column once a row: which
 * rows are local dates, their pattern's groups (one regular expression each), and the ISO text.
 */
import type { DateOrder } from "../ingest/date-formats.js";
import type { DialectFragments } from "./sql-dialects.js";

/** date-formats.ts' LOCAL for upper-cased text, every group capturing; `space` is the dialect's \s. */
const localPattern = (space: string): string =>
  `^([0-9]{1,4})([./-])([0-9]{1,2})[./-]([0-9]{1,4}),?([ T]+([0-9]{1,2}):([0-9]{2})(:([0-9]{2})([.][0-9]{1,9})?)?${space}*([AP])?[.]?(M[.]?)?)?${space}*((GMT|UTC|Z)?${space}*([+-][0-9]{1,2}(:?[0-9]{2})?)?)$`;
/** The two separators of a local date are the same one. */
const SAME_SEPARATOR_PATTERN = "^[0-9]{1,4}([/][0-9]{1,2}[/]|[.][0-9]{1,2}[.]|-[0-9]{1,2}-).*$";
/** A first part from 1000: year first, whatever the order given (date-formats.ts' possibleOrders). */
const YEAR_FIRST_PATTERN = "^[1-9][0-9]{3}[./-].*$";

/** The groups of localPattern the ISO text is built from, by number. */
const GROUPS = { first: 1, middle: 3, last: 4, time: 5, hour: 6, minute: 7, seconds: 8, meridiem: 11, marker: 14, offset: 15 } as const;
type Group = keyof typeof GROUPS;
const column = (group: Group): string => `nps_local_${group}`;

export interface LocalDateSteps {
  /** The steps (WITH entries), reading `from` and passing on `columns` and a rewritten `nps_date`. */
  readonly steps: string[];
  /** The last step's name. */
  readonly last: string;
}

/**
 * The steps that rewrite local dates in `nps_date` as ISO text. `isIso`: the condition under which the text
 * is already read as ISO 8601 or unix time (left as it is, as date.ts reads those first).
 */
export function localDateSteps(d: DialectFragments, from: string, columns: readonly string[], isIso: string, order: DateOrder): LocalDateSteps {
  const pattern = localPattern(d.spaceClass);
  const carried = columns.join(", ");
  const flag = `CASE WHEN ${isIso} THEN 0 WHEN ${d.matches("nps_date", SAME_SEPARATOR_PATTERN)} AND ${d.matches("UPPER(nps_date)", pattern)} THEN 1 ELSE 0 END`;
  const groups = (Object.keys(GROUPS) as Group[]).map((group) => `      CASE WHEN nps_local = 1 THEN ${d.group("UPPER(nps_date)", pattern, GROUPS[group])} END AS ${column(group)}`);
  return {
    steps: [
      "nps_local_flagged AS (",
      `  SELECT ${carried}, nps_date, ${flag} AS nps_local`,
      `  FROM ${from}${d.fence}`,
      "),",
      "nps_local_parts AS (",
      `  SELECT ${carried}, nps_date, nps_local,`,
      groups.join(",\n"),
      `  FROM nps_local_flagged${d.fence}`,
      "),",
      "nps_localized AS (",
      `  SELECT ${carried}, CASE WHEN nps_local = 1 THEN ${isoText(d, order)} ELSE nps_date END AS nps_date`,
      `  FROM nps_local_parts${d.fence}`,
      "),",
    ],
    last: "nps_localized",
  };
}

/** The ISO 8601 text of a local date from its groups, in `order` unless its first part is a year. */
function isoText(d: DialectFragments, order: DateOrder): string {
  const g = (group: Group): string => column(group);
  // Two digits, or text no ISO pattern reads (LPAD would cut a longer value to a valid-looking one).
  const two = (x: string): string => `CASE WHEN length(${x}) <= 2 THEN lpad(${x}, 2, '0') ELSE 'XX' END`;
  const hourValue = `CASE WHEN ${d.integer(g("hour"))} = 12 THEN 0 ELSE ${d.integer(g("hour"))} END + CASE WHEN ${g("meridiem")} = 'P' THEN 12 ELSE 0 END`;
  const hour = `CASE WHEN ${g("meridiem")} = '' THEN lpad(${g("hour")}, 2, '0') WHEN ${d.integer(g("hour"))} BETWEEN 1 AND 12 THEN lpad(${d.text(hourValue)}, 2, '0') ELSE 'XX' END`;
  // An offset's digits: up to two are hours; with more, the last two are minutes (date-formats.ts' parseOffset).
  const digits = `REPLACE(substr(${g("offset")}, 2), ':', '')`;
  const offsetHours = `CASE WHEN length(${digits}) <= 2 THEN ${digits} ELSE substr(${digits}, 1, length(${digits}) - 2) END`;
  const offsetMinutes = `CASE WHEN length(${digits}) <= 2 THEN '00' ELSE substr(${digits}, length(${digits}) - 1, 2) END`;
  const zone = `CASE WHEN ${g("offset")} <> '' THEN substr(${g("offset")}, 1, 1) || lpad(${offsetHours}, 2, '0') || ':' || ${offsetMinutes} WHEN ${g("marker")} <> '' THEN 'Z' ELSE '' END`;
  // A marker or an offset without a time is midnight (an ISO instant needs the time).
  const time = `CASE WHEN ${g("time")} <> '' THEN 'T' || ${hour} || ':' || ${g("minute")} || CASE WHEN ${g("seconds")} = '' THEN ':00' ELSE ${g("seconds")} END WHEN ${g("offset")} <> '' OR ${g("marker")} <> '' THEN 'T00:00:00' ELSE '' END`;
  const iso = (year: Group, month: Group, day: Group): string => `${g(year)} || '-' || ${two(g(month))} || '-' || ${two(g(day))} || ${time} || ${zone}`;
  const inOrder = (given: DateOrder): string => (given === "ymd" ? iso("first", "middle", "last") : given === "dmy" ? iso("last", "middle", "first") : iso("last", "first", "middle"));
  return `CASE WHEN ${d.matches("nps_date", YEAR_FIRST_PATTERN)} THEN ${inOrder("ymd")} ELSE ${inOrder(order)} END`;
}
