/**
 * Blocks of UTF-8 bytes -> records, for the byte-level reader: what read-records.ts does around csv-parse,
 * done around the RecordScanner. Validates the bytes as UTF-8 (a block may end inside a character), carries
 * a record cut by a block boundary over to the next block, numbers the physical line each record starts on
 * exactly as read-records.ts does (one line per record, plus the line breaks inside its fields), skips blank
 * records, and checks each record against the header's field count.
 */
import { isUtf8 } from "node:buffer";
import { InputError } from "../../errors.js";
import { csvReadError, fitToHeader, isBlankRecord } from "../read-records.js";
import { unescapeField } from "./field-text.js";
import { LINE_BREAKS, NEXT, ROW_WORDS, type RowKernel } from "./row-kernel.js";
import { END, MISPLACED_QUOTE, NEED_MORE, PLAIN, RECORD, RecordScanner, TOO_LARGE, UNCLOSED_QUOTE } from "./scanner.js";

/** Invalid UTF-8: the caller re-reads the file with the general reader, which names the line as it always has. */
export class NotUtf8 extends Error {
  constructor() {
    super("not UTF-8");
    this.name = "NotUtf8";
  }
}

/** Called with each non-blank record (the scanner holds its fields); return `true` to stop after it. */
export type RecordSink = (bytes: Buffer, line: number, scanner: RecordScanner) => boolean | void;

/**
 * The row kernel (row-kernel.ts) and what counts the rows it reads (FastRowCounter): an object with a method,
 * not a function made for each chunk, which V8 met as a new call target and gave up the compiled loop for.
 */
export interface KernelRows {
  readonly kernel: RowKernel;
  readonly counter: { countParsed(bytes: Buffer, rows: Int32Array, at: number, kernel: RowKernel): void; fastRows(from: number, rows: number, kernel: RowKernel): number };
}

const CODES: Record<number, string> = { [UNCLOSED_QUOTE]: "CSV_QUOTE_NOT_CLOSED", [MISPLACED_QUOTE]: "INVALID_OPENING_QUOTE", [TOO_LARGE]: "CSV_MAX_RECORD_SIZE" };

/** Bytes at the end of `bytes` that start a UTF-8 character not complete yet. */
function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] as number;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? back : 0;
    }
  }
  return 0;
}

/** Line feeds in `bytes[start..end)`. */
function lineFeeds(bytes: Buffer, start: number, end: number): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a, start); at !== -1 && at < end; at = bytes.indexOf(0x0a, at + 1)) count += 1;
  return count;
}

/**
 * The index of the first byte of `bytes` that no UTF-8 character can start or continue there (`bytes.length`:
 * none; an incomplete character at the end is not an error): the shortest prefix that a fatal, streaming
 * TextDecoder (WHATWG Encoding, the same well-formedness as node:buffer's isUtf8) refuses, found by bisection.
 */
