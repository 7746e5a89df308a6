/**
 * Dates as spreadsheets and survey platforms write them besides ISO 8601: `14.03.2018` (day first, the
 * German/European convention), `06/01/2018 01:40:56 PM` (SurveyMonkey, US month first), `2022/06/22
 * 11:07:29 AM GMT` (Google Forms), `22/06/2022 13:40` (day first). Whether `03/04/2018` is the 3rd of April
 * or the 4th of March cannot be known from one value: the order comes from `--date-format`, from the
 * platform's documentation, or from the values themselves (a 13..31 in one position); when none of these
 * settles it, reading on would be a guess, so it is an error asking for `--date-format`.
 */
import { InputError } from "../errors.js";
import { fractionMillis, isValidWallClock, parseTimestamp, wallClockToEpoch, type DateParse, type WallClock } from "./date.js";

export const DATE_ORDERS = ["dmy", "mdy", "ymd"] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** What `--date-format` accepts: a pattern (separators do not matter) or the order itself. */
export const DATE_FORMATS: Readonly<Record<string, DateOrder>> = {
  "dd/mm/yyyy": "dmy",
  "dd.mm.yyyy": "dmy",
  "dd-mm-yyyy": "dmy",
  "mm/dd/yyyy": "mdy",
  "mm-dd-yyyy": "mdy",
  "yyyy-mm-dd": "ymd",
  "yyyy/mm/dd": "ymd",
  dmy: "dmy",
  mdy: "mdy",
  ymd: "ymd",
};

// Date (a-b-c with / . or -), optional time with optional seconds, fraction and AM/PM, optional zone.
const LOCAL =
  /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4}),?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*([ap])?\.?(?:m\.?)?)?\s*(?:(?:gmt|utc|z)?\s*([+-]\d{1,2}(?::?\d{2})?)?)$/i;

interface LocalDate {
  readonly parts: readonly [number, number, number];
  readonly separator: string;
  readonly time: readonly [number, number, number, number];
  readonly meridiem: string | undefined;
  readonly offsetMinutes: number | null;
  readonly zoneMarker: boolean;
}

function matchLocal(text: string): LocalDate | null {
  const match = LOCAL.exec(text);
  if (match === null) return null;
  const [, a = "", separator = "", b = "", c = "", hour = "0", minute = "0", second = "0", fraction = "", meridiem, offset] = match;
  const millis = fractionMillis(fraction);
  return {
    parts: [Number(a), Number(b), Number(c)],
    separator,
    time: [Number(hour), Number(minute), Number(second), millis],
    meridiem: meridiem?.toLowerCase(),
    offsetMinutes: offset === undefined ? null : parseOffset(offset),
    zoneMarker: /(gmt|utc|z)\s*([+-].*)?$/i.test(text),
  };
}

/** Minutes east of UTC; NaN beyond +-15:59 or with minutes past 59, as date.ts' ISO 8601 offsets. */
function parseOffset(offset: string): number {
  const sign = offset.startsWith("-") ? -1 : 1;
  // "+2", "+05", "+0530", "+05:30": the last two digits are minutes once there are more than two.
  const digits = offset.slice(1).replace(":", "");
  const [hours, minutes] = (digits.length <= 2 ? [digits, "0"] : [digits.slice(0, -2), digits.slice(-2)]).map(Number) as [number, number];
  if (hours > 15 || minutes > 59) return Number.NaN;
  return sign * (hours * 60 + minutes);
}

/** Which orders a day-month-year value allows: "ymd" for a 4-digit first part, else by the numbers. */
function possibleOrders(local: LocalDate): DateOrder[] {
  const [first, second, third] = local.parts;
  if (first >= 1000) return ["ymd"];
  if (third < 1000) return [];
  const orders: DateOrder[] = [];
  if (second <= 12) orders.push("dmy");
  if (first <= 12) orders.push("mdy");
  return orders;
}

export interface DateReaderOptions {
  /** Forced (`--date-format`) or documented by the platform; `null` to infer from the values. */
  readonly order: DateOrder | null;
  /** An order settled already from earlier values (a reader thread's chunk of a file); default `order`. */
  readonly settled?: DateOrder | null | undefined;
  /** Zone of times without an offset. */
  readonly zone: string;
  readonly file: string;
  readonly column: string;
}

