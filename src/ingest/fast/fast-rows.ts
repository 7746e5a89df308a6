/**
 * rows.ts' countRow for a record the byte-level scanner read: the same checks in the same order with the
 * same outcome, but on the bytes where it can (a score of one or two digits, an ISO 8601 timestamp or a
 * common local date, a variant or segment seen before, an ASCII id hashed in place), decoding a field to a
 * string only where it cannot. test/ingest/ingest-fast.test.ts holds it to countRow on random exports.
 */
import { InputError } from "../../errors.js";
import type { TallyCell } from "../../tally/tally.js";
import { DAY_MS, dayInTimeZone, daysInMonth, wallClockToEpoch } from "../date.js";
import { Hash64, hashAscii, hashString } from "../hash64.js";
import { wholeNumberIdOf } from "../id-set.js";
import type { VariantKey } from "../respondents.js";
import { repeatsHeader, unreadHeaderRepeat, type RowContext } from "../rows.js";
import { parseLabelledScore } from "../score.js";
import { unescapeField } from "./field-text.js";
import { ENTRIES, Interner } from "./interner.js";
import { localDateInstant } from "./local-date.js";
import { BLANK, DAY, HASHED, ID_HIGH, ID_KIND, ID_LOW, MILLISECONDS, PERSON_HIGH, PERSON_KIND, PERSON_LOW, RECORDS_DATES, RECORDS_SEGMENTS, SCORE, SEGMENT_END, SEGMENT_ENTRY, SEGMENT_START, VARIANT_END, VARIANT_ENTRY, VARIANT_START, WHOLE_NUMBER, type RowKernel } from "./row-kernel.js";
import { PLAIN, type RecordScanner } from "./scanner.js";

const isSpace = (byte: number): boolean => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
const digit = (bytes: Buffer, at: number): number => (bytes[at] as number) - 0x30;
/** Two ASCII digits as a number, or -1. */
function twoDigits(bytes: Buffer, at: number): number {
  const tens = (bytes[at] as number) - 0x30;
  const units = (bytes[at + 1] as number) - 0x30;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
}

const isDigit = (bytes: Buffer, at: number): boolean => (bytes[at] as number) >= 0x30 && (bytes[at] as number) <= 0x39;

/** The "entries" (lastCell) of a file's own variant (no variant column) and of no segment column, after the Interner's. */
const FILE_VARIANT = ENTRIES;
const NO_SEGMENT = ENTRIES;

interface LastCell {
  readonly day: string | null;
  cell: TallyCell | null;
  place: number;
}

export class FastRowCounter {
  /** The columns to decode, in slot order (the scanner's `columns`). */
  readonly columns: number[] = [];
  /** Scanner slot of each column (-1: not decoded). */
  private readonly slots: Int32Array;
  /** Content bounds found by `plain`. */
  private start = 0;
  private end = 0;
  private readonly variants = new Interner();
  private readonly segments = new Interner();
  private readonly hash = new Hash64();
  private readonly sparse: string[] = [];
  private readonly dateZone: string;
  private lastDayNumber = Number.NaN;
  /** The date part of the last UTC timestamp read by isoInstant, and its midnight (none yet: no byte matches 0xff). */
  private readonly lastDate = new Uint8Array(10).fill(0xff);
  /**
   * Doubles from the start (NaN, not 0): a field first given a small integer and later an instant changes its
   * object's hidden class, and V8 then threw away the compiled row counter ("wrong map", `node --trace-deopt`),
   * once per reader thread, when the first row the JavaScript read after the row kernel's set a date.
   */
  private lastDateMs = Number.NaN;
  /** The instant of the row's date (isoInstant, day). */
  private instantMs = Number.NaN;
  private lastDay = "";
  private readonly dayTexts = new Map<number, string>();
  /** The last cell of each (variant, segment), by text, and by Interner entries (see lastCell). */
  private readonly cells = new Map<string, Map<string | null, LastCell>>();
  private readonly cellsByEntry: (LastCell | undefined)[] = new Array<LastCell | undefined>((ENTRIES + 1) * (ENTRIES + 1)).fill(undefined);
  /** The ledger's keys of the variants by Interner entry (variantKey). */
  private readonly variantKeys: (VariantKey | undefined)[] = new Array<VariantKey | undefined>(ENTRIES + 1).fill(undefined);
  /** The Interner entries of this row's variant and segment (-1: none; FILE_VARIANT, NO_SEGMENT: see there). */
  private variantEntry = -1;
  private segmentEntry = -1;
  private bytes: Buffer = Buffer.alloc(0);
  private scanner: RecordScanner | null = null;

