/**
 * What the warehouse-query tests share: the fixtures' options, edge-case rows for every rule of
 * src/ingest/rows.ts that SQL applies with ingest's counts of them, and counts CSV in canonical form, so
 * counts from a database and from ingest can be compared as text.
 */
import { Readable } from "node:stream";
import { expect } from "vitest";
import { ingest } from "../../src/ingest/ingest.js";
import { readCountsCsv, writeCountsCsv } from "../../src/tally/counts-csv.js";

/** The fixtures' columns and window, as `nps-ab sql` and `aggregate` options. */
export const COLUMNS = ["--variant-column", "site", "--score-column", "Score", "--date-column", "Created At", "--segment-column", "Lifecycle Stage"];
export const WINDOW = ["--from", "2018-01-01", "--to", "2018-12-31"];

// Blanks, padding, leading zeros, decimals (a zero fraction is a whole number), out of range, offsets and Z,
// wall-clock times and bare days (in --tz), unix seconds and milliseconds, impossible dates, the window.
export const EDGE_ROWS: ReadonlyArray<readonly string[]> = [
  ["a", " 7 ", "2018-01-02T00:06:49Z", "Engaged"],
  ["a", "07", "2018-01-01T23:30:00-07:00", ""],
  ["a", "10", "2018-01-01 20:00", "Engaged"],
  ["a", "0", "2018-01-01", " At Risk "],
  ["a", "9", "1514851200", "Engaged"],
  ["a", "9", "1514764800.5", "Engaged"],
  // Unix milliseconds (13 digits): 2018-01-02T00:00:00Z, and 2017-12-31T23:59:59.999Z (outside the window in
  // UTC, inside it in Kathmandu); 12 digits are no date.
  ["a", "8", "1514851200000", "Engaged"],
  ["a", "6", "1514764799999", "Engaged"],
  ["a", "6", "151476479999", "Engaged"],
  ["b", "11", "2018-01-02T00:00:00Z", "Engaged"],
  ["b", "7.5", "2018-01-02T00:00:00Z", "Engaged"],
  ["b", "7.0", "2018-01-02T00:00:00Z", "Engaged"],
  ["a", "10.00", "2018-01-02T00:00:00Z", "Engaged"],
  ["b", "11.0", "2018-01-02T00:00:00Z", "Engaged"],
  ["b", "9.05", "2018-01-02T00:00:00Z", "Engaged"],
  ["b", "N/A", "2018-01-02T00:00:00Z", "Engaged"],
  ["b", "", "2018-01-02T00:00:00Z", "Engaged"],
  ["", "9", "2018-01-02T00:00:00Z", "Engaged"],
  ["b", "9", "", "Engaged"],
  ["b", "9", "2018-02-30T10:00:00Z", "Engaged"],
  ["b", "9", "soon", "Engaged"],
  ["b", "8", "2017-12-31T23:59:59+01:00", "Engaged"],
  ["b", "6", "2019-01-01T05:00:00+05:45", "Engaged"],
  ["b", "5", "2018-12-31T23:00:00-02:00", "VIP"],
  // Lower-case separators, an offset without a colon or without minutes, a space before it, a fraction.
  ["a", "6", "2018-01-05t23:30:00z", "Engaged"],
  ["a", "6", "2018-01-05T23:30:00+0530", "Engaged"],
  ["a", "6", "2018-01-05 23:30:00 -03", "Engaged"],
  ["a", "6", "2018-01-05 23:30 z", "Engaged"],
  ["a", "6", "2018-01-05T23:30+05:30", "Engaged"],
  ["a", "6", "2018-01-05t23:30-0800", "Engaged"],
  ["a", "6", "2018-01-05T23:30:00.123456789+05:45", "Engaged"],
  // Where engines are lenient and differ: a leap second (PostgreSQL rolls 23:59:60 into the next day, DuckDB
  // refuses it), 24:00 (both read the next midnight), offsets past PostgreSQL's +-15:59 and minutes past 59
  // (DuckDB reads them). Each is an invalid date everywhere; +15:59 is the last offset read.
  ["b", "9", "2018-01-02T23:59:60Z", "Engaged"],
  ["b", "9", "2018-01-02T24:00:00Z", "Engaged"],
  ["b", "9", "2018-01-02T00:00:00+16:00", "Engaged"],
  ["b", "9", "2018-01-02T00:00:00+05:75", "Engaged"],
  ["b", "4", "2018-01-02T00:00:00+15:59", "Engaged"],
  // Calendar days: leap years by the Gregorian rule (2000 and 2016, not 2100), 30-day months; years before
  // 1000 are invalid (Date.UTC reads 0018 as 1918; databases read it as the year 18 or refuse year 0).
  ["b", "9", "2016-02-29T12:00:00Z", "Engaged"],
  ["b", "9", "2000-02-29", "Engaged"],
  ["b", "9", "2100-02-29T12:00:00Z", "Engaged"],
  ["b", "9", "2018-04-31 10:00", "Engaged"],
  ["b", "9", "2018-11-30T10:00:00+01:00", "Engaged"],
  ["b", "9", "2018-11-31T10:00:00+01:00", "Engaged"],
  ["b", "9", "0018-01-02T00:00:00Z", "Engaged"],
  ["b", "9", "0999-01-02", "Engaged"],
  ["b", "9", "0000-01-02T00:00:00Z", "Engaged"],
  // A fraction is cut, not rounded, to milliseconds: the engines keep microseconds, so a time 0.4 ms before
  // midnight stays on its day (rounded, it was the next day's, inside the window in UTC).
  ["a", "3", "2017-12-31T23:59:59.9996Z", "Engaged"],
  ["a", "3", "1514764799.9996", "Engaged"],
  // Wall-clock times in New York's daylight-saving changes, which read in another zone (--source-tz) have
  // two readings (01:30 on 2018-11-04) or none (02:30 on 2018-03-11): in Phoenix and Regina the readings
  // fall on either side of midnight.
  ["a", "5", "2018-03-11 02:30", "Engaged"],
  ["a", "5", "2018-11-04 01:30", "Engaged"],
  ["a", "5", "2018-11-04T01:30:00.5", "Engaged"],
  // In São Paulo clocks jumped from 00:00 to 01:00 on 2018-11-04: a bare date, and a time in the hour that did
  // not exist, stay on that day.
  ["b", "5", "2018-11-04", "Engaged"],
  ["b", "5", "2018-11-04 00:30", "Engaged"],
  // Scores with their scale's label, as Google Forms exports a linear scale's labelled end points (score.ts):
  // hyphen, en dash, em dash or colon, then words; a label that is not words, or a number past 10, is invalid.
  ["a", "10 - Extremely likely", "2018-01-04T00:00:00Z", "Engaged"],
  ["a", "0 \u2013 Not at all likely", "2018-01-04T00:00:00Z", "Engaged"],
  ["a", "7\u00a0\u2014 \u00c4u\u00dferst", "2018-01-04T00:00:00Z", "Engaged"],
  ["b", "05:so-so really", "2018-01-04T00:00:00Z", "Engaged"],
  ["b", "11 - Extremely likely", "2018-01-04T00:00:00Z", "Engaged"],
  ["b", "7 - 8", "2018-01-04T00:00:00Z", "Engaged"],
  ["b", "9 -", "2018-01-04T00:00:00Z", "Engaged"],
  ["b", "9 - !", "2018-01-04T00:00:00Z", "Engaged"],
  // Whitespace beyond spaces at either end of a cell, which ingest trims (String.prototype.trim) and SQL's
  // TRIM does not: a tab, a no-break space (pasted from the web), an ideographic space, a byte-order mark.
  ["a", "\t8", "2018-01-03T00:00:00Z", "Engaged\u00a0"],
  ["a\u3000", "9\u00a0", "2018-01-03T00:00:00Z\ufeff", "\u00a0"],
  ["\u2003", "9", "2018-01-03T00:00:00Z", "Engaged"],
];

