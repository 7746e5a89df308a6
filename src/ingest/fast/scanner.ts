/**
 * A byte-level CSV record scanner, written by hand for speed: csv-parse builds every field of every record as
 * a string (and a record array), which is most of its time on a wide export of which the analysis reads five
 * columns. This scanner walks the UTF-8 bytes once, notes where the needed fields lie (decoding nothing), and
 * counts the fields and the line breaks inside them. For the common record it walks only the positions of the
 * delimiters, quotes and line breaks, found 16 bytes at a time by special-index.ts, where that is there.
 *
 * It follows csv-parse exactly as read-records.ts configures it (one-byte delimiter, `"` quote and escape,
 * no trimming, record delimiter discovered as the first CRLF, LF or CR outside quotes, records of at most
 * 1,000,000 characters), errors included; test/ingest/scanner.test.ts checks it against csv-parse on random
 * input. A record is scanned from its first byte each time: `needMore` asks the caller for more bytes and to
 * call again from the same start, so no state but the record delimiter lives between records.
 */
import { codeUnits } from "./field-text.js";
import { specialIndex, type SpecialIndex } from "./special-index.js";

export const RECORD = 0;
export const NEED_MORE = 1;
/** End of input and no record left (csv-parse emits none for a final line break). */
export const END = 2;
export const UNCLOSED_QUOTE = 3;
export const MISPLACED_QUOTE = 4;
export const TOO_LARGE = 5;
export type ScanResult = typeof RECORD | typeof NEED_MORE | typeof END | typeof UNCLOSED_QUOTE | typeof MISPLACED_QUOTE | typeof TOO_LARGE;

export const RD_UNKNOWN = 0;
export const RD_LF = 1;
export const RD_CRLF = 2;
export const RD_CR = 3;

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Field content kinds: the bytes between `start` and `end` as they are, or a raw field to unescape. */
export const PLAIN = 0;
export const ESCAPED = 1;

/** csv-parse's `max_record_size` as read-records.ts sets it (characters, i.e. UTF-16 code units). */
export const MAX_RECORD_CHARS = 1_000_000;

export class RecordScanner {
  recordDelimiter = RD_UNKNOWN;
  /** Of the last record: fields, line breaks inside fields, first byte after it (and its delimiter). */
  fieldCount = 0;
  lineBreaks = 0;
  next = 0;
  /** After UNCLOSED_QUOTE or MISPLACED_QUOTE: the field (0-based) the quote is in, as csv-parse's `index`. */
  errorField = 0;
  /** Per slot (see `slotOf`): content bounds and kind of the field, for fields the record has. */
  starts: Int32Array;
  ends: Int32Array;
  kinds: Uint8Array;
  private readonly special = new Uint8Array(256);
  private readonly quotedSpecial = new Uint8Array(256);
  /** Slot of each column, -1 for columns not needed; `null`: every column is needed (slot = column). */
  private readonly slotOf: Int32Array | null;
  // Precise mode (records over MAX_RECORD_CHARS bytes only): csv-parse's size check, per appended byte.
  private precise = false;
  private recordUnits = 0;
  private fieldBytes = 0;
  private fieldUnits = 0;
  /** Whether `kinds` holds a kind other than PLAIN (see plainKinds). */
  private escapedKinds = false;
  /** Where the special bytes lie (special-index.ts), for `plainRecord`; null: it reads byte by byte. */
  private readonly index: SpecialIndex | null;
  /** The next of `index`'s positions to look at. */
  private cursor = 0;

  /** `segmentBytes`: bytes indexed at once (special-index.ts; tests make it small). */
  constructor(
    readonly delimiter: number,
    columns: readonly number[] | "all",
    segmentBytes?: number,
  ) {
    for (const byte of [delimiter, QUOTE, CR, LF]) this.special[byte] = 1;
    for (const byte of [QUOTE, CR, LF]) this.quotedSpecial[byte] = 1;
    if (columns === "all") {
      this.slotOf = null;
      this.starts = new Int32Array(16);
    } else {
      this.slotOf = new Int32Array(columns.length === 0 ? 0 : Math.max(...columns) + 1).fill(-1);
      columns.forEach((column, slot) => {
        if (this.slotOf !== null) this.slotOf[column] = slot;
      });
      this.starts = new Int32Array(columns.length);
    }
    this.ends = new Int32Array(this.starts.length);
    this.kinds = new Uint8Array(this.starts.length);
    this.index = this.slotOf === null ? null : specialIndex(delimiter, segmentBytes);
  }