function firstInvalidUtf8(bytes: Buffer): number {
  const refused = (length: number): boolean => {
    try {
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, length), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  if (!refused(bytes.length)) return bytes.length;
  let [valid, invalid] = [0, bytes.length];
  while (invalid - valid > 1) {
    const middle = (valid + invalid) >>> 1;
    if (refused(middle)) invalid = middle;
    else valid = middle;
  }
  return invalid - 1;
}

export interface StreamStart {
  /** The line before the first record's (0 at the start of a file). */
  readonly previousEnd: number;
  /** Fields in the header; 0: the first non-blank record is the header. */
  readonly headerLength: number;
  /** Absolute offset of the first byte given. */
  readonly offset: number;
}

export class RecordStream {
  previousEnd: number;
  headerLength: number;
  /** Absolute offset of the first byte not yet consumed (the start of the next record). */
  offset: number;
  /** Where the record given to the sink starts, in the bytes given (for `fields`). */
  recordStart = 0;
  private pending: Buffer = Buffer.alloc(0);
  private utf8Tail: Buffer = Buffer.alloc(0);
  private all: RecordScanner | null = null;
  /** The header row's fields, once this stream has read it (for errors; a chunk's stream never does). */
  private header: readonly string[] = [];
  /** Set by `records`: whether it stopped (the sink said so, or `stopAt` was reached) rather than ran out of bytes. */
  private stopped = false;
  /**
   * The row kernel, for bytes in its memory (useKernel); records left to the scanner before it is tried again
   * (after it took none: a file whose records it cannot take is not tried at every record), and the next such wait.
   */
  private kernel: KernelRows | null = null;
  private kernelWait = 0;
  private kernelBackoff = 1;

  constructor(
    public scanner: RecordScanner,
    readonly file: string,
    readonly relax: boolean,
    start: StreamStart,
  ) {
    this.previousEnd = start.previousEnd;
    this.headerLength = start.headerLength;
    this.offset = start.offset;
  }

  /** The bytes held after `offset` (a record not complete yet), for the caller to put before the next block. */
  get held(): Buffer {
    return this.pending;
  }

  /**
   * `buffer` with the bytes held copied to its start, or a larger buffer when it has less than `room` bytes
   * after them: the next bytes go there, and `push` takes them with `heldIncluded`, so the blocks are read into
   * memory reused from block to block, not joined in a new Buffer each time.
   */
  heldFirst(buffer: Buffer, room: number): Buffer {
    const held = this.pending;
    const joined = held.length + room > buffer.length ? Buffer.allocUnsafe(held.length + Math.max(room, buffer.length)) : buffer;
    held.copy(joined, 0);
    return joined;
  }

  /** Forgets the bytes held after `offset`, to read on from `offset` elsewhere (a chunk of the file). */
  dropHeld(): void {
    this.pending = Buffer.alloc(0);
    this.utf8Tail = Buffer.alloc(0);
  }

  /** Reads the records the row kernel takes with it (bytes in its memory only), the others with the scanner. */
  useKernel(kernel: KernelRows | null): void {
    this.kernel = kernel;
    // The values it knows are a counter's Interner entries: this one's are not made yet.
    kernel?.kernel.forgetValues();
    kernel?.kernel.resetLedger();
  }

  /** Goes on with another scanner (the same dialect, other columns). */
  useScanner(scanner: RecordScanner): void {
    scanner.recordDelimiter = this.scanner.recordDelimiter;
    this.scanner = scanner;
  }

  /**
   * Reads the records in the bytes held and `block` (null: the end of the input) until `sink` says stop or
   * a record starts at or after the absolute offset `stopAt`; returns whether it stopped (the rest stays
   * held for the next call). `heldIncluded`: `block` starts with the bytes held (saves copying the block).
   */
  push(block: Buffer | null, sink: RecordSink, stopAt = Number.POSITIVE_INFINITY, heldIncluded = false): boolean {
    if (block !== null) this.validate(heldIncluded ? block.subarray(this.pending.length) : block);
    else if (this.utf8Tail.length > 0) throw new NotUtf8();
    const bytes = block === null || block.length === 0 ? this.pending : this.pending.length === 0 || heldIncluded ? block : Buffer.concat([this.pending, block]);
    this.scanner.forgetIndex();
    const start = this.records(bytes, block === null, sink, stopAt);
    if (this.stopped) {
      this.pending = bytes.subarray(start);
      return true;
    }
    this.pending = start === bytes.length ? Buffer.alloc(0) : Buffer.from(bytes.subarray(start));
    return false;
  }

  /**
   * `push`'s loop over the records of `bytes`, in a method of its own: V8 compiles a long loop on the stack
   * (OSR) with its whole function, and the code after it, run once a block, had no type feedback yet (the
   * compiled code gave way ~8 times a run, `node --trace-deopt`). Returns where the next record starts.
   */
  private records(bytes: Buffer, eof: boolean, sink: RecordSink, stopAt: number): number {
    let start = 0;
    this.stopped = false;
    for (;;) {
      if (this.offset >= stopAt) {
        this.stopped = true;
        return start;
      }
      // Where the kernel reads, the scanner reads only the records it leaves, without the index (see `scan`).
      const kernel = this.kernel !== null && this.headerLength > 0 && this.kernel.kernel.holds(bytes) ? this.kernel : null;
      if (kernel !== null) {
        if (this.kernelWait > 0) this.kernelWait -= 1;
        else {
          start = this.kernelRows(kernel, bytes, start, stopAt);
          if (this.offset >= stopAt) continue;
        }
      }
      const result = this.scanner.scan(bytes, start, bytes.length, eof, kernel === null);
      if (result === NEED_MORE || result === END) return start;
      const line = this.previousEnd + 1;
      if (result !== RECORD) throw this.readError(result, line);
      this.previousEnd = line + this.scanner.lineBreaks;
      const recordStart = start;
      start = this.scanner.next;
      this.offset += start - recordStart;
      if (this.isBlank(bytes, recordStart, start)) continue;
      if (this.scanner.fieldCount !== this.headerLength) this.fit(bytes, recordStart, start, line);
      this.recordStart = recordStart;
      if (sink(bytes, line, this.scanner) === true) {
        this.stopped = true;
        return start;
      }
    }
  }

  /** The rows the kernel takes from `start` on, before `stopAt`: returns where the next record starts (the first it did not take). */
  private kernelRows({ kernel, counter }: KernelRows, bytes: Buffer, start: number, stopAt: number): number {
    const stopBefore = Math.min(bytes.length, start + (stopAt - this.offset));
    let taken = 0;
    for (;;) {
      const rows = kernel.read(bytes, start, stopBefore);
      const words = kernel.rows;
      // Rows before `noted` the kernel noted in the ledger itself (fastRows); the counter counts the others.
      let noted = 0;
      for (let row = 0; row < rows; row += 1) {
        if (row >= noted) noted = row + counter.fastRows(row, rows, kernel);
        const at = row * ROW_WORDS;
        const next = words[at + NEXT] as number;
        this.previousEnd += 1 + (words[at + LINE_BREAKS] as number);
        this.offset += next - start;
        start = next;
        if (row >= noted) counter.countParsed(bytes, words, at, kernel);
      }
      taken += rows;
      if (rows * ROW_WORDS < words.length) break;
    }
    if (taken > 0) this.kernelBackoff = 1;
    else {
      this.kernelWait = this.kernelBackoff;
      this.kernelBackoff = Math.min(this.kernelBackoff * 2, 1024);
    }
    return start;
  }

  /** Every field of the record at `start..end`, as strings. */
  fields(bytes: Buffer, start: number, end: number): string[] {
    if (this.all === null) this.all = new RecordScanner(this.scanner.delimiter, "all");
    const all = this.all;
    all.recordDelimiter = this.scanner.recordDelimiter;
    all.scan(bytes, start, end, true);
    const fields: string[] = [];
    for (let field = 0; field < all.fieldCount; field += 1) {
      const [from, to] = [all.starts[field] as number, all.ends[field] as number];
      fields.push(all.kinds[field] === PLAIN ? bytes.toString("utf8", from, to) : unescapeField(bytes, from, to));
    }
    return fields;
  }

  /**
   * After `push` threw NotUtf8 for `block` (null: the input ended inside a character), the line of the first
   * byte that is not UTF-8, counted as the general reader counts it (line feeds before it, plus one). For an
   * input that cannot be read again to let the general reader name it (stdin).
   */
  lineOfInvalidUtf8(block: Buffer | null): number {
    // The bytes held are the start of the next record (line previousEnd + 1), and end with utf8Tail.
    const before = this.previousEnd + lineFeeds(this.pending, 0, this.pending.length);
    if (block === null) return before + 1;
    const bytes = Buffer.concat([this.utf8Tail, block]);
    return before + lineFeeds(bytes, 0, firstInvalidUtf8(bytes)) + 1;
  }

  private validate(block: Buffer): void {
    const bytes = this.utf8Tail.length === 0 ? block : Buffer.concat([this.utf8Tail, block]);
    const tail = incompleteTail(bytes);
    if (!isUtf8(bytes.subarray(0, bytes.length - tail))) throw new NotUtf8();
    this.utf8Tail = Buffer.from(bytes.subarray(bytes.length - tail));
  }

  /** As read-records.ts: a record whose fields are all blank (after trimming) is not a row. */
  private isBlank(bytes: Buffer, start: number, end: number): boolean {
    const delimiter = this.scanner.delimiter;
    let unsure = false;
    for (let index = start; index < end; index += 1) {
      const byte = bytes[index] as number;
      if (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d) || byte === delimiter) continue;
      // A quote may be an escaped `"` of content, a byte >= 0x80 a Unicode space: decide on the text.
      if (byte === 0x22 || byte >= 0x80) unsure = true;
      else return false;
    }
    return !unsure || isBlankRecord(this.fields(bytes, start, end));
  }

  private readError(result: number, line: number): InputError {
    const at = result === UNCLOSED_QUOTE || result === MISPLACED_QUOTE ? { field: this.scanner.errorField, header: this.header } : undefined;
    return csvReadError(CODES[result] ?? "", this.file, line, this.headerLength, at) ?? new InputError("unreadable record", { file: this.file, line });
  }

  private fit(bytes: Buffer, start: number, end: number, line: number): void {
    if (this.headerLength === 0) {
      this.headerLength = this.scanner.fieldCount;
      this.header = this.fields(bytes, start, end);
      return;
    }
    // Throws unless --relax allows the row; the fields it reads as blank are the ones the record lacks.
    fitToHeader(this.fields(bytes, start, end), this.headerLength, this.relax, this.file, line);
  }
}