/**
 * Rows with a response ID (the fifth field; the rows above have none). A copy of a response already read in its
 * variant is a duplicate-response whatever its own outcome would be, the first copy keeping its outcome; IDs
 * and variants are trimmed, IDs compared case-sensitively and within a variant; a row without a variant is
 * dropped before its ID counts. Copies here have the same cells, as the same response exported twice has:
 * which copy is kept then changes no count (see counts-sql.ts for copies that differ).
 */
export const DUPLICATE_ROWS: ReadonlyArray<readonly string[]> = [
  ["a", "9", "2018-03-01T10:00:00Z", "Engaged", "r1"],
  ["a", "9", "2018-03-01T10:00:00Z", "Engaged", "r1"],
  ["a", "9", "2018-03-01T10:00:00Z", "Engaged", " r1\t"],
  ["a\u00a0", "9", "2018-03-01T10:00:00Z", "Engaged", "r1"],
  ["a", "9", "2018-03-01T10:00:00Z", "Engaged", "R1"],
  ["b", "9", "2018-03-01T10:00:00Z", "Engaged", "r1"],
  ["a", "N/A", "2018-03-01T10:00:00Z", "Engaged", "r2"],
  ["a", "N/A", "2018-03-01T10:00:00Z", "Engaged", "r2"],
  ["a", "", "2018-03-01T10:00:00Z", "Engaged", "r3"],
  ["a", "", "2018-03-01T10:00:00Z", "Engaged", "r3"],
  ["", "9", "2018-03-01T10:00:00Z", "Engaged", "r4"],
  ["", "9", "2018-03-01T10:00:00Z", "Engaged", "r4"],
  ["b", "8", "2017-06-01T00:00:00Z", "VIP", "r5"],
  ["b", "8", "2017-06-01T00:00:00Z", "VIP", "r5"],
  ["b", "8", "2018-02-30T00:00:00Z", "VIP", "r6"],
  ["b", "8", "2018-02-30T00:00:00Z", "VIP", "r6"],
  ["b", "8", "", "VIP", "r7"],
  ["b", "8", "", "VIP", "r7"],
  ["b", "7", "2018-03-02", "", "r8"],
  ["b", "7", "2018-03-02", "", "r8"],
  ["b", "7", "2018-03-02", "VIP", ""],
  ["b", "7", "2018-03-02", "VIP", ""],
  ["b", "7", "2018-03-02", "VIP", "\u00a0"],
  ["b", "7", "2018-03-02", "VIP", "\u00a0"],
];
/** How many of DUPLICATE_ROWS are copies: r1 three times in `a`, one copy each of r2, r3, r5, r6, r7 and r8. */
export const DUPLICATES = 9;

