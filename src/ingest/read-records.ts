/**
 * Bytes -> records. Opens a file (or stdin for `-`), sniffs its dialect from a bounded prefix (gzip, encoding,
 * binary data, delimiter), then streams it through csv-parse and yields each non-blank record with the
 * physical line it starts on. Records are checked against the header's field count (`relax` allows missing
 * or empty trailing fields). csv-parse's errors (an unclosed quote, a misplaced quote) become one-line
 * InputErrors naming the file and the line where the record starts.
 */
import { pipeline, Transform, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { CsvError, parse } from "csv-parse";
import { InputError } from "../errors.js";
import { sniffDelimiter } from "./dialect/delimiter.js";
import { createDecoder, detectEncoding, type DetectedEncoding, type EncodingName } from "./dialect/encoding.js";
import { corruptGzip, isGzip, isZlibError } from "./dialect/gzip.js";
import { peek, PREFIX_BYTES } from "./dialect/peek.js";
import { displayName, openInput } from "./open-input.js";
// A field this long is almost always an unclosed quote swallowing the rest of the file; stopping there keeps
// memory bounded on large exports. (Shared with the byte-level scanner, which must stop where csv-parse does.)
import { MAX_RECORD_CHARS } from "./fast/scanner.js";

export { displayName } from "./open-input.js";

export interface ReaderOptions {
  /** Forces the delimiter instead of sniffing it. */
  readonly delimiter?: string | undefined;
  /** Forces the encoding instead of detecting it. */
  readonly encoding?: EncodingName | undefined;
  /** Accepts rows with missing trailing fields (read as blank) or empty extra trailing fields (ignored). */
  readonly relax?: boolean | undefined;
  /** Lines before the header that are not data (a report's title), skipped unparsed (default 0). */
  readonly skipLines?: number | undefined;
}

export interface Dialect {
  readonly delimiter: string;
  readonly encoding: EncodingName;
  readonly bom: boolean;
  readonly compressed: boolean;
}

export interface CsvRecord {
  readonly fields: string[];
  /** 1-based physical line on which the record starts. */
  readonly line: number;
}

export interface CsvSource {
  readonly file: string;
  readonly dialect: Dialect;
  /** After the lines skipped, the file has Excel's `sep=` line (not a record). */
  readonly sepLine: boolean;
  /** The lines skipped before the header (ReaderOptions.skipLines), and their length in bytes of the input's encoding. */
  readonly skipped: { readonly lines: number; readonly bytes: number };
  /** Releases the input when the records will not be read. */
  close(): void;
  /** The records, header rows included; blank lines (and rows of empty fields) are skipped. */
  records(): AsyncGenerator<CsvRecord>;
  /**
   * Or the input as UTF-8 bytes, decompressed, from the end of the lines skipped (and of the byte-order mark
   * sniffed), for the byte-level reader where it does not open the input again by path (stdin, another
   * encoding): UTF-8 input as it is (not yet validated), any other encoding decoded. Either this or
   * `records`, once.
   */
  bytes(): Readable;
}


export async function openCsv(path: string, stdin: Readable, options: ReaderOptions = {}): Promise<CsvSource> {
  const file = displayName(path);
  const input = await openInput(path, stdin);
  try {
    return await sniff(input, file, options);
  } catch (error) {
    // Nothing will read the file now: release it (stdin stays open for the caller).
    if (path !== "-") input.destroy();
    throw error;
  }
}

async function sniff(input: Readable, file: string, options: ReaderOptions): Promise<CsvSource> {
  let peeked = await guard(peek(input), file);
  let compressed = false;
  if (isGzip(peeked.prefix)) {
    compressed = true;
    peeked = await guard(peek(pipeline(peeked.stream, createGunzip(), () => undefined)), file);
  }
  if (peeked.prefix.length === 0) throw new InputError("file is empty", { file }, "expected a header row and responses");
  const encoding = detectEncoding(peeked.prefix, file, options.encoding);
  const complete = peeked.prefix.length < PREFIX_BYTES;
  const { text: prefixText, skipped } = skipLines(peeked.prefix, encoding, options.skipLines ?? 0, complete, file);
  const sniffed = options.delimiter === undefined ? sniffDelimiter(prefixText, complete) : { delimiter: options.delimiter, sepLine: false };
  const dialect: Dialect = { delimiter: sniffed.delimiter, encoding: encoding.encoding, bom: encoding.bomBytes > 0, compressed };
  const { sepLine } = sniffed;
  // UTF-8 from the header on: without the byte-order mark and the lines skipped, which are not decoded.
  const text = (): Readable => pipeline(dropBytes(peeked.stream, encoding.bomBytes + skipped.bytes), createDecoder(encoding.encoding, file, skipped.lines), () => undefined);
  return {
    file,
    dialect,
    sepLine,
    skipped,
    close: () => peeked.stream.destroy(),
    records: () => parseRecords(text(), file, dialect.delimiter, sepLine, options.relax === true, skipped.lines),
    bytes: () => (encoding.encoding === "utf-8" ? dropBytes(peeked.stream, encoding.bomBytes + skipped.bytes) : text()),
  };
}

/** Where the `count`th line of `text` ends (after its LF, CRLF or lone CR, as `lineBreaks` counts them), or -1. */
export function endOfLines(text: string, count: number): number {
  let at = 0;
  for (let line = 0; line < count; line += 1) {
    const lf = text.indexOf("\n", at);
    const cr = text.indexOf("\r", at);
    if (lf === -1 && cr === -1) return -1;
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      // A CR at the end of what is known may be the first half of a CRLF: not decided.
      if (cr + 1 === text.length) return -1;
      at = text[cr + 1] === "\n" ? cr + 2 : cr + 1;
    } else at = lf + 1;
  }
  return at;
}