  constructor(private readonly context: RowContext) {
    const { columns, layout } = context;
    const needed = [columns.score, columns.date, columns.variant, columns.segment, columns.responseId, columns.respondent, ...layout.excludedColumns];
    this.slots = new Int32Array(Math.max(...needed.map((column) => column ?? 0)) + 1).fill(-1);
    for (const column of needed) {
      if (column !== null && this.slots[column] === -1) {
        this.slots[column] = this.columns.length;
        this.columns.push(column);
      }
    }
    this.dateZone = context.dates?.zone ?? "UTC";
    const fast = context.ledger.takesChunkRecords && context.timeZone === "UTC" && columns.variant !== null && layout.excludedColumns.length === 0;
    this.fastFlags = !fast ? -1 : (context.dates !== null && columns.date !== null ? RECORDS_DATES : 0) | (columns.segment !== null ? RECORDS_SEGMENTS : 0);
  }

  /** Counts the record the scanner holds, or notes it in the ledger (as rows.ts' countRow). */
  count(bytes: Buffer, line: number, scanner: RecordScanner): void {
    this.bytes = bytes;
    this.scanner = scanner;
    const { tally, columns, layout, ledger } = this.context;
    const seq = ledger.startRow();
    tally.accounting.rowsRead += 1;
    if (layout.excludedColumns.length > 0) {
      for (const column of layout.excludedColumns) this.sparse[column] = this.text(column);
      const excluded = layout.excluded(this.sparse);
      if (excluded !== null) return ledger.cells.drop(excluded, seq);
    }
    const variant = this.variant();
    if (variant === null) return ledger.cells.drop("missing-variant", seq);
    const key = this.variantKey(variant);
    if (columns.responseId !== null) this.responseId(columns.responseId, key);
    const score = this.score(line);
    if (score < 0) return;
    const day = this.day(line);
    if (day === undefined) return;
    this.segmentEntry = NO_SEGMENT;
    const segment = columns.segment === null ? null : this.segmentValue(columns.segment);
    if (columns.respondent !== null && this.identifier(columns.respondent, true)) ledger.noteRespondent(this.hash);
    this.use(variant, key, day, segment, score, seq);
  }

  /**
   * `count` for a row the row kernel read and parsed (row-kernel.ts; its file has no excluded columns): the
   * same steps in the same order, from the fields' values it wrote at `rows[at..]`.
   */
  /**
   * `records` flags for the rows the row kernel may note itself (fastRows), or -1 when it may not: a chunk's
   * ledger that keeps whole-number IDs, a variant column, days in UTC.
   */
  private readonly fastFlags: number;
  /** Rows to leave to countParsed before fastRows asks the kernel again, and the next such wait (see there). */
  private fastWait = 0;
  private fastBackoff = 1;

  /**
   * Rows of the kernel's last `read`, from row `from` of `rows`, that the kernel notes in the ledger itself as
   * chunk records (row-kernel.wat's `records`): counted here as countParsed would count them one by one.
   * Returns how many (0: the row at `from` is countParsed's).
   */
  fastRows(from: number, rows: number, kernel: RowKernel): number {
    if (this.fastFlags < 0) return 0;
    if (this.fastWait > 0) {
      this.fastWait -= 1;
      return 0;
    }
    const { ledger, tally } = this.context;
    const taken = kernel.records(from, rows - from, ledger.nextSeq, this.fastFlags);
    if (taken === 0) {
      // Rows it cannot take (hashed response IDs, say) tend to come together: asked again only after a few.
      this.fastWait = this.fastBackoff;
      this.fastBackoff = Math.min(this.fastBackoff * 2, 64);
      return 0;
    }
    this.fastBackoff = 1;
    ledger.addChunkRecords(kernel.chunkRecords(taken), taken);
    tally.accounting.rowsRead += taken;
    return taken;
  }