/** Reads one date column, settling the day/month order once from the values when nothing else says. */
export class DateReader {
  private order: DateOrder | null;
  /**
   * Whether a value was read while the order was still open (read in the light of earlier values): a chunk
   * of a file read on its own, without those, cannot be trusted then (see ingest-parallel.ts).
   */
  readUnsettled = false;

  constructor(private readonly options: DateReaderOptions) {
    this.order = options.settled ?? options.order;
  }

  /**
   * The day/month order a local date is read in, as far as known. Dotted dates are day first by convention
   * (14.03.2018): only an order given (`--date-format`, or the platform's) reads them otherwise, never one
   * inferred from other values, so their reading does not depend on the rows before them. Other dates take
   * the settled order (`null`: still open).
   */
  orderFor(dotted: boolean): DateOrder | null {
    return dotted ? (this.options.order ?? "dmy") : this.order;
  }

  /** The order given by `--date-format` or the platform (`null`: inferred from the values). */
  get givenOrder(): DateOrder | null {
    return this.options.order;
  }

  /** The zone of times written without an offset (the byte-level reader's ISO fast path reads them too). */
  get zone(): string {
    return this.options.zone;
  }

  /** Looks at the first rows' values before streaming, so an early `03/04` is read in the light of a later `13/04`. */
  settle(sample: readonly { readonly value: string; readonly line: number }[]): void {
    if (this.order !== null) return;
    const seen = new Set<DateOrder>();
    let ambiguousLine: { value: string; line: number } | null = null;
    for (const entry of sample) {
      const local = matchLocal(entry.value.trim());
      if (local === null || local.separator === ".") continue;
      const orders = possibleOrders(local);
      if (orders.length === 1 && orders[0] !== "ymd") seen.add(orders[0] as DateOrder);
      if (orders.length === 2 && ambiguousLine === null) ambiguousLine = entry;
    }
    if (seen.size === 2) {
      throw new InputError(`dates in column ${JSON.stringify(this.options.column)} mix day-first and month-first`, { file: this.options.file }, "say which with --date-format dd/mm/yyyy or --date-format mm/dd/yyyy");
    }
    const [only] = seen;
    if (only !== undefined) this.order = only;
    else if (ambiguousLine !== null) throw this.ambiguous(ambiguousLine.value, ambiguousLine.line);
  }

  read(raw: string | undefined, line: number): DateParse {
    const iso = parseTimestamp(raw, this.options.zone);
    if (iso.kind !== "invalid") return iso;
    const text = (raw ?? "").trim();
    const local = matchLocal(text);
    if (local === null) return { kind: "invalid" };
    const orders = possibleOrders(local);
    const dotted = local.separator === ".";
    if (this.order === null && !orders.includes("ymd") && !dotted) this.readUnsettled = true;
    const order = orders.includes("ymd") ? "ymd" : this.orderFor(dotted);
    if (order === null) {
      if (orders.length === 2) throw this.ambiguous(text, line);
      if (orders.length === 0) return { kind: "invalid" };
      this.order = orders[0] ?? null;
      return this.read(raw, line);
    }
    return toInstant(local, order, this.options.zone);
  }

  /** The day/month order as settled so far (`null`: still open). */
  get settledOrder(): DateOrder | null {
    return this.order;
  }

  private ambiguous(value: string, line: number): InputError {
    return new InputError(`ambiguous date ${JSON.stringify(value)}`, { file: this.options.file, line, column: this.options.column }, "day or month first? say which with --date-format dd/mm/yyyy or --date-format mm/dd/yyyy");
  }
}

function toInstant(local: LocalDate, order: DateOrder, zone: string): DateParse {
  const [a, b, c] = local.parts;
  const [year, month, day] = order === "ymd" ? [a, b, c] : order === "dmy" ? [c, b, a] : [c, a, b];
  let [hour, minute, second, millis] = local.time;
  if (year < 1000) return { kind: "invalid" };
  if (local.meridiem !== undefined) {
    if (hour < 1 || hour > 12) return { kind: "invalid" };
    hour = (hour % 12) + (local.meridiem === "p" ? 12 : 0);
  }
  const wallClock: WallClock = [year, month, day, hour, minute, second, millis];
  if (!isValidWallClock(wallClock) || Number.isNaN(local.offsetMinutes)) return { kind: "invalid" };
  if (local.offsetMinutes === null && !local.zoneMarker) return { kind: "date", epochMs: wallClockToEpoch(wallClock, zone) };
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return { kind: "date", epochMs: utc - (local.offsetMinutes ?? 0) * 60_000 };
}
