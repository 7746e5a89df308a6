/**
 * Response timestamps: ISO 8601 (with or without a UTC offset; without one it is a wall-clock time in the
 * zone the export states, UTC by default), unix seconds or milliseconds, and the calendar day they fall on.
 * Local formats such as `14.03.2018` or `06/01/2018 01:40:56 PM` are in date-formats.ts.
 */
import { QuarterHourCache } from "./quarter-hour-cache.js";

export type DateParse =
  | { readonly kind: "date"; readonly epochMs: number }
  | { readonly kind: "missing" }
  | { readonly kind: "invalid" };

// 2018-03-14, 2018-03-14T09:21:07, 2018-03-14 09:21:07.123, with Z or +hh:mm / +hhmm / +hh. Offsets reach
// +-15:59, PostgreSQL's limit (real ones span -12:00 to +14:00); DuckDB reads larger ones, PostgreSQL refuses
// them, so they are invalid here and in the warehouse query (src/tally/counts-sql.ts) alike.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s?(Z|[+-](?:0\d|1[0-5])(?::?[0-5]\d)?)?)?$/i;
const UNIX_SECONDS = /^\d{9,10}(?:\.\d+)?$/;
// 13 digits: 2001-09-09 to 2286 in milliseconds (as JavaScript, Java and event trackers write them); as
// seconds they would be after the year 33,000, so the reading is not a guess.
const UNIX_MILLISECONDS = /^\d{13}$/;

/** `zone`: the IANA zone of a timestamp written without an offset. */
export function parseTimestamp(raw: string | undefined, zone = "UTC"): DateParse {
  const text = (raw ?? "").trim();
  if (text === "") return { kind: "missing" };
  // ISO 8601 has a hyphen fifth, unix times a digit: anything else (a local date, 06/01/2018) is neither, and
  // skipping the three patterns saves a local date ~100 ns.
  const fifth = text.charCodeAt(4);
  if (fifth !== 0x2d && !(fifth >= 0x30 && fifth <= 0x39)) return { kind: "invalid" };
  // Cut to the millisecond, not rounded (see fractionMillis).
  if (UNIX_SECONDS.test(text)) return { kind: "date", epochMs: Math.floor(Number(text) * 1000) };
  if (UNIX_MILLISECONDS.test(text)) return { kind: "date", epochMs: Number(text) };
  const match = ISO_8601.exec(text);
  if (match === null) return { kind: "invalid" };
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "", offset] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  const [y, mo, d, h, mi, s] = fields;
  // Years before 1000 are invalid, as in date-formats.ts: Date.UTC would read 0018 as 1918, and databases
  // read it as the year 18 or refuse the year 0.
  if (y < 1000 || !isValidWallClock([y, mo, d, h, mi, s, 0])) return { kind: "invalid" };
  const millis = fractionMillis(fraction);
  if (offset === undefined) return { kind: "date", epochMs: wallClockToEpoch([y, mo, d, h, mi, s, millis], zone) };
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, millis);
  return { kind: "date", epochMs: utc - offsetMinutes(offset) * 60_000 };
}

/**
 * The whole milliseconds of a fraction of a second's digits (`9996` -> 999), cut rather than rounded: DuckDB
 * and PostgreSQL keep microseconds, so rounding would put 23:59:59.9996 on the next day where they do not.
 */
export function fractionMillis(digits: string): number {
  return digits === "" ? 0 : Number(digits.slice(0, 3).padEnd(3, "0"));
}

/** Year, month (1-12), day, hour, minute, second, millisecond. */
export type WallClock = readonly [number, number, number, number, number, number, number];

/**
 * Whether the fields name a real time. Second 60 (a leap second) is not read: Date.UTC would put 23:59:60 on
 * the next day, PostgreSQL does the same, DuckDB refuses it; the warehouse query refuses it too.
 */
export function isValidWallClock([year, month, day, hour, minute, second]: WallClock): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59;
}