  /**
   * Tells the kernel what fastRows needs of the row countParsed just noted: its variant's index, and its place
   * (`place`) by its variant and segment entries and its day (the kernel's: its times are within the day). A
   * place is known only once a row of it was used, so within the window (--from, --to).
   */
  private teach(rows: Int32Array, at: number, kernel: RowKernel, key: VariantKey, place: number): void {
    const { variantEntry, segmentEntry } = this;
    if (variantEntry < 0 || variantEntry >= ENTRIES || segmentEntry < 0) return;
    const day = (this.fastFlags & RECORDS_DATES) !== 0 ? (rows[at + DAY] as number) : 0;
    kernel.setVariant(variantEntry, key.index);
    kernel.setPlace(variantEntry, segmentEntry === NO_SEGMENT ? -1 : segmentEntry, day, place);
  }

  countParsed(bytes: Buffer, rows: Int32Array, at: number, kernel: RowKernel): void {
    this.bytes = bytes;
    const { tally, columns, ledger } = this.context;
    const seq = ledger.startRow();
    tally.accounting.rowsRead += 1;
    const variant = columns.variant === null ? this.fileVariant() : this.knownVariant(rows, at, kernel);
    if (variant === null) return ledger.cells.drop("missing-variant", seq);
    const key = this.variantKey(variant);
    const idKind = rows[at + ID_KIND] as number;
    // A whole number noted as such, also when the ledger hashes them: noteNumericId then hashes its digits,
    // which is what hashing the text does (hash64.ts' hashWholeNumber).
    if (idKind === WHOLE_NUMBER) ledger.noteNumericIdWords(key, rows[at + ID_HIGH] as number, rows[at + ID_LOW] as number);
    else if (idKind === HASHED) ledger.noteId(key, this.hashOf(rows[at + ID_HIGH] as number, rows[at + ID_LOW] as number));
    const score = rows[at + SCORE] as number;
    let day: string | null | undefined = null;
    if (this.context.dates !== null && columns.date !== null) {
      this.instantMs = (rows[at + DAY] as number) * DAY_MS + (rows[at + MILLISECONDS] as number);
      day = this.dayOfInstant();
      if (day === undefined) return;
    }
    this.segmentEntry = NO_SEGMENT;
    const segment = columns.segment === null ? null : this.knownSegment(rows, at, kernel);
    if (rows[at + PERSON_KIND] !== BLANK) ledger.noteRespondent(this.hashOf(rows[at + PERSON_HIGH] as number, rows[at + PERSON_LOW] as number));
    const place = this.use(variant, key, day, segment, score, seq);
    // Taught only by a row noted in the ledger (place >= 0) of the kind the kernel takes (not a hashed
    // response ID): others teach it nothing.
    if (this.fastFlags >= 0 && idKind !== HASHED && place >= 0) this.teach(rows, at, kernel, key, place);
  }

  /** The variant of a kernel row, or null when blank (knownText). */
  private knownVariant(rows: Int32Array, at: number, kernel: RowKernel): string | null {
    const text = this.knownText(this.variants, 0, rows, at, kernel);
    this.variantEntry = this.variants.entry;
    return text === "" ? null : text;
  }

  private knownSegment(rows: Int32Array, at: number, kernel: RowKernel): string {
    const text = this.knownText(this.segments, 1, rows, at, kernel);
    this.segmentEntry = this.segments.entry;
    return text === "" ? "(blank)" : text;
  }

  /**
   * The text of a kernel row's variant (`column` 0) or segment (1): by the entry the kernel found among the
   * values it was told of, else looked up in the Interner, and the kernel told of the value if it is new.
   */
  private knownText(interner: Interner, column: 0 | 1, rows: Int32Array, at: number, kernel: RowKernel): string {
    const entry = rows[at + (column === 0 ? VARIANT_ENTRY : SEGMENT_ENTRY)] as number;
    if (entry >= 0) return interner.textOf(entry);
    const start = rows[at + (column === 0 ? VARIANT_START : SEGMENT_START)] as number;
    const end = rows[at + (column === 0 ? VARIANT_END : SEGMENT_END)] as number;
    const known = interner.size;
    const text = interner.value(this.bytes, start, end);
    if (interner.size > known) kernel.remember(column, interner.entry, this.bytes, start, end);
    return text;
  }