/** The edge rows as a CSV. A generic header (not Delighted's, whose times without an offset are UTC): such
 * times are in --tz, as in SQL. Ingest finds the ID column by its name. */
export const EDGE_CSV = [
  "site,Score,Answered,Lifecycle Stage,Response ID",
  ...EDGE_ROWS.map((fields) => [...fields, ""].join(",")),
  ...DUPLICATE_ROWS.map((fields) => fields.join(",")),
].join("\n");
export const EDGE_ROW_COUNT = EDGE_ROWS.length + DUPLICATE_ROWS.length;

/** Zones that move the edge rows' days both ways (ahead of UTC by a fraction of an hour, and behind it), and
 * one whose clocks jumped at midnight. */
export const EDGE_ZONES = ["UTC", "Asia/Kathmandu", "Pacific/Honolulu", "America/Sao_Paulo"] as const;

/** --source-tz and --tz pairs: UTC times read elsewhere, and New York's daylight-saving changes near midnight. */
export const EDGE_SOURCE_ZONES: ReadonlyArray<readonly [string, string]> = [
  ["UTC", "Asia/Kathmandu"],
  ["America/New_York", "America/Phoenix"],
  ["America/New_York", "America/Regina"],
];

/** The edge rows' column options, for the query builder and for ingest alike. */
export const EDGE_COLUMNS = { variantColumn: "site", scoreColumn: "Score", dateColumn: "Answered", segmentColumn: "Lifecycle Stage", idColumn: "Response ID", from: "2018-01-01", to: "2018-12-31" } as const;

/** The oracle for the edge rows: ingest's counts of them in a zone (canonical counts CSV), and its rows read. */
export async function ingestedEdgeCounts(timeZone: string, sourceTimeZone?: string): Promise<{ counts: string; rowsRead: number }> {
  // Ingest has no ID column option: it finds "Response ID" by name.
  const { idColumn, ...columns } = EDGE_COLUMNS;
  const { tally } = await ingest([{ path: "-" }], { ...columns, timeZone, sourceTimeZone, strict: false }, Readable.from([EDGE_CSV]));
  expect(tally.accounting.rowsDropped["duplicate-response"], `${idColumn} should be found by name`).toBe(DUPLICATES);
  return { counts: writeCountsCsv(tally), rowsRead: tally.accounting.rowsRead };
}

