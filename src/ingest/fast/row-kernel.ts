/**
 * The WebAssembly row kernel (row-kernel.wat, compiled to row-kernel.wasm by `npm run build`): reads the common
 * records of a block and parses their needed fields in one pass, leaving FastRowCounter only the ledger and
 * the cells to do (fast-rows.ts' countParsed); and in a reader thread's chunk, notes the common rows in the
 * ledger itself as chunk records (`records`, fast-rows.ts' fastRows), once the JavaScript has taught it their
 * variant's ledger index and their place. A record it does not take (anything but fast-rows.ts' fast
 * path, or not a plain record of the header's length) stops it, and the JavaScript reads that record, errors
 * included. The bytes are read straight into the module's memory (`block`).
 *
 * Why WebAssembly: finding a record's fields and parsing five of them took the JavaScript ~200 ns a row of
 * the bench export, of ~420 for everything, and each reader thread's isolate compiled that code anew; the
 * module does it in ~90 ns (16 bytes at a time, in code compiled once). Replaying the bench file's chunks on
 * one thread went from ~835 to ~465 ms (BENCHMARKS.md). Where the module is not there
 * (the TypeScript sources, as in unit tests that do not load it) or cannot run, `rowKernel` gives null and the
 * JavaScript reads every record: the same rows either way (test/ingest/row-kernel.test.ts).
 */
import { ShippedModule } from "../../wasm-module.js";
import type { RowContext } from "../rows.js";
import { CHUNK_WORDS } from "../ledger-records.js";
import { ENTRIES, ENTRY_BYTES } from "./interner.js";
import { RD_CRLF, RD_LF } from "./scanner.js";

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  readonly configure: (delimiter: number, crlf: number, headerLength: number, dates: number, present: number) => void;
  readonly rows: (start: number, end: number, stopBefore: number, out: number, most: number) => number;
  readonly resetLedger: () => void;
  readonly setVariant: (entry: number, index: number) => void;
  readonly setPlace: (variant: number, segment: number, day: number, place: number) => number;
  readonly records: (rowsAt: number, from: number, count: number, seq: number, flags: number) => number;
}

/** `records` flags: the rows have dates, a segment column. */
export const RECORDS_DATES = 1;
export const RECORDS_SEGMENTS = 2;
/** Where `records` writes its chunk records (ledger-records.ts' CHUNK_WORDS each, up to MOST_ROWS). */
const RECORDS_AT = 4767744;

/** Byte offsets in the module's memory (see row-kernel.wat). */
export const BLOCK_BYTES = 4 << 20;
const SLOTS_AT = 4259840;
const MAX_COLUMNS = 16384;
const ROWS_AT = 4329472;
/** The variant's and segment's known values (row-kernel.wat's $intern): a count, then ENTRIES of a length and ENTRY_BYTES. */
const KNOWN_AT = [4624384, 4626564];
/** Rows written per call, and each row's i32 words (see the module). */
const MOST_ROWS = 4096;
export const ROW_WORDS = 18;

/** Words of a row. */
export const NEXT = 0;
export const SCORE = 1;
export const DAY = 2;
export const MILLISECONDS = 3;
export const ID_KIND = 4;
export const ID_HIGH = 5;
export const ID_LOW = 6;
export const PERSON_KIND = 7;
export const PERSON_HIGH = 8;
export const PERSON_LOW = 9;
export const VARIANT_START = 10;
export const VARIANT_END = 11;
export const SEGMENT_START = 12;
export const SEGMENT_END = 13;
export const LINE_BREAKS = 14;
export const VARIANT_ENTRY = 15;
export const SEGMENT_ENTRY = 16;

/** ID_KIND and PERSON_KIND values. */
export const BLANK = 0;
export const WHOLE_NUMBER = 1;
export const HASHED = 2;

/** The module writes its rows little-endian, read through an Int32Array (see ShippedModule). */
const kernelModule = new ShippedModule(new URL("./row-kernel.wasm", import.meta.url), true);

/** Uses `bytes` (a compiled row-kernel.wat), or no module (null), instead of the file next to this one: for tests. */
export function useRowKernel(bytes: Uint8Array | null): void {
  kernelModule.use(bytes);
}

export class RowKernel {
  /** The memory to read the file's bytes into: records in it can be read by `rows`. */
  readonly block: Buffer;
  /** The rows written by the last `rows` call. */
  readonly rows: Int32Array;
  private readonly buffer: ArrayBuffer;

  constructor(private readonly exports: KernelExports) {
    this.buffer = exports.memory.buffer;
    this.block = Buffer.from(this.buffer, 0, BLOCK_BYTES);
    this.rows = new Int32Array(this.buffer, ROWS_AT, MOST_ROWS * ROW_WORDS);
  }