  private hashOf(high: number, low: number): Hash64 {
    this.hash.high = high;
    this.hash.low = low;
    return this.hash;
  }

  /** The row is used: counted into its cell now, or noted in the ledger (see `deferring`). */
  private use(variant: string, key: VariantKey, day: string | null, segment: string | null, score: number, seq: number): number {
    const { ledger } = this.context;
    const last = this.lastCell(variant, day, segment);
    // A cell is only looked up (and so created, born at `seq`) by a row counted into it now.
    if (!ledger.deferring) {
      ledger.cells.countNow(last.cell ?? (last.cell = ledger.cells.cell(variant, day, segment, seq)), score);
      return -1;
    }
    if (last.place < 0) last.place = ledger.cells.id(variant, day, segment);
    ledger.deferUse(key, last.place, score);
    return last.place;
  }

  /** The ledger's key of the row's variant: by its Interner entry when it has one, not a Map lookup by text. */
  private variantKey(variant: string): VariantKey {
    const entry = this.variantEntry;
    if (entry < 0) return this.context.ledger.variant(variant);
    return (this.variantKeys[entry] ??= this.context.ledger.variant(variant));
  }

  /**
   * `text` as a function, made once: an arrow function written inside `score` made V8 allocate a context for
   * it at every call, whether or not it was reached (~40 bytes a row, most of a reader thread's garbage).
   */
  private readonly textOf = (column: number): string => this.text(column);

  /** The scanner slot of a column, or -2 when the record lacks it (--relax reads it as blank). */
  private slotOf(column: number): number {
    const scanner = this.scanner as RecordScanner;
    return column < scanner.fieldCount ? (this.slots[column] as number) : -2;
  }

  private text(column: number): string {
    const scanner = this.scanner as RecordScanner;
    const slot = this.slotOf(column);
    if (slot === -2) return "";
    const [start, end] = [scanner.starts[slot] as number, scanner.ends[slot] as number];
    return scanner.kinds[slot] === PLAIN ? this.bytes.toString("utf8", start, end) : unescapeField(this.bytes, start, end);
  }

  /** Whether a column's content is plain bytes (then at `this.start..this.end`), not to be unescaped or missing. */
  private plain(column: number): boolean {
    const scanner = this.scanner as RecordScanner;
    const slot = this.slotOf(column);
    if (slot === -2 || scanner.kinds[slot] !== PLAIN) return false;
    this.start = scanner.starts[slot] as number;
    this.end = scanner.ends[slot] as number;
    return true;
  }

  /** plain, with `this.start..this.end` trimmed of ASCII whitespace, as `trim` trims ASCII text. */
  private plainTrimmed(column: number): boolean {
    if (!this.plain(column)) return false;
    let { start, end } = this;
    while (start < end && isSpace(this.bytes[start] as number)) start += 1;
    while (end > start && isSpace(this.bytes[end - 1] as number)) end -= 1;
    this.start = start;
    this.end = end;
    return true;
  }

  private variant(): string | null {
    const { columns } = this.context;
    if (columns.variant === null) return this.fileVariant();
    if (this.plain(columns.variant)) return this.internedVariant(this.start, this.end);
    this.variantEntry = -1;
    return this.text(columns.variant).trim() || null;
  }

  private fileVariant(): string {
    const { variant, file } = this.context;
    if (variant === undefined) throw new InputError("no variant for this file", { file }, "use name=path or --variant-column");
    this.variantEntry = FILE_VARIANT;
    return variant;
  }

  /** The variant of plain bytes `start..end`, or null when blank. */
  private internedVariant(start: number, end: number): string | null {
    const text = this.variants.value(this.bytes, start, end);
    this.variantEntry = this.variants.entry;
    return text === "" ? null : text;
  }

  private segmentValue(column: number): string {
    if (this.plain(column)) return this.internedSegment(this.start, this.end);
    this.segmentEntry = -1;
    return this.text(column).trim() || "(blank)";
  }

  private internedSegment(start: number, end: number): string {
    const text = this.segments.value(this.bytes, start, end);
    this.segmentEntry = this.segments.entry;
    return text === "" ? "(blank)" : text;
  }