/**
 * The prefix's text after the `count` lines skipped (the delimiter is sniffed from it), and their length in
 * bytes of the input's encoding (a UTF-16 code unit is two bytes, a character of the single-byte encodings
 * one). The lines must end within the prefix; their quotes and delimiters are not parsed (when the encoding
 * is detected, detectEncoding has looked at them with the rest of the prefix).
 */
function skipLines(prefix: Buffer, encoding: DetectedEncoding, count: number, complete: boolean, file: string): { text: string; skipped: { lines: number; bytes: number } } {
  const body = prefix.subarray(encoding.bomBytes);
  const utf8 = encoding.encoding === "utf-8";
  // Line breaks are ASCII bytes in UTF-8, so a UTF-8 prefix is searched as Latin-1 text: one character a byte.
  const searched = utf8 ? body.toString("latin1") : new TextDecoder(encoding.encoding).decode(body);
  const end = count === 0 ? 0 : endOfLines(searched, count);
  // In a file known whole, lines that do not all end before its end leave nothing to read.
  if (end === -1 || (complete && count > 0 && end === searched.length)) {
    throw new InputError(
      complete ? `--skip-lines ${count} skips the whole file` : `the ${count} lines --skip-lines skips run past the first ${PREFIX_BYTES / 1024} KB`,
      { file },
      "--skip-lines counts the lines above the header row",
    );
  }
  if (utf8) return { text: new TextDecoder("utf-8").decode(body.subarray(end)), skipped: { lines: count, bytes: end } };
  return { text: searched.slice(end), skipped: { lines: count, bytes: end * (encoding.encoding.startsWith("utf-16") ? 2 : 1) } };
}

/** `input` without its first `count` bytes. */
export function dropBytes(input: Readable, count: number): Readable {
  if (count === 0) return input;
  let left = count;
  return pipeline(
    input,
    new Transform({
      transform(chunk: Buffer, _encoding, callback): void {
        if (left >= chunk.length) {
          left -= chunk.length;
          callback();
          return;
        }
        const rest = left === 0 ? chunk : chunk.subarray(left);
        left = 0;
        callback(null, rest);
      },
    }),
    () => undefined,
  );
}

async function guard<T>(promise: Promise<T>, file: string): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw describeReadError(error, file, undefined, 0);
  }
}

async function* parseRecords(text: Readable, file: string, delimiter: string, sepLine: boolean, relax: boolean, skippedLines: number): AsyncGenerator<CsvRecord> {
  // Line numbers are counted here, as csv-parse hands over each record (on_record runs in parse order, so
  // the count is right even when an error discards records parsed but not yet read), and not taken from
  // csv-parse's info, which counts a CRLF inside a quoted field as two lines.
  let previousEnd = skippedLines + (sepLine ? 1 : 0);
  // Start lines of the records parsed but not yet read, in order (a few, as many as the stream buffers).
  const starts: number[] = [];
  let header: readonly string[] = [];
  const parser = pipeline(
    text,
    parse({
      delimiter,
      relax_column_count: true,
      bom: true,
      from_line: sepLine ? 2 : 1,
      max_record_size: MAX_RECORD_CHARS,
      on_record: (fields: string[]) => {
        const line = previousEnd + 1;
        previousEnd = line + lineBreaks(fields);
        starts.push(line);
        // The header row, in parse order too: an error a few records on may come before the loop below has it.
        if (header.length === 0 && !isBlankRecord(fields)) header = fields;
        return fields;
      },
    }),
    () => undefined,
  );
  let headerLength = 0;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const line = starts.shift() ?? previousEnd;
      if (isBlankRecord(fields)) continue;
      if (headerLength === 0) headerLength = fields.length;
      yield { fields: fitToHeader(fields, headerLength, relax, file, line), line };
    }
  } catch (error) {
    throw describeReadError(error, file, previousEnd + 1, headerLength, header);
  } finally {
    parser.destroy();
    text.destroy();
  }
}