  /**
   * Lets the module find the value `bytes[start..end]` of the variant (`column` 0) or segment (1) column as
   * `entry`, the Interner's entry just made for it (entries are made in order, so it is the next one here).
   */
  remember(column: 0 | 1, entry: number, bytes: Buffer, start: number, end: number): void {
    const at = KNOWN_AT[column] as number;
    const known = new Int32Array(this.buffer, at, 1);
    if (entry !== known[0] || entry >= ENTRIES || end - start > ENTRY_BYTES) return;
    const entryAt = at + 4 + entry * (4 + ENTRY_BYTES);
    new Int32Array(this.buffer, entryAt, 1)[0] = end - start;
    new Uint8Array(this.buffer, entryAt + 4, end - start).set(bytes.subarray(start, end));
    known[0] = entry + 1;
  }

  /** Forgets the values it was told of (`remember`): they were another counter's entries. */
  forgetValues(): void {
    for (const at of KNOWN_AT) new Int32Array(this.buffer, at, 1)[0] = 0;
  }

  /**
   * Chunk records (`records`): a new chunk's ledger, with no variant index or place known yet. With the
   * values (forgetValues), at each new counter.
   */
  resetLedger(): void {
    this.exports.resetLedger();
  }

  /** The ledger's index of the variant of Interner entry `entry`. */
  setVariant(entry: number, index: number): void {
    this.exports.setVariant(entry, index);
  }

  /**
   * The place (FileCells.id) of the variant and segment entries (segment -1: no segment column) on `day` (days
   * since 1970; 0 without dates). Returns false if it is not kept (entries past the Interner's, or too many).
   */
  setPlace(variant: number, segment: number, day: number, place: number): boolean {
    return this.exports.setPlace(variant, segment, day, place) !== 0;
  }

  /**
   * Writes the chunk records of the rows of the last `read` from row `from` on (to `chunkRecords`, the first
   * with sequence number `seq`), while the module can (row-kernel.wat's `records`): returns how many.
   */
  records(from: number, count: number, seq: number, flags: number): number {
    return this.exports.records(ROWS_AT, from, count, seq, flags);
  }

  /** The chunk records `records` wrote. */
  readonly chunkRecords = (taken: number): Int32Array => new Int32Array(this.buffer, RECORDS_AT, taken * CHUNK_WORDS);

  /**
   * Whether `bytes` are `block` (or its start), where the blocks are read: then a record's offsets in `bytes`
   * are its addresses in the module's memory, which `read` takes and writes.
   */
  holds(bytes: Buffer): boolean {
    return bytes.buffer === this.buffer && bytes.byteOffset === 0;
  }

  /**
   * Reads rows of `bytes` (which it holds) from the record at `start` while one starts before `stopBefore`:
   * returns how many it wrote to `rows`, ROW_WORDS apart, their offsets (NEXT, VARIANT_START, ...) in `bytes`.
   */
  read(bytes: Buffer, start: number, stopBefore: number): number {
    return this.exports.rows(start, bytes.length, stopBefore, ROWS_AT, MOST_ROWS);
  }
}

/**
 * A kernel for the rows of `context`'s file in this dialect (one per reading thread and file), or null: no
 * module, a record delimiter other than LF or CRLF, columns the platform excludes rows by (their values are
 * the JavaScript's to read), or too many columns.
 */
export function rowKernel(context: RowContext, delimiter: number, recordDelimiter: number, headerLength: number): RowKernel | null {
  const module = kernelModule.compiled;
  const { columns, layout } = context;
  if (module === null || (recordDelimiter !== RD_LF && recordDelimiter !== RD_CRLF) || layout.excludedColumns.length > 0 || headerLength > MAX_COLUMNS) return null;
  let exports: KernelExports;
  try {
    exports = new WebAssembly.Instance(module).exports as unknown as KernelExports;
  } catch {
    return null;
  }
  // Slots: 0 score, 1 date, 2 variant, 3 segment, 4 response ID, 5 respondent (row-kernel.wat's `present` bits).
  const slotColumns = [columns.score, columns.date, columns.variant, columns.segment, columns.responseId, columns.respondent];
  const slots = new Int32Array(exports.memory.buffer, SLOTS_AT, MAX_COLUMNS).fill(-1);
  let present = 0;
  slotColumns.forEach((column, slot) => {
    if (column === null) return;
    // A column read twice (the same column as score and segment, say) keeps one slot: the JavaScript's own then.
    if ((slots[column] as number) >= 0) present = -1;
    slots[column] = slot;
    if (present >= 0) present |= 1 << slot;
  });
  if (present < 0) return null;
  exports.configure(delimiter, recordDelimiter === RD_CRLF ? 1 : 0, headerLength, context.dates !== null && columns.date !== null ? 1 : 0, present);
  return new RowKernel(exports);
}