  /** Notes the row's response ID, unless blank: a whole number as such (wholeNumberId), any other text hashed. */
  private responseId(column: number, variant: VariantKey): void {
    const { ledger } = this.context;
    if (this.plainTrimmed(column)) {
      const { start, end } = this;
      if (start === end) return;
      const value = ledger.takesNumericIds ? wholeNumberIdOf(this.bytes, start, end) : -1;
      if (value >= 0) return ledger.noteNumericId(variant, value);
      // ASCII: trimmed as the text would be. Otherwise (a Unicode space around digits, say) decide on the text.
      if (hashAscii(this.bytes, start, end, false, this.hash)) return ledger.noteId(variant, this.hash);
    }
    const text = this.text(column).trim();
    if (text !== "") ledger.noteIdText(variant, text);
  }

  /** Hashes the trimmed (and lower-cased) value into `this.hash`; false when it is blank. */
  private identifier(column: number, lowerCase: boolean): boolean {
    if (this.plainTrimmed(column)) {
      const { start, end } = this;
      if (start === end) return false;
      if (hashAscii(this.bytes, start, end, lowerCase, this.hash)) return true;
    }
    const trimmed = this.text(column).trim();
    if (trimmed === "") return false;
    hashString(lowerCase ? trimmed.toLowerCase() : trimmed, this.hash);
    return true;
  }

  /** The score, or -1 when the row was dropped for it (as rows.ts' scoreOf). */
  private score(line: number): number {
    const { columns } = this.context;
    if (this.plainTrimmed(columns.score)) {
      const { start, end } = this;
      if (end - start === 1 && isDigit(this.bytes, start)) return digit(this.bytes, start);
      if (end - start === 2 && isDigit(this.bytes, start) && isDigit(this.bytes, start + 1)) {
        const value = digit(this.bytes, start) * 10 + digit(this.bytes, start + 1);
        if (value <= 10) return value;
      }
    }
    const raw = this.text(columns.score);
    const score = parseLabelledScore(raw);
    if (score.kind === "score") return score.score;
    if (score.kind === "invalid" && repeatsHeader(this.textOf, columns)) {
      unreadHeaderRepeat(this.context);
      return -1;
    }
    if (this.context.strict) {
      const what = score.kind === "missing" ? "blank score" : `invalid score ${JSON.stringify(raw)}`;
      throw new InputError(what, { file: this.context.file, line, column: columns.names.score }, "scores are whole numbers 0-10; without --strict such rows are dropped and counted");
    }
    this.context.ledger.drop(score.kind === "missing" ? "missing-score" : "invalid-score");
    return -1;
  }

  /** As rows.ts' dayOf: the day, null without dates, undefined when the row was dropped for its date. */
  private day(line: number): string | null | undefined {
    const { dates, columns, ledger } = this.context;
    if (dates === null || columns.date === null) return null;
    // The instant stays in `instantMs` from here on, not in a local: merged with the other readers' results
    // into one variable, it was a heap number allocated a row.
    if (!this.isoInstant(columns.date)) {
      const local = this.plain(columns.date) ? localDateInstant(this.bytes, this.start, this.end, dates, this.dateZone) : Number.NaN;
      if (Number.isNaN(local)) {
        const date = dates.read(this.text(columns.date), line);
        if (date.kind !== "date") return void ledger.drop(date.kind === "missing" ? "missing-date" : "invalid-date");
        this.instantMs = date.epochMs;
      } else this.instantMs = local;
    }
    return this.dayOfInstant();
  }

  /** The day of `instantMs` in the report's zone, or undefined when the row was dropped for it (--from, --to). */
  private dayOfInstant(): string | undefined {
    const { ledger, from, to, timeZone } = this.context;
    const day = timeZone === "UTC" ? this.utcDay() : dayInTimeZone(this.instantMs, timeZone);
    if ((from !== undefined && day < from) || (to !== undefined && day > to)) return void ledger.drop("outside-window");
    return day;
  }