  /** Forgets the bytes indexed: the next bytes given may be new ones in the same memory. */
  forgetIndex(): void {
    this.index?.forget();
  }

  /**
   * Scans the record that starts at `start`; `eof`: no bytes follow `limit`. `indexed`: look for a plain record
   * through the index of special bytes (false where the row kernel reads most records, and the scanner only
   * the few it left: indexing 64 KB for each of them cost more than their bytes).
   */
  scan(bytes: Uint8Array, start: number, limit: number, eof: boolean, indexed = true): ScanResult {
    if (this.plainRecord(bytes, start, limit, indexed) && this.next - start <= MAX_RECORD_CHARS) return RECORD;
    this.precise = false;
    const result = this.run(bytes, start, limit, eof);
    const reach = result === RECORD ? this.next : limit;
    if (reach - start <= MAX_RECORD_CHARS) return result;
    // Only a record this long can break csv-parse's limit: scan it again, counting characters as it does.
    this.precise = true;
    this.recordUnits = 0;
    return this.run(bytes, start, limit, eof);
  }

  /**
   * The common case in one tight loop: a record without line breaks in its fields or escaped quotes, the
   * record delimiter known. False (nothing decided) for anything else, which `run` reads from the start.
   */
  private plainRecord(bytes: Uint8Array, start: number, limit: number, indexed: boolean): boolean {
    const { delimiter, slotOf } = this;
    const delimiters = this.recordDelimiter;
    if (slotOf === null || (delimiters !== RD_LF && delimiters !== RD_CRLF)) return false;
    if (this.index !== null && indexed) return this.plainIndexed(bytes, start, limit, this.index, true);
    let field = 0;
    let fieldStart = start;
    let contentStart = start;
    let contentEnd = -1;
    for (let pos = start; pos < limit; pos += 1) {
      let byte = bytes[pos] as number;
      if (byte > QUOTE && byte !== delimiter) continue;
      if (byte === QUOTE) {
        // A quoted field without line breaks or escaped quotes: its content runs to the next quote.
        if (pos !== fieldStart) return false;
        let close = pos + 1;
        while (close < limit && (bytes[close] as number) > CR && bytes[close] !== QUOTE) close += 1;
        if (close + 1 >= limit || bytes[close] !== QUOTE || bytes[close + 1] === QUOTE) return false;
        contentStart = pos + 1;
        contentEnd = close;
        pos = close + 1;
        byte = bytes[pos] as number;
        if (byte !== delimiter && byte !== LF && byte !== CR) return false;
      }
      const next = this.recordEnd(bytes, byte, pos, limit);
      if (next === -1 && byte !== delimiter) {
        if (byte === CR || byte === LF) return false;
        continue;
      }
      this.plainField(field, fieldStart, contentStart, contentEnd, pos);
      field += 1;
      fieldStart = pos + 1;
      contentEnd = -1;
      if (next === -1) continue;
      this.finish(field, 0, next);
      this.plainKinds();
      return true;
    }
    return false;
  }

  /** Where the next record starts if `byte` at `pos` ends this one (the record delimiter, LF or CRLF), else -1. */
  private recordEnd(bytes: Uint8Array, byte: number, pos: number, limit: number): number {
    if (byte === LF && this.recordDelimiter === RD_LF) return pos + 1;
    return byte === CR && this.recordDelimiter === RD_CRLF && pos + 1 < limit && bytes[pos + 1] === LF ? pos + 2 : -1;
  }

  /** Notes where field `field` of a plain record lies, if it is needed: its content, quotes (`contentEnd` set) excluded. */
  private plainField(field: number, fieldStart: number, contentStart: number, contentEnd: number, end: number): void {
    const slotOf = this.slotOf as Int32Array;
    const slot = field < slotOf.length ? (slotOf[field] as number) : -1;
    if (slot < 0) return;
    this.starts[slot] = contentEnd === -1 ? fieldStart : contentStart;
    this.ends[slot] = contentEnd === -1 ? end : contentEnd;
  }

  /**
   * A plain record's fields are all PLAIN: `kinds` is put back only after `run` has noted another kind
   * (`escapedKinds`), not written field by field (that store was ~7% of the scanner's time).
   */
  private plainKinds(): void {
    if (!this.escapedKinds) return;
    this.kinds.fill(PLAIN);
    this.escapedKinds = false;
  }

