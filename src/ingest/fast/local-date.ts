/**
 * The common shape of a local date, read from its bytes: `06/01/2018 01:40:56 PM` (SurveyMonkey, month
 * first), `14.03.2018 09:21` or `14/03/2018` (day first). The general reader (date-formats.ts) matches every
 * row's text against one regular expression and builds an object for it, ~1 µs a row; this reads the same
 * fields in place. It answers only where it is sure: a day and month of one or two digits in the order the
 * reader has settled (DateReader.orderFor), a four-digit year from 1000, one `/`, `.` or `-` twice, then
 * optionally a space or `T`, the hour, minutes, seconds and `AM`/`PM` after an optional space, and nothing more. Everything else (no settled order,
 * fractions, zones, other spacing, an impossible date) is NaN, for the general reader to decide.
 * test/ingest/local-date.test.ts holds it to DateReader.read on random text.
 */
import { isValidWallClock, wallClockToEpoch } from "../date.js";
import type { DateOrder } from "../date-formats.js";

const SLASH = 0x2f;
const DOT = 0x2e;
const HYPHEN = 0x2d;
const COLON = 0x3a;
const SPACE = 0x20;
const LETTER_T = 0x54;
const LOWER_A = 0x61;
const LOWER_P = 0x70;
const LOWER_M = 0x6d;

/** The digits of `bytes[from..)` up to `most` of them, as a number, and where they end: `at` is set. */
class Digits {
  at = 0;
  read(bytes: Uint8Array, from: number, end: number, least: number, most: number): number {
    let value = 0;
    let at = from;
    while (at < end && at - from < most) {
      const digit = (bytes[at] as number) - 0x30;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
      at += 1;
    }
    this.at = at;
    return at - from >= least ? value : -1;
  }
}

const digits = new Digits();

/** The byte at `at` if it is before `end`, else -1 (the bytes after a field belong to the next). */
const byteAt = (bytes: Uint8Array, at: number, end: number): number => (at < end ? (bytes[at] as number) : -1);

/** What the date column's reader knows of the order (DateReader). */
export interface DateOrders {
  orderFor(dotted: boolean): DateOrder | null;
}

/** The instant of the local date in `bytes[start..end)`, a wall-clock time in `zone`; NaN where unsure. */
export function localDateInstant(bytes: Uint8Array, start: number, end: number, orders: DateOrders, zone: string): number {
  const first = digits.read(bytes, start, end, 1, 2);
  const separator = byteAt(bytes, digits.at, end);
  if (first < 0 || (separator !== SLASH && separator !== DOT && separator !== HYPHEN)) return Number.NaN;
  const order = orders.orderFor(separator === DOT);
  if (order !== "dmy" && order !== "mdy") return Number.NaN;
  const middle = digits.read(bytes, digits.at + 1, end, 1, 2);
  if (middle < 0 || byteAt(bytes, digits.at, end) !== separator) return Number.NaN;
  const year = digits.read(bytes, digits.at + 1, end, 4, 4);
  if (year < 1000) return Number.NaN;
  let [hour, minute, second] = [0, 0, 0];
  let at = digits.at;
  if (at < end) {
    if (bytes[at] !== SPACE && bytes[at] !== LETTER_T) return Number.NaN;
    hour = digits.read(bytes, at + 1, end, 1, 2);
    if (hour < 0 || byteAt(bytes, digits.at, end) !== COLON) return Number.NaN;
    minute = digits.read(bytes, digits.at + 1, end, 2, 2);
    if (minute < 0) return Number.NaN;
    at = digits.at;
    if (byteAt(bytes, at, end) === COLON) {
      second = digits.read(bytes, at + 1, end, 2, 2);
      if (second < 0) return Number.NaN;
      at = digits.at;
    }
    if (at < end) {
      // AM or PM, in either case, after an optional space: the whole rest of the field.
      if (bytes[at] === SPACE) at += 1;
      const meridiem = byteAt(bytes, at, end) | 0x20;
      if (end - at !== 2 || (meridiem !== LOWER_A && meridiem !== LOWER_P) || ((bytes[at + 1] as number) | 0x20) !== LOWER_M) return Number.NaN;
      if (hour < 1 || hour > 12) return Number.NaN;
      hour = (hour % 12) + (meridiem === LOWER_P ? 12 : 0);
    }
  }
  const [month, day] = order === "dmy" ? [middle, first] : [first, middle];
  const wallClock = [year, month, day, hour, minute, second, 0] as const;
  return isValidWallClock(wallClock) ? wallClockToEpoch(wallClock, zone) : Number.NaN;
}