  /**
   * `YYYY-MM-DDTHH:MM:SS` with `Z` or no offset, read as date.ts' parseTimestamp does, into `instantMs`; false
   * for anything else. A field, not the instant returned: V8 does not inline this into `day`, and a double
   * returned is a heap number allocated a row (16 bytes, most of a reader thread's garbage after `score`'s).
   */
  private isoInstant(column: number): boolean {
    if (!this.plain(column)) return false;
    const { bytes, start: at, end } = this;
    const zulu = end - at === 20 && (bytes[at + 19] === 0x5a || bytes[at + 19] === 0x7a);
    if (!(end - at === 19 || zulu) || bytes[at + 4] !== 0x2d || bytes[at + 7] !== 0x2d || bytes[at + 13] !== 0x3a || bytes[at + 16] !== 0x3a) return false;
    const separator = bytes[at + 10];
    if (separator !== 0x54 && separator !== 0x20 && separator !== 0x74) return false;
    const hour = twoDigits(bytes, at + 11);
    const minute = twoDigits(bytes, at + 14);
    const second = twoDigits(bytes, at + 17);
    // twoDigits is negative for a non-digit; the ranges are date.ts' isValidWallClock.
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
    // Date.UTC(y, m, d, h, mi, s) is MakeDay(y, m, d) x msPerDay + MakeTime(h, mi, s, 0) (ECMA-262, 21.4.1.27):
    // a timestamp of the last UTC date read (exports come in date order) only adds its time to that midnight.
    const time = ((hour * 60 + minute) * 60 + second) * 1000;
    if (zulu && this.sameDate(bytes, at)) return this.instant(this.lastDateMs + time);
    const century = twoDigits(bytes, at);
    const yearOfCentury = twoDigits(bytes, at + 2);
    // Years before 1000 go to the text path, which finds them invalid (date.ts).
    if (century < 10 || yearOfCentury < 0) return false;
    const year = century * 100 + yearOfCentury;
    const month = twoDigits(bytes, at + 5);
    const day = twoDigits(bytes, at + 8);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
    if (!zulu) return this.instant(wallClockToEpoch([year, month, day, hour, minute, second, 0], this.dateZone));
    this.lastDateMs = Date.UTC(year, month - 1, day);
    for (let index = 0; index < 10; index += 1) this.lastDate[index] = bytes[at + index] as number;
    return this.instant(this.lastDateMs + time);
  }

  private instant(epochMs: number): true {
    this.instantMs = epochMs;
    return true;
  }

  /** Whether the 10 bytes at `at` are the date (`YYYY-MM-DD`) of the last UTC timestamp read. */
  private sameDate(bytes: Buffer, at: number): boolean {
    const { lastDate } = this;
    for (let index = 0; index < 10; index += 1) if (bytes[at + index] !== lastDate[index]) return false;
    return true;
  }

  /** The UTC day of `instantMs`: the last row's, or one seen before (an export sorted by something else than time). */
  private utcDay(): string {
    const epochMs = this.instantMs;
    const dayNumber = Math.floor(epochMs / DAY_MS);
    if (dayNumber !== this.lastDayNumber) {
      let day = this.dayTexts.get(dayNumber);
      if (day === undefined) {
        day = dayInTimeZone(epochMs, "UTC");
        if (this.dayTexts.size >= 100_000) this.dayTexts.clear();
        this.dayTexts.set(dayNumber, day);
      }
      this.lastDayNumber = dayNumber;
      this.lastDay = day;
    }
    return this.lastDay;
  }

  /**
   * The last cell (counted at once) and place (deferred, FileCells.id) of each (variant, segment), found
   * lazily: rows come mostly in date order, so most rows reuse them. By the variant's and segment's Interner
   * entries where both have one (an array, not two Map lookups by text: ~5% of a reader thread's time), else by
   * their text. A (variant, segment) may then have two last cells (bytes that trim to the same text, or a value
   * read once from a quoted field); both find the same Tally cell and place, which are looked up by text.
   */
  private lastCell(variant: string, day: string | null, segment: string | null): LastCell {
    const { variantEntry, segmentEntry } = this;
    if (variantEntry >= 0 && segmentEntry >= 0) {
      const key = variantEntry * (ENTRIES + 1) + segmentEntry;
      let last = this.cellsByEntry[key];
      if (last === undefined || last.day !== day) this.cellsByEntry[key] = last = { day, cell: null, place: -1 };
      return last;
    }
    let bySegment = this.cells.get(variant);
    if (bySegment === undefined) this.cells.set(variant, (bySegment = new Map()));
    let last = bySegment.get(segment);
    if (last === undefined || last.day !== day) {
      last = { day, cell: null, place: -1 };
      bySegment.set(segment, last);
    }
    return last;
  }
}