/** Milliseconds in a day (of UTC, which has no leap seconds in JavaScript's time). */
export const DAY_MS = 86_400_000;

/**
 * The instant at which clocks in `zone` show `wallClock`. Where the zone's offset changes, a wall-clock time
 * can have two readings (clocks set back: the later one is taken, in the offset after the change) or none
 * (clocks set forward: it is read in the offset before the change, so it lands after the change). This is
 * PostgreSQL's rule ("Date/Time Input Interpretation" in its manual), which DuckDB's ICU follows too, so the
 * warehouse query (nps-ab sql --source-tz) counts the same days. It matters for days: where clocks jump at
 * midnight (America/Sao_Paulo until 2019, America/Santiago), 00:30, or a bare date, on the day of the change
 * would otherwise fall on the day before.
 */
export function wallClockToEpoch(wallClock: WallClock, zone: string): number {
  const [year, month, day, hour, minute, second, millis] = wallClock;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (zone === "UTC") return local;
  // The offsets a day either side: equal unless the offset changes near this time (zones change at most once
  // in two days).
  const before = zoneOffsetMs(local - DAY_MS, zone);
  const after = zoneOffsetMs(local + DAY_MS, zone);
  if (before === after) return local - before;
  const [early, late] = [local - before, local - after];
  const earlyReads = zoneOffsetMs(early, zone) === before;
  const lateReads = zoneOffsetMs(late, zone) === after;
  if (earlyReads && lateReads) return Math.max(early, late);
  if (lateReads) return late;
  return early;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, QuarterHourCache<number>>();

/** The zone's UTC offset at an instant, remembered per quarter hour (quarter-hour-cache.ts). */
function zoneOffsetMs(epochMs: number, zone: string): number {
  let cache = offsetCaches.get(zone);
  if (cache === undefined) offsetCaches.set(zone, (cache = new QuarterHourCache((at) => offsetAt(at, zone))));
  return cache.get(epochMs);
}

function offsetAt(epochMs: number, zone: string): number {
  let formatter = offsetFormatters.get(zone);
  if (formatter === undefined) {
    const fields = { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" } as const;
    formatter = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", ...fields });
    offsetFormatters.set(zone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(epochMs)).map((part) => [part.type, Number(part.value)]));
  const shown = Date.UTC(parts["year"] ?? 0, (parts["month"] ?? 1) - 1, parts["day"] ?? 1, parts["hour"] ?? 0, parts["minute"] ?? 0, parts["second"] ?? 0);
  return shown - Math.floor(epochMs / 1000) * 1000;
}

/**
 * Days in a month (1-12) of the proleptic Gregorian calendar, as JavaScript's Date counts them: by arithmetic,
 * as a new Date for each row's check cost ~150 ns of a local date's ~1 µs.
 */
export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset.toUpperCase() === "Z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0"));
}

/** A strict `YYYY-MM-DD` for `--from` / `--to`; `null` if it is not a real calendar date. */
export function parseIsoDay(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (match === null) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return text.trim();
}

/**
 * The calendar day (`YYYY-MM-DD`) of an instant in an IANA time zone. UTC is computed directly; other
 * zones go through Intl, remembered per quarter hour (quarter-hour-cache.ts): a day boundary never falls
 * inside one.
 */
export function dayInTimeZone(epochMs: number, timeZone: string): string {
  if (timeZone === "UTC") return new Date(epochMs).toISOString().slice(0, 10);
  let cache = dayCaches.get(timeZone);
  if (cache === undefined) dayCaches.set(timeZone, (cache = new QuarterHourCache((at) => zoneFormatter(timeZone).format(new Date(at)))));
  return cache.get(epochMs);
}

const dayCaches = new Map<string, QuarterHourCache<string>>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is an IANA zone name this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  // The default, which dayInTimeZone computes without Intl: a first Intl.DateTimeFormat costs ~30 ms (ICU).
  if (timeZone === "UTC") return true;
  try {
    zoneFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}
