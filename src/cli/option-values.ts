/** Reading commander's raw option values (strings, booleans, lists) into typed values, naming the flag on error. */
import { UsageError } from "../errors.js";
import { isKnownTimeZone, parseIsoDay } from "../ingest/date.js";
import { DATE_FORMATS, type DateOrder } from "../ingest/date-formats.js";

/** What commander hands over: values as strings, flags as booleans, repeatable options as lists. */
export type RawOptions = Record<string, string | boolean | string[] | undefined>;

export function text(raw: RawOptions, key: string): string | undefined {
  const value = raw[key];
  return typeof value === "string" ? value : undefined;
}

/**
 * A column option that can also say the export has no such column (`none`, any case): the name, false for
 * none, or undefined when not given (then the column is found by name).
 */
export function columnOption(raw: RawOptions, key: string): string | false | undefined {
  const value = text(raw, key);
  return value?.trim().toLowerCase() === "none" ? false : value;
}

export function list(raw: RawOptions, key: string): string[] {
  const value = raw[key];
  if (Array.isArray(value)) return value;
  return typeof value === "string" ? [value] : [];
}

export function number(raw: RawOptions, key: string, flag: string, fallback: number, valid: (value: number) => boolean, rule: string): number {
  const value = text(raw, key);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed) || !valid(parsed)) {
    throw new UsageError(`${flag} ${JSON.stringify(value)} is not ${rule}`);
  }
  return parsed;
}

export function oneOf<T extends string>(raw: RawOptions, key: string, flag: string, allowed: readonly T[], fallback: T): T {
  const value = text(raw, key);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} ${JSON.stringify(value)} is not one of ${allowed.join(", ")}`);
  }
  return value as T;
}

export function isoDay(value: string, flag: string): string {
  const parsed = parseIsoDay(value);
  if (parsed === null) throw new UsageError(`${flag} ${JSON.stringify(value)} is not a date YYYY-MM-DD`);
  return parsed;
}

export function day(raw: RawOptions, key: string, flag: string): string | undefined {
  const value = text(raw, key);
  return value === undefined ? undefined : isoDay(value, flag);
}

/** `--date-format`'s order of day and month, or undefined when the option is not given. */
export function dateFormatOption(raw: RawOptions): DateOrder | undefined {
  const dateFormat = text(raw, "dateFormat");
  if (dateFormat === undefined) return undefined;
  const order = DATE_FORMATS[dateFormat.toLowerCase()];
  if (order === undefined) throw new UsageError(`--date-format ${JSON.stringify(dateFormat)} is not one of ${Object.keys(DATE_FORMATS).join(", ")}`);
  return order;
}

/** An IANA time zone (`--tz`, `--source-tz`), or undefined when the option is not given. */
export function zoneOption(raw: RawOptions, key: string, flag: string): string | undefined {
  const value = text(raw, key);
  if (value !== undefined && !isKnownTimeZone(value)) throw new UsageError(`${flag} ${JSON.stringify(value)} is not an IANA time zone (e.g. Europe/Berlin)`);
  return value;
}