  /**
   * `plainRecord` over the positions of the special bytes instead of every byte: the same decisions, in the
   * same order. A record that runs past the stretch indexed is indexed again from its start (`retry`), once.
   */
  private plainIndexed(bytes: Uint8Array, start: number, limit: number, index: SpecialIndex, retry: boolean): boolean {
    const { delimiter } = this;
    if (!index.covers(bytes, start)) {
      index.build(bytes, start, limit);
      this.cursor = 0;
    }
    const { positions, count } = index;
    const base = index.start;
    let at = this.cursor;
    // Positions before `start` belong to records read already (or read by `run`).
    while (at < count && base + (positions[at] as number) < start) at += 1;
    let field = 0;
    let fieldStart = start;
    let contentStart = start;
    let contentEnd = -1;
    for (; at < count; at += 1) {
      let pos = base + (positions[at] as number);
      let byte = bytes[pos] as number;
      if (byte === QUOTE) {
        // A quoted field without line breaks or escaped quotes: its content runs to the next quote.
        if (pos !== fieldStart) return false;
        let closing = at + 1;
        while (closing < count && bytes[base + (positions[closing] as number)] === delimiter) closing += 1;
        if (closing >= count) break;
        const close = base + (positions[closing] as number);
        if (close + 1 >= limit || bytes[close] !== QUOTE || bytes[close + 1] === QUOTE) return false;
        contentStart = pos + 1;
        contentEnd = close;
        pos = close + 1;
        byte = bytes[pos] as number;
        if (byte !== delimiter && byte !== LF && byte !== CR) return false;
        // The byte after the closing quote is special: the next position.
        at = closing + 1;
        if (at >= count) break;
      }
      const next = this.recordEnd(bytes, byte, pos, limit);
      if (next === -1 && byte !== delimiter) return false;
      this.plainField(field, fieldStart, contentStart, contentEnd, pos);
      field += 1;
      fieldStart = pos + 1;
      contentEnd = -1;
      if (next === -1) continue;
      this.finish(field, 0, next);
      this.plainKinds();
      this.cursor = at + 1;
      return true;
    }
    // The record runs past the stretch indexed: index from its start, unless it started there already.
    if (!retry || index.end >= limit || index.start === start) return false;
    index.build(bytes, start, limit);
    this.cursor = 0;
    return this.plainIndexed(bytes, start, limit, index, false);
  }

  private slot(field: number): number {
    const { slotOf } = this;
    if (slotOf === null) {
      if (field >= this.starts.length) this.growSlots();
      return field;
    }
    return field < slotOf.length ? (slotOf[field] as number) : -1;
  }

  private growSlots(): void {
    const grow = <T extends Int32Array | Uint8Array>(array: T, make: (length: number) => T): T => {
      const bigger = make(array.length * 2);
      bigger.set(array);
      return bigger;
    };
    this.starts = grow(this.starts, (length) => new Int32Array(length));
    this.ends = grow(this.ends, (length) => new Int32Array(length));
    this.kinds = grow(this.kinds, (length) => new Uint8Array(length));
  }

  /** Length of the record delimiter at `at` (0: none), discovering it when still unknown. -1: need more bytes. */
  private delimiterAt(bytes: Uint8Array, at: number, limit: number, eof: boolean, discover: boolean): number {
    const byte = bytes[at];
    if (byte !== CR && byte !== LF) return 0;
    const known = this.recordDelimiter;
    if (byte === LF) {
      if (known === RD_UNKNOWN && discover) this.recordDelimiter = RD_LF;
      return known === RD_UNKNOWN || known === RD_LF ? 1 : 0;
    }
    if (known === RD_CR) return 1;
    if (known === RD_LF) return 0;
    if (at + 1 >= limit && !eof) return -1;
    const crlf = bytes[at + 1] === LF;
    if (known === RD_UNKNOWN) {
      if (discover) this.recordDelimiter = crlf ? RD_CRLF : RD_CR;
      return crlf ? 2 : 1;
    }
    return crlf ? 2 : 0;
  }

  /** csv-parse's size check before appending `count` bytes (`units` characters) to the current field. */
  private append(bytes: Uint8Array, start: number, count: number): boolean {
    if (!this.precise || count === 0) return true;
    this.fieldBytes += count;
    this.fieldUnits += codeUnits(bytes, start, start + count);
    return this.recordUnits + this.fieldBytes - 1 <= MAX_RECORD_CHARS;
  }

  /** Notes where field `field` lies: its content, or for an ESCAPED field the raw bytes from its start. */
  private endField(field: number, fieldStart: number, contentStart: number, contentEnd: number, end: number, kind: number): void {
    const start = kind === ESCAPED ? fieldStart : contentStart;
    if (kind !== ESCAPED && contentEnd !== -1) end = contentEnd;
    const slot = this.slot(field);
    if (slot >= 0) {
      this.starts[slot] = start;
      this.ends[slot] = end;
      this.kinds[slot] = kind;
      if (kind !== PLAIN) this.escapedKinds = true;
    }
    this.recordUnits += this.fieldUnits;
    this.fieldBytes = 0;
    this.fieldUnits = 0;
  }