/** Counts CSV text in canonical form (rows of equal cells summed, sorted), to compare two ways of counting. */
export async function canonical(text: string): Promise<string> {
  return writeCountsCsv((await readCountsCsv(Readable.from([text]), "counts.csv")).tally);
}

/**
 * Local dates (date-formats.ts) as the platforms write them, for `nps-ab sql --date-format`: SurveyMonkey's
 * month first with AM/PM, dotted day first, Google Forms' year first with a GMT marker, and the forms ingest
 * finds invalid. Without an order given, slashed ones are the order's to settle: ingest infers it from the
 * file, a table cannot, so they are tested with the order given.
 */
export const LOCAL_DATE_ROWS: ReadonlyArray<readonly string[]> = [
  ["a", "9", "06/01/2018 01:40:56 PM", "Engaged"],
  ["a", "8", "6/1/2018 1:40 am", "Engaged"],
  ["a", "7", "12/31/2018 11:30 PM", "Engaged"],
  ["a", "6", "01/01/2018 12:15 AM", "Engaged"],
  ["b", "9", "12/12/2018 12:00 PM", "VIP"],
  ["b", "9", "12/12/2018 0:30 PM", "VIP"],
  ["b", "9", "12/12/2018 13:30 PM", "VIP"],
  ["b", "8", "1/2/2018, 7:00 p.m.", "VIP"],
  ["b", "7", "14.03.2018 09:21", "VIP"],
  ["b", "7", "03.04.2018 23:59:59.999", "VIP"],
  ["b", "6", "2022/06/22 11:07:29 AM GMT", "VIP"],
  ["b", "6", "2018/06/22 11:07:29 PM GMT+2", "VIP"],
  ["b", "6", "2018/06/22 11:07:29 PM gmt-7", "VIP"],
  ["b", "6", "2018/12/31 11:30 PM UTC+0530", "VIP"],
  ["b", "5", "2018-1-2", "VIP"],
  ["b", "5", "2018.1.2 3:04", "VIP"],
  ["b", "5", "06/01/2018 GMT", "VIP"],
  ["b", "4", "13/13/2018", "VIP"],
  ["b", "4", "02/30/2018", "VIP"],
  ["b", "4", "2/29/2016", "VIP"],
  ["b", "4", "06/01/0999", "VIP"],
  ["b", "4", "06/01/18", "VIP"],
  ["b", "4", "123/4/2018", "VIP"],
  ["b", "3", "06/01/2018 1:40:56 PM +16:00", "VIP"],
  ["b", "3", "06/01/2018 24:00", "VIP"],
  ["b", "3", "06-01-2018 23:59:60", "VIP"],
  ["b", "3", "06/01-2018", "VIP"],
  ["b", "3", "03/04/2018", "VIP"],
  ["b", "2", "2018-01-02T10:00:00Z", "VIP"],
  ["b", "2", "11/04/2018 01:30 AM", "VIP"],
  ["b", "2", "03/11/2018 02:30 AM", "VIP"],
];

/** LOCAL_DATE_ROWS as a CSV, with quotes where a date holds a comma. */
export const LOCAL_DATE_CSV = ["site,Score,Answered,Lifecycle Stage", ...LOCAL_DATE_ROWS.map((fields) => fields.map((field) => (field.includes(",") ? `"${field}"` : field)).join(","))].join("\n");

/** Ingest's counts of LOCAL_DATE_CSV with the order given (its own oracle for the warehouse query). */
export async function ingestedLocalDateCounts(timeZone: string, dateFormat: "dmy" | "mdy"): Promise<string> {
  const { idColumn, ...columns } = EDGE_COLUMNS;
  const { tally } = await ingest([{ path: "-" }], { ...columns, timeZone, dateFormat, strict: false }, Readable.from([LOCAL_DATE_CSV]));
  return writeCountsCsv(tally);
}