/** A record whose fields are all blank (after trimming) is not a row (the byte-level reader asks too). */
export function isBlankRecord(fields: readonly string[]): boolean {
  return fields.every((field) => field.trim() === "");
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Within this many lines of the file's start a ragged row may be a report's title above the header. */
const TITLE_LINES = 10;

/** A record checked against the header's field count, as `relax` allows (or an InputError). */
export function fitToHeader(record: string[], headerLength: number, relax: boolean, file: string, line: number): string[] {
  if (record.length === headerLength) return record;
  const extras = record.slice(headerLength);
  const emptyExtras = extras.every((field) => field.trim() === "");
  if (relax && record.length < headerLength) return [...record, ...new Array<string>(headerLength - record.length).fill("")];
  if (relax && emptyExtras) return record.slice(0, headerLength);
  // A header of one field under rows of several is most often a report's title read as the header; near the
  // top of the file, a title with a delimiter in it may be too.
  const hint =
    headerLength === 1 && !emptyExtras
      ? "a title line above the header row? --skip-lines skips lines that come before it"
      : record.length < headerLength
        ? "a ragged row: check the delimiter and quoting, or say --relax to read missing trailing fields as blank"
        : emptyExtras
          ? "a ragged row: check the delimiter and quoting, or say --relax to ignore empty trailing fields"
          : "a field holds an unquoted delimiter or quote? --relax allows only missing or empty trailing fields";
  const title = headerLength > 1 && line <= TITLE_LINES ? "; or title lines above the header row? --skip-lines skips them" : "";
  throw new InputError(`row has ${plural(record.length, "field")} where the header has ${headerLength}`, { file, line }, `${hint}${title}`);
}

function describeReadError(error: unknown, file: string, recordStart: number | undefined, headerLength: number, header: readonly string[] = []): InputError {
  if (error instanceof InputError) return error;
  if (isZlibError(error)) return corruptGzip(file);
  if (error instanceof CsvError) return describeCsvError(error, file, recordStart ?? 1, headerLength, header);
  const code = (error as NodeJS.ErrnoException).code;
  return new InputError(`cannot read (${code ?? (error instanceof Error ? error.message : String(error))})`, { file });
}

function describeCsvError(error: CsvError, file: string, recordStart: number, headerLength: number, header: readonly string[]): InputError {
  const at = typeof error.index === "number" ? { field: error.index, header } : undefined;
  return csvReadError(error.code, file, recordStart, headerLength, at) ?? new InputError(error.message.replace(/\s+/g, " "), { file, line: recordStart });
}

/** Where a quote error is: a field by its place and, once the header row is read, the header's name for it. */
export interface ErrorField {
  /** 0-based, as csv-parse's `index`. */
  readonly field: number;
  /** The header row's fields; empty while the header row itself is read. */
  readonly header: readonly string[];
}

/** `field 3 ("Date") of the record`: a field by its 1-based place, with its column's name when it has one. */
function inField(at: ErrorField | undefined): string {
  if (at === undefined) return "the record";
  const name = at.header[at.field]?.trim() ?? "";
  return `field ${at.field + 1}${name === "" ? "" : ` (${JSON.stringify(name)})`} of the record`;
}

/** The InputError for one of csv-parse's error codes (the byte-level reader raises the same ones). */
export function csvReadError(code: string, file: string, recordStart: number, headerLength: number, at?: ErrorField): InputError | null {
  const where = { file, line: recordStart };
  switch (code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return new InputError(`unclosed quote in ${inField(at)} starting on line ${recordStart}`, where, "a field opens a \" that never closes");
    case "CSV_MAX_RECORD_SIZE":
      return new InputError(`the record starting on line ${recordStart} runs past ${MAX_RECORD_CHARS.toLocaleString("en-US")} characters`, where, "probably an unclosed quote");
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE": {
      // In the first record (no header yet), a report's title line is as likely as a malformed header.
      const title = at !== undefined && at.header.length === 0 ? "; or a title line above the header row? --skip-lines skips it" : "";
      return new InputError(`misplaced quote in ${inField(at)} starting on line ${recordStart}`, where, `quotes inside a field must be doubled (""), and a quoted field must be quoted whole${title}`);
    }
    case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH":
      return new InputError(`row has a different number of fields than the header (${headerLength})`, where, "a ragged row: check the delimiter and quoting");
    default:
      return null;
  }
}

/** Line breaks inside the fields of a record: CRLF, LF and a lone CR each end one physical line. */
function lineBreaks(record: readonly string[]): number {
  let count = 0;
  for (const field of record) {
    if (field.includes("\n") || field.includes("\r")) count += field.match(/\r\n|\r|\n/g)?.length ?? 0;
  }
  return count;
}