  private run(bytes: Uint8Array, start: number, limit: number, eof: boolean): ScanResult {
    const { delimiter, special } = this;
    let pos = start;
    let field = 0;
    let lineBreaks = 0;
    this.fieldBytes = 0;
    this.fieldUnits = 0;
    for (;;) {
      // A field starts at `pos`.
      const fieldStart = pos;
      let quoted = false;
      let wasQuoted = false;
      let hasContent = false;
      let kind = PLAIN;
      let contentStart = pos;
      let contentEnd = -1;
      for (;;) {
        if (pos >= limit) {
          if (!eof) return NEED_MORE;
          if (quoted) return this.quoteError(UNCLOSED_QUOTE, field);
          if (field === 0 && !hasContent && !wasQuoted) return END;
          this.endField(field, fieldStart, contentStart, contentEnd, pos, kind);
          return this.finish(field + 1, lineBreaks, pos);
        }
        if (quoted) {
          let run = pos;
          while (run < limit && this.quotedSpecial[bytes[run] as number] === 0) run += 1;
          if (run > pos) {
            hasContent = true;
            if (!this.append(bytes, pos, run - pos)) return TOO_LARGE;
            pos = run;
            continue;
          }
          const byte = bytes[pos] as number;
          if (byte !== QUOTE) {
            // A line break inside quotes: CRLF counts once, at its LF.
            if (byte === CR && pos + 1 >= limit && !eof) return NEED_MORE;
            if (byte === LF || bytes[pos + 1] !== LF || pos + 1 >= limit) lineBreaks += 1;
            hasContent = true;
            if (!this.append(bytes, pos, 1)) return TOO_LARGE;
            pos += 1;
            continue;
          }
          const need = this.recordDelimiter === RD_CRLF ? 3 : 2;
          if (pos + need > limit && !eof) return NEED_MORE;
          const after = pos + 1 < limit ? (bytes[pos + 1] as number) : -1;
          if (after === QUOTE) {
            // An escaped quote: one `"` of content.
            kind = ESCAPED;
            hasContent = true;
            if (!this.append(bytes, pos + 1, 1)) return TOO_LARGE;
            pos += 2;
            continue;
          }
          if (after === -1 || after === 0 || after === delimiter || this.delimiterAt(bytes, pos + 1, limit, eof, false) > 0) {
            quoted = false;
            wasQuoted = true;
            contentEnd = pos;
            pos += 1;
            continue;
          }
          return this.quoteError(MISPLACED_QUOTE, field);
        }
        const byte = bytes[pos] as number;
        if (special[byte] === 0) {
          let run = pos + 1;
          while (run < limit && special[bytes[run] as number] === 0) run += 1;
          if (wasQuoted) kind = ESCAPED; // content after a closing quote (csv-parse keeps it): unescape later
          hasContent = true;
          if (!this.append(bytes, pos, run - pos)) return TOO_LARGE;
          pos = run;
          continue;
        }
        if (byte === QUOTE) {
          if (hasContent) return this.quoteError(MISPLACED_QUOTE, field);
          quoted = true;
          contentStart = pos + 1;
          pos += 1;
          continue;
        }
        if (byte === delimiter) {
          this.endField(field, fieldStart, contentStart, contentEnd, pos, kind);
          field += 1;
          pos += 1;
          break;
        }
        // CR or LF outside quotes: the record's end, or content when it is not the record delimiter.
        const length = this.delimiterAt(bytes, pos, limit, eof, true);
        if (length < 0) return NEED_MORE;
        if (length > 0) {
          this.endField(field, fieldStart, contentStart, contentEnd, pos, kind);
          return this.finish(field + 1, lineBreaks, pos + length);
        }
        lineBreaks += 1;
        hasContent = true;
        if (!this.append(bytes, pos, 1)) return TOO_LARGE;
        pos += 1;
      }
    }
  }

  private quoteError(result: typeof UNCLOSED_QUOTE | typeof MISPLACED_QUOTE, field: number): ScanResult {
    this.errorField = field;
    return result;
  }

  private finish(fields: number, lineBreaks: number, next: number): ScanResult {
    this.fieldCount = fields;
    this.lineBreaks = lineBreaks;
    this.next = next;
    return RECORD;
  }
}
